package io.lotse.engine.recommend;

import java.util.Arrays;

/**
 * What one person interacted with, as of a moment: distinct items with how often and when last.
 *
 * @param items  distinct item indices
 * @param counts how often each item was interacted with (e.g. orders holding it); positive
 * @param lastAt when each item was interacted with last, epoch seconds
 * @param asOf   the moment the question is asked, epoch seconds; recency is measured from here
 */
public record PersonHistory(int[] items, double[] counts, long[] lastAt, long asOf) {

    public PersonHistory {
        if (items.length != counts.length || items.length != lastAt.length) {
            throw new IllegalArgumentException("items, counts and times must have one entry each: " + items.length
                    + ", " + counts.length + ", " + lastAt.length);
        }
        int[] sorted = items.clone();
        Arrays.sort(sorted);
        for (int i = 1; i < sorted.length; i++) {
            if (sorted[i] == sorted[i - 1]) {
                throw new IllegalArgumentException("item " + sorted[i] + " appears twice in a history");
            }
        }
        for (double count : counts) {
            if (!(count > 0)) {
                throw new IllegalArgumentException("counts must be positive, was " + count);
            }
        }
    }

    /** Nobody in particular: no items. */
    public static PersonHistory empty(long asOf) {
        return new PersonHistory(new int[0], new double[0], new long[0], asOf);
    }

    /** Each of the distinct items once, all at {@code asOf}. */
    public static PersonHistory of(long asOf, int... items) {
        double[] counts = new double[items.length];
        Arrays.fill(counts, 1);
        long[] times = new long[items.length];
        Arrays.fill(times, asOf);
        return new PersonHistory(items.clone(), counts, times, asOf);
    }

    public boolean isEmpty() {
        return items.length == 0;
    }

    public int size() {
        return items.length;
    }

    /** Whether the item is in the history. */
    public boolean contains(int item) {
        for (int own : items) {
            if (own == item) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PersonHistory that && asOf == that.asOf && Arrays.equals(items, that.items)
                && Arrays.equals(counts, that.counts) && Arrays.equals(lastAt, that.lastAt);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(items) + Long.hashCode(asOf);
    }

    @Override
    public String toString() {
        return "PersonHistory" + Arrays.toString(items) + "@" + asOf;
    }
}
