/**
 * The identity graph: which identifiers belong to which person, every merge with its cause, and undoing merges.
 */
@NullMarked
package io.lotse.server.identity;

import org.jspecify.annotations.NullMarked;
