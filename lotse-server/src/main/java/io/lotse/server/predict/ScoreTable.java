package io.lotse.server.predict;

import io.lotse.engine.clv.RfmSegment;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The scores of one training run, one entry per profile of the {@link Activity} (same index), filled in by the
 * lifetime-value and the propensity steps. A profile without orders has no RFM, lifetime-value or churn scores
 * ({@code NaN}, {@code null}, -1); a profile outside a propensity model's population has {@code NaN} there.
 */
final class ScoreTable {

    /** A factor behind a propensity: the feature's value and what it adds to the log-odds. */
    record Factor(String feature, double value, double contribution) {}

    /** A propensity with its strongest factors. */
    record Propensity(double probability, List<Factor> factors) {}

    final long[] profiles;
    final int[] rfmRecency;
    final int[] rfmFrequency;
    final int[] rfmMonetary;
    final @Nullable RfmSegment[] rfmSegment;
    final double[] probabilityAlive;
    final double[] expectedPurchases90Days;
    final double[] lifetimeValue;
    final double[] lifetimeValuePercentile;
    final int[] churnRisk;
    final @Nullable LocalDate[] nextOrderDate;
    /** The purchase propensity per profile, or null. */
    final @Nullable Propensity[] purchase;
    /** Per configured target event, its propensity per profile, or null. */
    final @Nullable Propensity[][] events;

    ScoreTable(long[] profiles, int targetEvents) {
        int n = profiles.length;
        this.profiles = profiles;
        rfmRecency = new int[n];
        rfmFrequency = new int[n];
        rfmMonetary = new int[n];
        rfmSegment = new RfmSegment[n];
        probabilityAlive = nanArray(n);
        expectedPurchases90Days = nanArray(n);
        lifetimeValue = nanArray(n);
        lifetimeValuePercentile = nanArray(n);
        churnRisk = new int[n];
        Arrays.fill(churnRisk, -1);
        nextOrderDate = new LocalDate[n];
        purchase = new Propensity[n];
        events = new Propensity[targetEvents][n];
    }

    int size() {
        return profiles.length;
    }

    private static double[] nanArray(int n) {
        double[] values = new double[n];
        Arrays.fill(values, Double.NaN);
        return values;
    }
}
