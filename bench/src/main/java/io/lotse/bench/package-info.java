/**
 * Load drivers that measure a running Lotse server from the outside, the way its tracking clients use it.
 */
@NullMarked
package io.lotse.bench;

import org.jspecify.annotations.NullMarked;
