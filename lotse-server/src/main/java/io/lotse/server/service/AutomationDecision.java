package io.lotse.server.service;

import io.lotse.engine.text.AutomationThresholds;
import io.lotse.engine.text.IntentPrediction;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Whether a ticket is answered without a person, and if not, why not: all of these must hold — the message is in
 * scope, the intent's template may be sent automatically and the intent is enabled, the calibrated confidence
 * and the margin reach the thresholds chosen for the target precision, every variable of the answer is known, and
 * every lookup succeeded.
 *
 * @param automatic whether to answer automatically
 * @param reasons   why not, empty when automatic
 */
record AutomationDecision(boolean automatic, List<String> reasons) {

    AutomationDecision {
        reasons = List.copyOf(reasons);
    }

    static AutomationDecision decide(IntentPrediction prediction, AutomationThresholds thresholds,
            boolean intentEnabled, AnswerTemplates.Answer answer, boolean lookupsSucceeded) {
        List<String> reasons = new ArrayList<>();
        if (prediction.outOfScope()) {
            reasons.add("the message fits no intent");
        } else {
            if (!answer.automate()) {
                reasons.add("the answer to " + prediction.intent() + " needs a person");
            } else if (!intentEnabled) {
                reasons.add("automation of " + prediction.intent() + " is turned off");
            }
            if (prediction.confidence() < thresholds.minConfidence()) {
                reasons.add(String.format(Locale.ROOT, "confidence %.3f is below %.3f", prediction.confidence(),
                        thresholds.minConfidence()));
            }
            if (prediction.margin() < thresholds.minMargin()) {
                reasons.add(String.format(Locale.ROOT, "margin %.3f is below %.3f", prediction.margin(),
                        thresholds.minMargin()));
            }
        }
        if (!answer.complete()) {
            reasons.add("the answer lacks " + String.join(", ", answer.missing()));
        }
        if (!lookupsSucceeded) {
            reasons.add("a lookup failed");
        }
        return new AutomationDecision(reasons.isEmpty(), reasons);
    }
}
