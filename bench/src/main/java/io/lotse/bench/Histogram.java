package io.lotse.bench;

import java.util.Collections;
import java.util.Map;
import java.util.NavigableMap;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * A Prometheus histogram: cumulative observation counts by bucket upper bound ({@code le}), the last bound
 * normally {@code +Inf}.
 *
 * @param cumulativeCounts observations at or below each upper bound, by ascending bound; unmodifiable
 */
record Histogram(NavigableMap<Double, Double> cumulativeCounts) {

    Histogram {
        cumulativeCounts = Collections.unmodifiableNavigableMap(new TreeMap<>(cumulativeCounts));
    }

    /** The observations made between {@code earlier} and this later scrape of the same histogram. */
    Histogram minus(Histogram earlier) {
        TreeMap<Double, Double> delta = new TreeMap<>();
        for (Map.Entry<Double, Double> bucket : cumulativeCounts.entrySet()) {
            double before = earlier.cumulativeCounts.getOrDefault(bucket.getKey(), 0.0);
            delta.put(bucket.getKey(), bucket.getValue() - before);
        }
        return new Histogram(delta);
    }

    /** How many observations the histogram holds: the count of its largest bucket. */
    double count() {
        return cumulativeCounts.isEmpty() ? 0 : cumulativeCounts.lastEntry().getValue();
    }

    /**
     * The upper bound of the first bucket whose cumulative count reaches {@code quantile} of all observations,
     * so the true quantile is at most this value; {@code +Inf} when it lies above every finite bound, empty when
     * there are no observations.
     */
    OptionalDouble upperBound(double quantile) {
        if (quantile <= 0 || quantile > 1) {
            throw new IllegalArgumentException("quantile must be in (0, 1], was " + quantile);
        }
        double total = count();
        if (total <= 0) {
            return OptionalDouble.empty();
        }
        double target = Math.ceil(quantile * total - 1e-9);
        for (Map.Entry<Double, Double> bucket : cumulativeCounts.entrySet()) {
            if (bucket.getValue() >= target) {
                return OptionalDouble.of(bucket.getKey());
            }
        }
        return OptionalDouble.of(cumulativeCounts.lastKey());
    }

    /** The largest finite bucket bound, or 0 when there is none. */
    double largestFiniteBound() {
        Double bound = cumulativeCounts.lowerKey(Double.POSITIVE_INFINITY);
        return bound == null ? 0 : bound;
    }
}
