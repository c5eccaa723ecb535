/**
 * The operator's web UI: sign-in, a dashboard, profile search and profile pages, in English and German.
 */
@NullMarked
package io.lotse.server.web;

import org.jspecify.annotations.NullMarked;
