package io.lotse.engine.recommend;

import java.util.Map;

/**
 * What a person buys again: only items already in their history score, by how often and how recently they
 * bought them and by how often the item is bought again at all.
 *
 * <p>{@code score = rate(item) × (1 + ln count) × 2^(-age / halfLife)}, where {@code rate} is the share of the
 * item's buyers who bought it more than once, shrunk towards the (Laplace-smoothed) share over all items with
 * {@code prior} pseudo-buyers, and {@code age} is the time since the person last bought it.
 */
public final class RepeatPurchase implements HistoryScorer {

    /**
     * @param halfLifeDays after how many days without buying an item its score halves
     * @param prior        pseudo-buyers pulling an item's repeat rate towards the overall rate
     */
    public record Parameters(double halfLifeDays, double prior) {

        public Parameters {
            if (!(halfLifeDays > 0)) {
                throw new IllegalArgumentException("halfLifeDays must be positive, was " + halfLifeDays);
            }
            if (!(prior >= 0)) {
                throw new IllegalArgumentException("prior must not be negative, was " + prior);
            }
        }

        public static Parameters defaults() {
            return new Parameters(120, 10);
        }
    }

    private final double[] rate;
    private final double halfLifeSeconds;
    private final ModelProvenance provenance;

    private RepeatPurchase(double[] rate, double halfLifeSeconds, ModelProvenance provenance) {
        this.rate = rate;
        this.halfLifeSeconds = halfLifeSeconds;
        this.provenance = provenance;
    }

    /** Learns each item's repeat rate from interaction counts (e.g. orders holding the item). */
    public static RepeatPurchase train(Interactions purchases, Parameters parameters, DataWindow window) {
        long start = System.nanoTime();
        int items = purchases.items();
        double[] buyers = new double[items];
        double[] repeaters = new double[items];
        double allBuyers = 0;
        double allRepeaters = 0;
        for (int item = 0; item < items; item++) {
            for (int k = purchases.columnStart(item); k < purchases.columnEnd(item); k++) {
                buyers[item]++;
                if (purchases.columnCount(k) >= 2) {
                    repeaters[item]++;
                }
            }
            allBuyers += buyers[item];
            allRepeaters += repeaters[item];
        }
        // Laplace-smoothed, so that recency and frequency still order the history where nobody bought again yet.
        double overall = (allRepeaters + 1) / (allBuyers + 2);
        double[] rate = new double[items];
        for (int item = 0; item < items; item++) {
            double denominator = buyers[item] + parameters.prior();
            rate[item] = denominator == 0 ? overall
                    : (repeaters[item] + parameters.prior() * overall) / denominator;
        }
        ModelProvenance provenance = new ModelProvenance("repeat", window,
                Map.of("half_life_days", parameters.halfLifeDays(), "prior", parameters.prior()),
                Map.of("overall_repeat_rate", overall), 0, ModelProvenance.since(start));
        return new RepeatPurchase(rate, parameters.halfLifeDays() * 86_400, provenance);
    }

    @Override
    public int items() {
        return rate.length;
    }

    @Override
    public void score(PersonHistory history, double[] scores) {
        java.util.Arrays.fill(scores, 0);
        int[] items = history.items();
        for (int k = 0; k < items.length; k++) {
            double age = Math.max(0, history.asOf() - history.lastAt()[k]);
            scores[items[k]] = rate[items[k]] * (1 + Math.log(Math.max(1, history.counts()[k])))
                    * Math.pow(2, -age / halfLifeSeconds);
        }
    }

    /** An item is its own evidence: the person bought it before. */
    @Override
    public int evidence(PersonHistory history, int item) {
        return history.contains(item) ? item : -1;
    }

    /** The share of an item's buyers who buy it again, smoothed. */
    public double repeatRate(int item) {
        return rate[item];
    }

    @Override
    public ModelProvenance provenance() {
        return provenance;
    }
}
