package io.lotse.engine.experiment;

import org.jspecify.annotations.Nullable;

/**
 * The Bayesian reading of one variant of an A/B/n test.
 *
 * @param name                the variant
 * @param trials              people who received it
 * @param successes           people among them who succeeded
 * @param rate                posterior mean of the success rate
 * @param rateInterval        95% credible interval of the success rate
 * @param chanceToBeatControl P(rate &gt; control's rate); 0.5 for the control itself
 * @param chanceToBeBest      P(this variant has the highest rate of all)
 * @param expectedLift        posterior mean of the relative lift over the control, (rate − control) / control
 * @param liftInterval        95% credible interval of that lift; {@code null} for the control itself
 */
public record VariantAnalysis(String name, long trials, long successes, double rate, Interval rateInterval,
                              double chanceToBeatControl, double chanceToBeBest, double expectedLift,
                              @Nullable Interval liftInterval) {}
