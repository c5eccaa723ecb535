package io.lotse.server.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.lotse.engine.text.AutomationThresholds;
import io.lotse.engine.text.IntentPrediction;
import io.lotse.engine.text.IntentScore;
import java.util.List;
import org.junit.jupiter.api.Test;

class AutomationDecisionTest {

    private final AutomationThresholds thresholds = new AutomationThresholds(0.8, 0.5, 0.98, 0.99, 0.6, 40);
    private final AnswerTemplates.Answer complete = new AnswerTemplates.Answer("Hallo", List.of(), true);

    private static IntentPrediction prediction(double confidence, double margin, boolean outOfScope) {
        return new IntentPrediction(outOfScope ? "out_of_scope" : "opening_hours", confidence, margin, "x",
                outOfScope, List.of(new IntentScore("opening_hours", confidence)));
    }

    @Test
    void confidentEnabledCompleteAndLookedUpIsAutomatic() {
        AutomationDecision decision = AutomationDecision.decide(prediction(0.9, 0.7, false), thresholds, true,
                complete, true);

        assertThat(decision.automatic()).isTrue();
        assertThat(decision.reasons()).isEmpty();
    }

    @Test
    void confidenceOrMarginBelowTheThresholdsHandsOver() {
        assertThat(AutomationDecision.decide(prediction(0.79, 0.7, false), thresholds, true, complete, true)
                .reasons()).containsExactly("confidence 0.790 is below 0.800");
        assertThat(AutomationDecision.decide(prediction(0.9, 0.4, false), thresholds, true, complete, true)
                .reasons()).containsExactly("margin 0.400 is below 0.500");
    }

    @Test
    void aFailedLookupOrMissingDataHandsOver() {
        assertThat(AutomationDecision.decide(prediction(0.9, 0.7, false), thresholds, true, complete, false)
                .reasons()).containsExactly("a lookup failed");
        AnswerTemplates.Answer incomplete = new AnswerTemplates.Answer("Hallo {order.number}",
                List.of("order.number"), true);
        assertThat(AutomationDecision.decide(prediction(0.9, 0.7, false), thresholds, true, incomplete, true)
                .reasons()).containsExactly("the answer lacks order.number");
    }

    @Test
    void disabledIntentsTemplatesForPeopleAndOutOfScopeHandOver() {
        assertThat(AutomationDecision.decide(prediction(0.9, 0.7, false), thresholds, false, complete, true)
                .reasons()).containsExactly("automation of opening_hours is turned off");
        AnswerTemplates.Answer personal = new AnswerTemplates.Answer("Hallo", List.of(), false);
        assertThat(AutomationDecision.decide(prediction(0.9, 0.7, false), thresholds, true, personal, true)
                .automatic()).isFalse();
        assertThat(AutomationDecision.decide(prediction(0.99, 0.99, true), thresholds, true, complete, true)
                .reasons()).containsExactly("the message fits no intent");
    }

    @Test
    void thresholdsThatNothingPassesNeverAutomate() {
        assertThat(AutomationDecision.decide(prediction(1.0, 1.0, false), AutomationThresholds.never(0.98), true,
                complete, true).automatic()).isFalse();
    }
}
