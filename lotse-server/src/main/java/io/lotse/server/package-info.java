/**
 * The Lotse server: one application module per capability, talking through their top-level API types and events.
 */
@NullMarked
package io.lotse.server;

import org.jspecify.annotations.NullMarked;
