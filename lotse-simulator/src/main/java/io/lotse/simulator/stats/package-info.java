/**
 * Seeded random streams, the distributions the shop is drawn from, and the closed forms of its true models.
 */
@NullMarked
package io.lotse.simulator.stats;

import org.jspecify.annotations.NullMarked;
