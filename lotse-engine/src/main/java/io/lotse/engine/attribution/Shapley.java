package io.lotse.engine.attribution;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Shapley values of the channels in the game whose worth of a coalition S is the Markov chain's conversion
 * probability with only the channels of S (every other channel removed, as for removal effects). Unlike removal
 * effects, which overlap and are normalised after the fact, Shapley values split exactly the conversion
 * probability of all channels, each channel receiving its marginal contribution averaged over all orders in which
 * the channels could join.
 *
 * <p>Exact, over all 2ⁿ coalitions, for up to {@link #EXACT_LIMIT} channels; beyond, the average over
 * {@link #SAMPLED_ORDERS} random orders (seeded), each coalition's worth computed once.
 */
public final class Shapley {

    /** The most channels computed exactly (2¹⁵ = 32,768 coalitions). */
    public static final int EXACT_LIMIT = 15;
    /** Random orders of the approximation beyond the exact limit. */
    public static final int SAMPLED_ORDERS = 2_000;
    private static final int MAX_CHANNELS = 62;

    private Shapley() {}

    /**
     * The attribution: conversions and value split over the channels in proportion to their Shapley values.
     *
     * @param seed the seed of the random orders when there are more than {@link #EXACT_LIMIT} channels
     */
    public static Attribution attribution(MarkovChain chain, long seed) {
        Map<String, Double> values = values(chain, seed);
        double sum = values.values().stream().mapToDouble(Double::doubleValue).sum();
        Map<String, Double> conversions = new LinkedHashMap<>();
        Map<String, Double> value = new LinkedHashMap<>();
        for (Map.Entry<String, Double> entry : values.entrySet()) {
            double share = sum == 0 ? 0 : entry.getValue() / sum;
            conversions.put(entry.getKey(), share * chain.conversions());
            value.put(entry.getKey(), share * chain.value());
        }
        return new Attribution("shapley", conversions, value);
    }

    /** Whether the values of this many channels are exact. */
    public static boolean exact(int channels) {
        return channels <= EXACT_LIMIT;
    }

    /** Each channel's Shapley value, in conversion probability; they add up to the full chain's. */
    public static Map<String, Double> values(MarkovChain chain, long seed) {
        List<String> channels = chain.channels();
        int n = channels.size();
        if (n > MAX_CHANNELS) {
            throw new IllegalArgumentException("Shapley values need at most " + MAX_CHANNELS + " channels, got " + n);
        }
        double[] phi = n <= EXACT_LIMIT ? exactValues(chain, n) : sampledValues(chain, n, seed);
        Map<String, Double> values = new LinkedHashMap<>();
        for (int c = 0; c < n; c++) {
            values.put(channels.get(c), phi[c]);
        }
        return values;
    }

    private static double worth(MarkovChain chain, int n, long mask) {
        boolean[] kept = new boolean[n];
        for (int c = 0; c < n; c++) {
            kept[c] = (mask >>> c & 1) == 1;
        }
        return mask == 0 ? 0 : chain.conversionProbability(kept);
    }

    /** φ_i = Σ_{S ∌ i} |S|! (n − |S| − 1)! / n! · (v(S ∪ {i}) − v(S)). */
    private static double[] exactValues(MarkovChain chain, int n) {
        int coalitions = 1 << n;
        double[] worth = new double[coalitions];
        for (int mask = 1; mask < coalitions; mask++) {
            worth[mask] = worth(chain, n, mask);
        }
        double[] weight = new double[n];
        for (int size = 0; size < n; size++) {
            // |S|! (n − |S| − 1)! / n! = 1 / (n · C(n − 1, |S|))
            weight[size] = 1 / (n * binomial(n - 1, size));
        }
        double[] phi = new double[n];
        for (int mask = 0; mask < coalitions; mask++) {
            int size = Integer.bitCount(mask);
            for (int i = 0; i < n; i++) {
                if ((mask >>> i & 1) == 0) {
                    phi[i] += weight[size] * (worth[mask | 1 << i] - worth[mask]);
                }
            }
        }
        return phi;
    }

    private static double binomial(int n, int k) {
        double result = 1;
        for (int j = 1; j <= k; j++) {
            result = result * (n - k + j) / j;
        }
        return result;
    }

    /** The marginal contributions averaged over random orders. */
    private static double[] sampledValues(MarkovChain chain, int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Map<Long, Double> cache = new HashMap<>();
        double[] phi = new double[n];
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int sample = 0; sample < SAMPLED_ORDERS; sample++) {
            for (int i = n - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int swap = order[i];
                order[i] = order[j];
                order[j] = swap;
            }
            long mask = 0;
            double before = 0;
            for (int i : order) {
                long next = mask | 1L << i;
                double after = cache.computeIfAbsent(next, m -> worth(chain, n, m));
                phi[i] += (after - before) / SAMPLED_ORDERS;
                mask = next;
                before = after;
            }
        }
        return phi;
    }
}
