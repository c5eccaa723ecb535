/**
 * The Lotse server: one application module per capability, talking through their top-level API types and events.
 */
@NullMarked
package io.lotse;

import org.jspecify.annotations.NullMarked;
