package io.lotse.engine.recommend;

import java.util.Set;

/** Offline ranking metrics with binary relevance; {@code ranking} holds item indices, best first. */
public final class RankingMetrics {

    private RankingMetrics() {}

    /** 1 when any of the first k items is relevant, else 0. */
    public static double hitRate(int[] ranking, Set<Integer> relevant, int k) {
        for (int r = 0; r < Math.min(k, ranking.length); r++) {
            if (relevant.contains(ranking[r])) {
                return 1;
            }
        }
        return 0;
    }

    /** The share of relevant items among the first k, relative to the relevant items: hits / |relevant|. */
    public static double recall(int[] ranking, Set<Integer> relevant, int k) {
        if (relevant.isEmpty()) {
            throw new IllegalArgumentException("recall needs at least one relevant item");
        }
        int hits = 0;
        for (int r = 0; r < Math.min(k, ranking.length); r++) {
            if (relevant.contains(ranking[r])) {
                hits++;
            }
        }
        return hits / (double) relevant.size();
    }

    /**
     * Normalised discounted cumulative gain: {@code Σ 1/log2(rank + 1)} over relevant items in the first k,
     * divided by the same sum for an ideal ranking of min(k, |relevant|) relevant items.
     */
    public static double ndcg(int[] ranking, Set<Integer> relevant, int k) {
        if (relevant.isEmpty()) {
            throw new IllegalArgumentException("NDCG needs at least one relevant item");
        }
        double gain = 0;
        for (int r = 0; r < Math.min(k, ranking.length); r++) {
            if (relevant.contains(ranking[r])) {
                gain += 1 / log2(r + 2);
            }
        }
        double ideal = 0;
        for (int r = 0; r < Math.min(k, relevant.size()); r++) {
            ideal += 1 / log2(r + 2);
        }
        return gain / ideal;
    }

    /** Reciprocal rank of the single relevant item if within the first k, else 0. */
    public static double reciprocalRank(int[] ranking, int relevant, int k) {
        for (int r = 0; r < Math.min(k, ranking.length); r++) {
            if (ranking[r] == relevant) {
                return 1.0 / (r + 1);
            }
        }
        return 0;
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
