package io.lotse.engine.clv;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * RFM scoring: each of recency, frequency and monetary value scored by quintile from 1 to 5 within the customers
 * given, and the {@link RfmSegment} of the recency and frequency scores.
 *
 * <p>A customer's score is 1 + ⌊5 · k / n⌋, where n is the number of customers and k the number of customers with a
 * strictly worse value (a longer time since the last purchase, fewer purchases, less spend). Customers with equal
 * values thus always share a score and the result does not depend on the order of the input. With many ties the
 * scores are uneven in size rather than splitting equal customers: the worst value always scores 1 (customers who
 * bought once get frequency score 1 however many they are), and a group of equal best values larger than a fifth
 * of the customers scores below 5.
 */
public final class Rfm {

    private Rfm() {}

    /** Scores the customers, in their order. */
    public static List<RfmScore> score(List<RfmInput> customers) {
        int[] recency = quintiles(customers, customer -> -customer.recency());
        int[] frequency = quintiles(customers, RfmInput::frequency);
        int[] monetary = quintiles(customers, RfmInput::monetary);
        List<RfmScore> scores = new ArrayList<>(customers.size());
        for (int i = 0; i < customers.size(); i++) {
            scores.add(new RfmScore(customers.get(i).customerId(), recency[i], frequency[i], monetary[i],
                    RfmSegment.of(recency[i], frequency[i])));
        }
        return scores;
    }

    /** Scores 1 to 5 by the number of customers with a strictly smaller value of {@code better}. */
    private static int[] quintiles(List<RfmInput> customers, ToDoubleFunction<RfmInput> better) {
        int n = customers.size();
        double[] sorted = new double[n];
        for (int i = 0; i < n; i++) {
            sorted[i] = better.applyAsDouble(customers.get(i));
        }
        Arrays.sort(sorted);
        int[] scores = new int[n];
        for (int i = 0; i < n; i++) {
            int worse = firstAtLeast(sorted, better.applyAsDouble(customers.get(i)));
            scores[i] = 1 + (int) ((5L * worse) / n);
        }
        return scores;
    }

    private static int firstAtLeast(double[] sorted, double value) {
        int low = 0;
        int high = sorted.length;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (sorted[middle] < value) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    static void requireScore(String name, int score) {
        if (score < 1 || score > 5) {
            throw new IllegalArgumentException("an RFM " + name + " score lies between 1 and 5, was " + score);
        }
    }
}
