/**
 * Purchase propensity: features from a customer's history up to a cutoff, calibrated gradient-boosted trees or
 * logistic regression that give the probability of an event within a horizon, per-person explanations and the
 * metrics to judge them.
 */
@NullMarked
package io.lotse.engine.propensity;

import org.jspecify.annotations.NullMarked;
