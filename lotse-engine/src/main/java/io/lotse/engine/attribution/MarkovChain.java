package io.lotse.engine.attribution;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * The first-order Markov chain of the journeys: states start, one per channel, conversion and null (absorbing).
 * Every path start → c₁ → … → c_k → conversion|null adds its journeys to the counts of its transitions; the
 * transition probabilities are the counts normalised per state.
 *
 * <p>The probability of reaching conversion from start is exact: the absorbing-chain equation
 * {@code (I − Q) x = r}, Q the transitions among start and channels, r those into conversion, solved with EJML.
 * A channel's removal effect is the relative drop of that probability when the channel is removed, i.e. every
 * transition into it goes to null instead. The same probability, with only a subset of the channels kept, is the
 * worth of that coalition in {@link Shapley}.
 */
public final class MarkovChain {

    private final List<String> channels;
    /** {@code transition[from][to]}: from 0 = start, 1..n channels; to 0..n−1 channels, n conversion. */
    private final double[][] transition;
    private final double conversions;
    private final double value;

    private MarkovChain(List<String> channels, double[][] transition, double conversions, double value) {
        this.channels = channels;
        this.transition = transition;
        this.conversions = conversions;
        this.value = value;
    }

    /** Counts the transitions of the journeys. */
    public static MarkovChain of(List<Journey> journeys) {
        List<String> channels = new ArrayList<>();
        Map<String, Integer> index = new LinkedHashMap<>();
        for (Journey journey : journeys) {
            for (String channel : journey.channels()) {
                if (!index.containsKey(channel)) {
                    index.put(channel, channels.size());
                    channels.add(channel);
                }
            }
        }
        int n = channels.size();
        double[][] counts = new double[n + 1][n + 2];
        double conversions = 0;
        double value = 0;
        for (Journey journey : journeys) {
            double weight = journey.conversions() + journey.nulls();
            conversions += journey.conversions();
            value += journey.value();
            if (weight == 0) {
                continue;
            }
            int from = 0;
            for (String channel : journey.channels()) {
                int to = index.get(channel);
                counts[from][to] += weight;
                from = to + 1;
            }
            counts[from][n] += journey.conversions();
            counts[from][n + 1] += journey.nulls();
        }
        if (conversions + journeys.stream().mapToDouble(Journey::nulls).sum() == 0) {
            throw new IllegalArgumentException("the journeys hold no conversion and no null: nothing to model");
        }
        double[][] transition = new double[n + 1][n + 1];
        for (int from = 0; from <= n; from++) {
            double total = 0;
            for (double c : counts[from]) {
                total += c;
            }
            if (total > 0) {
                for (int to = 0; to <= n; to++) {
                    transition[from][to] = counts[from][to] / total;
                }
            }
        }
        return new MarkovChain(List.copyOf(channels), transition, conversions, value);
    }

    /** The channels, in the order they first appear. */
    public List<String> channels() {
        return channels;
    }

    /** The probability that a journey from start ends in conversion. */
    public double conversionProbability() {
        return conversionProbability(allChannels());
    }

    private boolean[] allChannels() {
        boolean[] kept = new boolean[channels.size()];
        java.util.Arrays.fill(kept, true);
        return kept;
    }

    /** The probability of conversion from start when only the kept channels remain. */
    double conversionProbability(boolean[] kept) {
        int n = channels.size();
        int[] state = new int[n];
        int m = 1;
        for (int c = 0; c < n; c++) {
            state[c] = kept[c] ? m++ : -1;
        }
        DMatrixRMaj a = new DMatrixRMaj(m, m);
        DMatrixRMaj r = new DMatrixRMaj(m, 1);
        for (int from = 0; from <= n; from++) {
            int row = from == 0 ? 0 : state[from - 1];
            if (row < 0) {
                continue;
            }
            a.unsafe_set(row, row, 1);
            for (int to = 0; to < n; to++) {
                if (state[to] >= 0) {
                    a.unsafe_set(row, state[to], a.unsafe_get(row, state[to]) - transition[from][to]);
                }
            }
            r.unsafe_set(row, 0, transition[from][n]);
        }
        DMatrixRMaj x = new DMatrixRMaj(m, 1);
        if (!CommonOps_DDRM.solve(a, r, x)) {
            throw new IllegalStateException("the absorbing chain's system is singular");
        }
        return x.unsafe_get(0, 0);
    }

    /** Each channel's removal effect: {@code 1 − P(conversion without it) / P(conversion)}. */
    public Map<String, Double> removalEffects() {
        double full = conversionProbability();
        Map<String, Double> effects = new LinkedHashMap<>();
        for (int c = 0; c < channels.size(); c++) {
            boolean[] kept = allChannels();
            kept[c] = false;
            effects.put(channels.get(c), full == 0 ? 0 : 1 - conversionProbability(kept) / full);
        }
        return effects;
    }

    /**
     * The Markov attribution: all conversions and all value split over the channels in proportion to their
     * removal effects.
     */
    public Attribution attribution() {
        Map<String, Double> effects = removalEffects();
        double sum = effects.values().stream().mapToDouble(Double::doubleValue).sum();
        Map<String, Double> credited = new LinkedHashMap<>();
        Map<String, Double> credit = new LinkedHashMap<>();
        for (Map.Entry<String, Double> effect : effects.entrySet()) {
            double share = sum == 0 ? 0 : effect.getValue() / sum;
            credited.put(effect.getKey(), share * conversions);
            credit.put(effect.getKey(), share * value);
        }
        return new Attribution("markov", credited, credit);
    }

    /** All conversions of the journeys. */
    double conversions() {
        return conversions;
    }

    /** All conversion value of the journeys. */
    double value() {
        return value;
    }
}
