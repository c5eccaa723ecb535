/**
 * Load drivers that measure a running Lotse server from the outside, the way its tracking clients use it, and
 * evaluations of Lotse's models against published figures and a simulated shop's ground truth.
 */
@NullMarked
package io.lotse.bench;

import org.jspecify.annotations.NullMarked;
