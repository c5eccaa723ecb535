package io.lotse.engine.clv;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.hipparchus.special.Gamma;

/**
 * Customer summaries reduced to what the purchase models' likelihoods read: customers with equal (x, t<sub>x</sub>,
 * T) become one weighted row, rows are sorted (so that sums do not depend on the input order), and every row knows
 * which of the distinct frequencies it has, so that gamma functions of the frequency are computed once per
 * frequency rather than once per customer.
 */
final class PurchaseData {

    private record Row(int frequency, double recency, double age) {
    }

    private static final Comparator<Row> ORDER = Comparator.comparingInt(Row::frequency)
            .thenComparingDouble(Row::recency).thenComparingDouble(Row::age);

    final int customers;
    final int[] frequency;
    final double[] recency;
    final double[] age;
    final double[] weight;
    /** The distinct frequencies, ascending. */
    final int[] distinctFrequencies;
    /** For each row the index of its frequency in {@link #distinctFrequencies}. */
    final int[] frequencyIndex;

    private PurchaseData(Map<Row, Integer> counts, int customers) {
        this.customers = customers;
        int rows = counts.size();
        frequency = new int[rows];
        recency = new double[rows];
        age = new double[rows];
        weight = new double[rows];
        frequencyIndex = new int[rows];
        int[] distinct = new int[rows];
        int distinctCount = 0;
        int i = 0;
        for (Map.Entry<Row, Integer> entry : counts.entrySet()) {
            Row row = entry.getKey();
            frequency[i] = row.frequency();
            recency[i] = row.recency();
            age[i] = row.age();
            weight[i] = entry.getValue();
            if (distinctCount == 0 || distinct[distinctCount - 1] != row.frequency()) {
                distinct[distinctCount++] = row.frequency();
            }
            frequencyIndex[i] = distinctCount - 1;
            i++;
        }
        distinctFrequencies = Arrays.copyOf(distinct, distinctCount);
    }

    /**
     * The data of the given customers.
     *
     * @throws IllegalArgumentException when there are none, or none with a repeat purchase (the models' purchase
     *                                  and dropout processes cannot be told apart then)
     */
    static PurchaseData of(List<CustomerSummary> customers, String model) {
        if (customers.isEmpty()) {
            throw new IllegalArgumentException(model + " needs at least one customer to fit");
        }
        Map<Row, Integer> counts = new TreeMap<>(ORDER);
        boolean repeat = false;
        for (CustomerSummary customer : customers) {
            counts.merge(new Row(customer.frequency(), customer.recency(), customer.age()), 1, Integer::sum);
            repeat |= customer.frequency() > 0;
        }
        if (!repeat) {
            throw new IllegalArgumentException(model + " needs at least one customer with a repeat purchase to fit");
        }
        return new PurchaseData(counts, customers.size());
    }

    /** The mean age T over customers, 1 when every customer is brand new: a scale for starting values. */
    double meanAge() {
        double sum = 0;
        for (int i = 0; i < age.length; i++) {
            sum += weight[i] * age[i];
        }
        return sum > 0 ? sum / customers : 1;
    }

    /** The mean frequency over customers. */
    double meanFrequency() {
        double sum = 0;
        for (int i = 0; i < frequency.length; i++) {
            sum += weight[i] * frequency[i];
        }
        return sum / customers;
    }

    /** ln Γ(shift + x) − ln Γ(shift) for every distinct frequency x. */
    double[] logGammaRatios(double shift) {
        double[] ratios = new double[distinctFrequencies.length];
        double base = Gamma.logGamma(shift);
        for (int k = 0; k < ratios.length; k++) {
            int x = distinctFrequencies[k];
            ratios[k] = x == 0 ? 0 : Gamma.logGamma(shift + x) - base;
        }
        return ratios;
    }
}
