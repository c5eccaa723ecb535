package io.lotse.engine.recommend;

import java.util.Arrays;
import java.util.PriorityQueue;
import java.util.function.IntPredicate;

/** Selecting the best-scored items. Ties go to the lower item index, so results are deterministic. */
public final class TopItems {

    private TopItems() {}

    /**
     * The {@code k} items with the highest scores, best first, skipping excluded items and items whose score is
     * not above {@code floor} (use {@link Double#NEGATIVE_INFINITY} to rank every item).
     */
    public static int[] top(double[] scores, int k, IntPredicate excluded, double floor) {
        if (k <= 0) {
            return new int[0];
        }
        // A min-heap of the best k so far: its head is the worst of them.
        PriorityQueue<Integer> heap = new PriorityQueue<>(k + 1, (a, b) -> worseFirst(scores, a, b));
        for (int item = 0; item < scores.length; item++) {
            double score = scores[item];
            if (!(score > floor) || excluded.test(item)) {
                continue;
            }
            if (heap.size() < k) {
                heap.add(item);
            } else if (worseFirst(scores, heap.peek(), item) < 0) {
                heap.poll();
                heap.add(item);
            }
        }
        int[] result = new int[heap.size()];
        for (int i = result.length - 1; i >= 0; i--) {
            result[i] = heap.poll();
        }
        return result;
    }

    /**
     * The {@code k} best of the first {@code count} candidate items, best first; only those with a score above
     * 0 take part. Costs time in the number of candidates, not of all items.
     */
    static int[] topAmong(int[] candidates, int count, double[] scores, int k) {
        PriorityQueue<Integer> heap = new PriorityQueue<>(k + 1, (a, b) -> worseFirst(scores, a, b));
        for (int c = 0; c < count; c++) {
            int item = candidates[c];
            if (!(scores[item] > 0)) {
                continue;
            }
            if (heap.size() < k) {
                heap.add(item);
            } else if (worseFirst(scores, heap.peek(), item) < 0) {
                heap.poll();
                heap.add(item);
            }
        }
        int[] result = new int[heap.size()];
        for (int i = result.length - 1; i >= 0; i--) {
            result[i] = heap.poll();
        }
        return result;
    }

    /** The {@code k} best items among all, ranking every item. */
    public static int[] top(double[] scores, int k) {
        return top(scores, k, item -> false, Double.NEGATIVE_INFINITY);
    }

    /** Every item with a score above {@code floor}, best first. */
    public static int[] ranked(double[] scores, double floor) {
        return top(scores, scores.length, item -> false, floor);
    }

    /** Negative when {@code a} ranks below {@code b}: a lower score, or an equal score and a higher index. */
    private static int worseFirst(double[] scores, int a, int b) {
        int byScore = Double.compare(scores[a], scores[b]);
        return byScore != 0 ? byScore : Integer.compare(b, a);
    }

    /** Positions of items in a ranking: rank 0 is the best; -1 for items not ranked. */
    static int[] ranks(int[] ranking, int items) {
        int[] ranks = new int[items];
        Arrays.fill(ranks, -1);
        for (int r = 0; r < ranking.length; r++) {
            ranks[ranking[r]] = r;
        }
        return ranks;
    }
}
