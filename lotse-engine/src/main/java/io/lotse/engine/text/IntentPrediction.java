package io.lotse.engine.text;

import java.util.List;

/**
 * What a message is about, and how sure the classifier is.
 *
 * @param intent      the predicted intent; the out-of-scope label when {@code outOfScope}
 * @param confidence  calibrated probability of the top-ranked intent
 * @param margin      calibrated probability of the top-ranked intent minus that of the runner-up
 * @param runnerUp    the second-ranked intent
 * @param outOfScope  whether the message fits none of the intents: the out-of-scope class ranked first, or the
 *                    confidence is below the classifier's out-of-scope threshold
 * @param ranking     the best intents, most probable first (at most five)
 */
public record IntentPrediction(String intent, double confidence, double margin, String runnerUp, boolean outOfScope,
        List<IntentScore> ranking) {

    public IntentPrediction {
        ranking = List.copyOf(ranking);
    }
}
