/**
 * Experiments: Bayesian analysis of A/B/n tests on rates (Beta-Binomial), holdout incrementality, and a
 * Thompson-sampling bandit that shifts traffic to the best variant, with a regret simulation.
 */
@NullMarked
package io.lotse.engine.experiment;

import org.jspecify.annotations.NullMarked;
