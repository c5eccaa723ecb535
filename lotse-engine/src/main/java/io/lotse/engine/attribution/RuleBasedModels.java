package io.lotse.engine.attribution;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rule-based models: each converting journey's conversions and value are split over its touches by fixed
 * weights. Journeys without a conversion credit nothing.
 */
public final class RuleBasedModels {

    /** Default half-life of time decay when touch times are known: seven days, as in Google Analytics. */
    public static final double HALF_LIFE_DAYS = 7;
    /** Half-life of time decay when only the order of touches is known: each earlier touch counts half. */
    public static final double HALF_LIFE_TOUCHES = 1;

    private RuleBasedModels() {}

    /** All credit to the first touch. */
    public static Attribution firstTouch(List<Journey> journeys) {
        return split("first_touch", journeys, journey -> {
            double[] w = new double[journey.channels().size()];
            w[0] = 1;
            return w;
        });
    }

    /** All credit to the last touch. */
    public static Attribution lastTouch(List<Journey> journeys) {
        return split("last_touch", journeys, journey -> {
            double[] w = new double[journey.channels().size()];
            w[w.length - 1] = 1;
            return w;
        });
    }

    /** Equal credit to every touch. */
    public static Attribution linear(List<Journey> journeys) {
        return split("linear", journeys, journey -> {
            double[] w = new double[journey.channels().size()];
            java.util.Arrays.fill(w, 1);
            return w;
        });
    }

    /**
     * Credit halving with every half-life a touch lies before the conversion: {@code 2^(−age / halfLife)}, age in
     * days when the journey has touch times (half-life {@code halfLifeDays}), else in touches before the last
     * (half-life {@link #HALF_LIFE_TOUCHES}).
     */
    public static Attribution timeDecay(List<Journey> journeys, double halfLifeDays) {
        if (!(halfLifeDays > 0)) {
            throw new IllegalArgumentException("the half-life must be positive, was " + halfLifeDays);
        }
        return split("time_decay", journeys, journey -> {
            int n = journey.channels().size();
            double[] w = new double[n];
            double[] ages = journey.daysBeforeEnd();
            for (int k = 0; k < n; k++) {
                double age = ages != null ? ages[k] / halfLifeDays : (n - 1 - k) / HALF_LIFE_TOUCHES;
                w[k] = Math.pow(2, -age);
            }
            return w;
        });
    }

    /**
     * Position based (U-shaped): {@code first} of the credit to the first touch, {@code last} to the last, the
     * rest spread evenly over the touches between; a journey of one touch gives it everything, one of two touches
     * splits in proportion to first and last.
     */
    public static Attribution positionBased(List<Journey> journeys, double first, double last) {
        if (!(first >= 0 && last >= 0 && first + last <= 1)) {
            throw new IllegalArgumentException("first and last shares must be ≥ 0 and add up to at most 1");
        }
        return split("position_based", journeys, journey -> {
            int n = journey.channels().size();
            double[] w = new double[n];
            if (n == 1) {
                w[0] = 1;
            } else if (n == 2) {
                w[0] = first;
                w[1] = last;
                if (first + last == 0) {
                    w[0] = 1;
                    w[1] = 1;
                }
            } else {
                w[0] = first;
                w[n - 1] = last;
                for (int k = 1; k < n - 1; k++) {
                    w[k] = (1 - first - last) / (n - 2);
                }
            }
            return w;
        });
    }

    /** Splits each journey's conversions and value by its weights, normalised to sum to one. */
    private static Attribution split(String model, List<Journey> journeys,
                                     java.util.function.Function<Journey, double[]> weights) {
        Map<String, Double> conversions = new LinkedHashMap<>();
        Map<String, Double> value = new LinkedHashMap<>();
        for (Journey journey : journeys) {
            for (String channel : journey.channels()) {
                conversions.putIfAbsent(channel, 0.0);
                value.putIfAbsent(channel, 0.0);
            }
        }
        for (Journey journey : journeys) {
            if (journey.conversions() == 0 && journey.value() == 0) {
                continue;
            }
            double[] w = weights.apply(journey);
            double sum = 0;
            for (double v : w) {
                sum += v;
            }
            for (int k = 0; k < w.length; k++) {
                String channel = journey.channels().get(k);
                double share = w[k] / sum;
                conversions.merge(channel, share * journey.conversions(), Double::sum);
                value.merge(channel, share * journey.value(), Double::sum);
            }
        }
        return new Attribution(model, conversions, value);
    }
}
