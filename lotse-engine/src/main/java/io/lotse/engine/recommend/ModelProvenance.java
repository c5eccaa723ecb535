package io.lotse.engine.recommend;

import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where a trained model comes from, so that every recommendation can be traced and a training reproduced.
 *
 * @param algorithm    the algorithm's name, e.g. {@code ease}
 * @param window       the training data
 * @param parameters   the hyper-parameters by name
 * @param metrics      figures measured during training (e.g. the final loss), by name
 * @param seed         the random seed; 0 for deterministic algorithms without randomness
 * @param trainingTime how long the training took
 */
public record ModelProvenance(String algorithm, DataWindow window, Map<String, Double> parameters,
                              Map<String, Double> metrics, long seed, Duration trainingTime) {

    public ModelProvenance {
        parameters = Collections.unmodifiableSortedMap(new TreeMap<>(parameters));
        metrics = Collections.unmodifiableSortedMap(new TreeMap<>(metrics));
    }

    /** The same provenance with more metrics, e.g. offline evaluation results. */
    public ModelProvenance withMetrics(Map<String, Double> more) {
        TreeMap<String, Double> all = new TreeMap<>(metrics);
        all.putAll(more);
        return new ModelProvenance(algorithm, window, parameters, all, seed, trainingTime);
    }

    static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
