/**
 * Multi-touch attribution of conversions to the channels of customer journeys: rule-based models (first touch,
 * last touch, linear, time decay, position based), the first-order Markov chain with removal effects, and
 * Shapley values of the Markov chain's conversion probability.
 */
@NullMarked
package io.lotse.engine.attribution;

import org.jspecify.annotations.NullMarked;
