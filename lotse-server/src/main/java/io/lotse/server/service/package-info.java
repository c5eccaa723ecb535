/**
 * Customer service: understands each message, gathers the customer's data before anyone looks, answers recurring
 * questions automatically and hands the rest to agents prepared; channels, metrics and friction spotting.
 */
@NullMarked
package io.lotse.server.service;

import org.jspecify.annotations.NullMarked;
