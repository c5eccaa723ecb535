package io.lotse.engine.text;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Where an intent classifier came from: its data, parameters and held-out metrics.
 *
 * @param examples              labelled examples the final model was trained on
 * @param examplesPerIntent     of them, per intent
 * @param validationExamples    examples held out for calibration and thresholds
 * @param validationSource      {@code given} (the caller's validation set) or {@code split} (a stratified share of
 *                              the examples, seeded; the final model is then refitted on all examples)
 * @param embedding             name of the sentence-embedding model ({@code none} for surface features alone)
 * @param settings              the training settings
 * @param temperature           calibration temperature
 * @param outOfScopeThreshold   confidence below which a message counts as out of scope (0: none)
 * @param validationAccuracy    accuracy on the held-out examples (out-of-scope decisions included)
 * @param validationLogLoss     mean negative log-likelihood on the held-out examples after calibration
 * @param trainingMillis        wall time of training, embeddings included
 * @param outOfScopeLabel       the label of messages that fit no intent, or null
 */
public record IntentModelProvenance(int examples, Map<String, Integer> examplesPerIntent, int validationExamples,
        String validationSource, String embedding, IntentTrainer.Settings settings, double temperature,
        double outOfScopeThreshold, double validationAccuracy, double validationLogLoss, long trainingMillis,
        @Nullable String outOfScopeLabel) {

    public IntentModelProvenance {
        examplesPerIntent = Map.copyOf(examplesPerIntent);
    }
}
