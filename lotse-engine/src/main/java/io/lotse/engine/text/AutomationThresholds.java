package io.lotse.engine.text;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.hipparchus.distribution.continuous.NormalDistribution;

/**
 * When an intent prediction is safe to answer without a person: its calibrated confidence and its margin to the
 * runner-up must both reach their minimum, and it must not be out of scope.
 *
 * @param minConfidence      minimum calibrated confidence
 * @param minMargin          minimum margin to the runner-up
 * @param targetPrecision    the share of correct automatic answers the thresholds were chosen for
 * @param expectedPrecision  share of correct predictions among the validation examples that pass (NaN if none)
 * @param coverage           share of the validation examples that pass
 * @param support            validation examples that pass
 */
public record AutomationThresholds(double minConfidence, double minMargin, double targetPrecision,
        double expectedPrecision, double coverage, int support) {

    /** Below this many passing validation examples a precision estimate is not trusted. */
    public static final int MIN_SUPPORT = 10;

    /** Thresholds nothing passes. */
    public static AutomationThresholds never(double targetPrecision) {
        return new AutomationThresholds(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, targetPrecision,
                Double.NaN, 0, 0);
    }

    /** Whether a prediction passes. */
    public boolean pass(IntentPrediction prediction) {
        return !prediction.outOfScope() && prediction.confidence() >= minConfidence
                && prediction.margin() >= minMargin;
    }

    /**
     * The thresholds that let the most validation examples pass while the passing ones are correct at least at
     * {@code targetPrecision} (and at least {@link #MIN_SUPPORT} pass); {@link #never} when no pair of thresholds
     * reaches it. Of equal coverage, the stricter thresholds win. With {@code confidence} above 0 the passing
     * examples must be correct at the target with that one-sided confidence: the Wilson score lower bound of their
     * precision, not its point estimate, must reach the target, so that fewer passing examples need a larger share
     * right (all of about 130 for 98% at 95% confidence).
     *
     * @param outcomes   predictions on examples the model was not fitted on, with their true intents
     * @param confidence 0 for the point estimate, else the confidence of the lower bound (below 1)
     * @throws IllegalArgumentException when the target is not in (0, 1] or the confidence not in [0, 1)
     */
    public static AutomationThresholds choose(List<IntentTrainer.ValidationOutcome> outcomes, double targetPrecision,
            double confidence) {
        if (!(targetPrecision > 0 && targetPrecision <= 1)) {
            throw new IllegalArgumentException("target precision must be in (0, 1], was " + targetPrecision);
        }
        if (!(confidence >= 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be in [0, 1), was " + confidence);
        }
        double z = confidence == 0 ? 0 : new NormalDistribution(0, 1).inverseCumulativeProbability(confidence);
        List<IntentTrainer.ValidationOutcome> candidates = new ArrayList<>();
        for (IntentTrainer.ValidationOutcome outcome : outcomes) {
            if (!outcome.prediction().outOfScope()) {
                candidates.add(outcome);
            }
        }
        TreeSet<Double> confidences = new TreeSet<>();
        TreeSet<Double> margins = new TreeSet<>();
        for (IntentTrainer.ValidationOutcome outcome : candidates) {
            confidences.add(outcome.prediction().confidence());
            margins.add(outcome.prediction().margin());
        }
        List<Double> confidenceGrid = grid(confidences);
        List<Double> marginGrid = grid(margins);
        AutomationThresholds best = never(targetPrecision);
        for (double minConfidence : confidenceGrid) {
            for (double minMargin : marginGrid) {
                int passed = 0;
                int right = 0;
                for (IntentTrainer.ValidationOutcome outcome : candidates) {
                    IntentPrediction p = outcome.prediction();
                    if (p.confidence() >= minConfidence && p.margin() >= minMargin) {
                        passed++;
                        right += outcome.correct() ? 1 : 0;
                    }
                }
                if (passed < MIN_SUPPORT || wilsonLowerBound(right, passed, z) < targetPrecision) {
                    continue;
                }
                double coverage = passed / (double) outcomes.size();
                boolean better = coverage > best.coverage() || coverage == best.coverage()
                        && minConfidence + minMargin > best.minConfidence() + best.minMargin();
                if (better) {
                    best = new AutomationThresholds(minConfidence, minMargin, targetPrecision,
                            right / (double) passed, coverage, passed);
                }
            }
        }
        return best;
    }

    /** The Wilson score lower bound of a proportion {@code right / n} at {@code z}; the proportion at z = 0. */
    static double wilsonLowerBound(int right, int n, double z) {
        double p = right / (double) n;
        if (z == 0) {
            return p;
        }
        double z2 = z * z;
        double centre = p + z2 / (2.0 * n);
        double spread = z * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
        return (centre - spread) / (1 + z2 / n);
    }

    /** At most 60 candidate values: all when few, else quantiles. */
    private static List<Double> grid(TreeSet<Double> values) {
        List<Double> all = new ArrayList<>(values);
        all.add(0, 0.0);
        if (all.size() <= 60) {
            return all;
        }
        List<Double> grid = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            grid.add(all.get((int) ((long) i * (all.size() - 1) / 59)));
        }
        return grid;
    }
}
