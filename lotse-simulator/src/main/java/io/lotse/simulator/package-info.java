/**
 * A seeded, deterministic synthetic European online shop with known ground truth: library API and command line.
 */
@NullMarked
package io.lotse.simulator;

import org.jspecify.annotations.NullMarked;
