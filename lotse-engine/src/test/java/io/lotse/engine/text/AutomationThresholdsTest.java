package io.lotse.engine.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AutomationThresholdsTest {

    /** 90 confident right answers (0.95), 10 less confident wrong ones (0.6). */
    private static List<IntentTrainer.ValidationOutcome> outcomes() {
        List<IntentTrainer.ValidationOutcome> outcomes = new ArrayList<>();
        for (int i = 0; i < 90; i++) {
            outcomes.add(outcome("a", "a", 0.95, 0.9));
        }
        for (int i = 0; i < 10; i++) {
            outcomes.add(outcome("b", "a", 0.6, 0.3));
        }
        return outcomes;
    }

    @Test
    void thresholdsLetThroughOnlyWhatMeetsTheTargetPrecision() {
        AutomationThresholds thresholds = AutomationThresholds.choose(outcomes(), 0.98, 0);

        assertThat(thresholds.minConfidence()).isGreaterThan(0.6).isLessThanOrEqualTo(0.95);
        assertThat(thresholds.expectedPrecision()).isEqualTo(1.0);
        assertThat(thresholds.coverage()).isEqualTo(0.9);
        assertThat(thresholds.support()).isEqualTo(90);
        assertThat(thresholds.pass(outcome("a", "a", 0.95, 0.9).prediction())).isTrue();
        assertThat(thresholds.pass(outcome("b", "a", 0.6, 0.3).prediction())).isFalse();
    }

    @Test
    void aLowerTargetLetsMoreThrough() {
        AutomationThresholds thresholds = AutomationThresholds.choose(outcomes(), 0.9, 0);

        assertThat(thresholds.coverage()).isEqualTo(1.0);
        assertThat(thresholds.expectedPrecision()).isEqualTo(0.9);
    }

    @Test
    void unreachableTargetsAutomateNothing() {
        List<IntentTrainer.ValidationOutcome> coinFlips = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            coinFlips.add(outcome(i % 2 == 0 ? "a" : "b", "a", 0.9, 0.8));
        }

        AutomationThresholds thresholds = AutomationThresholds.choose(coinFlips, 0.98, 0);

        assertThat(thresholds.coverage()).isZero();
        assertThat(thresholds.pass(outcome("a", "a", 1.0, 1.0).prediction())).isFalse();
    }

    @Test
    void aLowerConfidenceBoundNeedsMoreEvidenceThanThePointEstimate() {
        List<IntentTrainer.ValidationOutcome> ninetyRight = outcomes();
        List<IntentTrainer.ValidationOutcome> twoHundredRight = new ArrayList<>(outcomes());
        for (int i = 0; i < 110; i++) {
            twoHundredRight.add(outcome("a", "a", 0.95, 0.9));
        }

        // 90 of 90 right: a point estimate of 1, but at 95% confidence only above 0.97
        assertThat(AutomationThresholds.choose(ninetyRight, 0.98, 0).support()).isEqualTo(90);
        assertThat(AutomationThresholds.choose(ninetyRight, 0.98, 0.95).support()).isZero();
        // 200 of 200: above 0.98 at 95% confidence
        assertThat(AutomationThresholds.choose(twoHundredRight, 0.98, 0.95).support()).isEqualTo(200);
        assertThat(AutomationThresholds.wilsonLowerBound(90, 90, 1.6449)).isCloseTo(0.9708,
                org.assertj.core.data.Offset.offset(1e-3));
        assertThatIllegalArgumentException().isThrownBy(() -> AutomationThresholds.choose(ninetyRight, 0.98, 1));
    }

    @Test
    void tooFewExamplesAutomateNothing() {
        assertThat(AutomationThresholds.choose(outcomes().subList(0, 5), 0.98, 0).support()).isZero();
    }

    @Test
    void outOfScopePredictionsNeverPass() {
        IntentPrediction outside = new IntentPrediction("out_of_scope", 0.99, 0.98, "a", true, List.of());

        assertThat(AutomationThresholds.choose(outcomes(), 0.98, 0).pass(outside)).isFalse();
    }

    @Test
    void targetOutsideZeroToOneIsRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> AutomationThresholds.choose(outcomes(), 1.5, 0));
    }

    private static IntentTrainer.ValidationOutcome outcome(String truth, String predicted, double confidence,
            double margin) {
        return new IntentTrainer.ValidationOutcome("text", truth, new IntentPrediction(predicted, confidence, margin,
                "c", false, List.of(new IntentScore(predicted, confidence))));
    }
}
