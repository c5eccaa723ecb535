package io.lotse.engine.recommend;

import java.util.function.IntPredicate;

/**
 * Selecting the best-scored items with a bounded binary heap of primitive indices. Ties go to the lower item
 * index, so results are deterministic.
 */
public final class TopItems {

    private TopItems() {}

    /**
     * The {@code k} items with the highest scores, best first, skipping excluded items and items whose score is
     * not above {@code floor} (use {@link Double#NEGATIVE_INFINITY} to rank every item).
     */
    public static int[] top(double[] scores, int k, IntPredicate excluded, double floor) {
        Heap heap = new Heap(scores, Math.max(0, Math.min(k, scores.length)));
        for (int item = 0; item < scores.length && heap.capacity() > 0; item++) {
            if (scores[item] > floor && !excluded.test(item)) {
                heap.offer(item);
            }
        }
        return heap.drainBestFirst();
    }

    /**
     * The {@code k} best of the first {@code count} candidate items, best first; only those with a score above
     * 0 take part. Costs time in the number of candidates, not of all items.
     */
    static int[] topAmong(int[] candidates, int count, double[] scores, int k) {
        Heap heap = new Heap(scores, Math.max(0, Math.min(k, count)));
        for (int c = 0; c < count && heap.capacity() > 0; c++) {
            if (scores[candidates[c]] > 0) {
                heap.offer(candidates[c]);
            }
        }
        return heap.drainBestFirst();
    }

    /** The {@code k} best items among all, ranking every item. */
    public static int[] top(double[] scores, int k) {
        return top(scores, k, item -> false, Double.NEGATIVE_INFINITY);
    }

    /** Every item with a score above {@code floor}, best first. */
    public static int[] ranked(double[] scores, double floor) {
        return top(scores, scores.length, item -> false, floor);
    }

    /** Whether {@code a} ranks below {@code b}: a lower score, or an equal score and a higher index. */
    private static boolean worse(double[] scores, int a, int b) {
        return scores[a] < scores[b] || scores[a] == scores[b] && a > b;
    }

    /** A min-heap of the best items so far: its root is the worst of them. */
    private static final class Heap {

        private final double[] scores;
        private final int[] items;
        private int size;

        Heap(double[] scores, int capacity) {
            this.scores = scores;
            this.items = new int[capacity];
        }

        int capacity() {
            return items.length;
        }

        void offer(int item) {
            if (size < items.length) {
                items[size] = item;
                siftUp(size++);
            } else if (worse(scores, items[0], item)) {
                items[0] = item;
                siftDown(0);
            }
        }

        int[] drainBestFirst() {
            int[] result = new int[size];
            for (int i = size - 1; i >= 0; i--) {
                result[i] = items[0];
                items[0] = items[--size];
                siftDown(0);
            }
            return result;
        }

        private void siftUp(int at) {
            int item = items[at];
            while (at > 0) {
                int parent = (at - 1) >>> 1;
                if (!worse(scores, item, items[parent])) {
                    break;
                }
                items[at] = items[parent];
                at = parent;
            }
            items[at] = item;
        }

        private void siftDown(int at) {
            int item = items[at];
            int half = size >>> 1;
            while (at < half) {
                int child = 2 * at + 1;
                int right = child + 1;
                if (right < size && worse(scores, items[right], items[child])) {
                    child = right;
                }
                if (!worse(scores, items[child], item)) {
                    break;
                }
                items[at] = items[child];
                at = child;
            }
            items[at] = item;
        }
    }
}
