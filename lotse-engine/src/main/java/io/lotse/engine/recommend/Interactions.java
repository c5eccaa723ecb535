package io.lotse.engine.recommend;

import java.util.Arrays;

/**
 * A sparse people × items matrix of interactions (purchases, views): for each pair that interacted, how often
 * and when last. Stored twice, by person (rows) and by item (columns), both with ascending indices.
 *
 * <p>Immutable once built; build with {@link #builder(int, int)}.
 */
public final class Interactions {

    private final int people;
    private final int items;
    private final int[] rowStart;
    private final int[] rowItems;
    private final float[] rowCounts;
    private final long[] rowLast;
    private final int[] columnStart;
    private final int[] columnPeople;
    private final float[] columnCounts;

    private Interactions(int people, int items, int[] rowStart, int[] rowItems, float[] rowCounts, long[] rowLast) {
        this.people = people;
        this.items = items;
        this.rowStart = rowStart;
        this.rowItems = rowItems;
        this.rowCounts = rowCounts;
        this.rowLast = rowLast;
        this.columnStart = new int[items + 1];
        for (int item : rowItems) {
            columnStart[item + 1]++;
        }
        for (int i = 0; i < items; i++) {
            columnStart[i + 1] += columnStart[i];
        }
        this.columnPeople = new int[rowItems.length];
        this.columnCounts = new float[rowItems.length];
        int[] next = Arrays.copyOf(columnStart, items);
        for (int person = 0; person < people; person++) {
            for (int k = rowStart[person]; k < rowStart[person + 1]; k++) {
                int at = next[rowItems[k]]++;
                columnPeople[at] = person;
                columnCounts[at] = rowCounts[k];
            }
        }
    }

    /** A builder for a matrix of the given size; both must be at least 0. */
    public static Builder builder(int people, int items) {
        return new Builder(people, items);
    }

    public int people() {
        return people;
    }

    public int items() {
        return items;
    }

    /** How many (person, item) pairs interacted. */
    public int nonZeros() {
        return rowItems.length;
    }

    /** The items a person interacted with, ascending; a fresh array. */
    public int[] itemsOf(int person) {
        return Arrays.copyOfRange(rowItems, rowStart[person], rowStart[person + 1]);
    }

    /** How many distinct items a person interacted with. */
    public int rowLength(int person) {
        return rowStart[person + 1] - rowStart[person];
    }

    /** The people who interacted with an item, ascending; a fresh array. */
    public int[] peopleOf(int item) {
        return Arrays.copyOfRange(columnPeople, columnStart[item], columnStart[item + 1]);
    }

    /** How many distinct people interacted with an item. */
    public int columnLength(int item) {
        return columnStart[item + 1] - columnStart[item];
    }

    /** Whether a person interacted with an item. */
    public boolean contains(int person, int item) {
        return Arrays.binarySearch(rowItems, rowStart[person], rowStart[person + 1], item) >= 0;
    }

    /**
     * A person's interactions as a history for scoring.
     *
     * @param asOf the moment the question is asked, in epoch seconds
     */
    public PersonHistory history(int person, long asOf) {
        int from = rowStart[person];
        int to = rowStart[person + 1];
        double[] counts = new double[to - from];
        for (int k = from; k < to; k++) {
            counts[k - from] = rowCounts[k];
        }
        return new PersonHistory(Arrays.copyOfRange(rowItems, from, to), counts,
                Arrays.copyOfRange(rowLast, from, to), asOf);
    }

    // Raw access for the training loops of this package.

    int rowStart(int person) {
        return rowStart[person];
    }

    int rowEnd(int person) {
        return rowStart[person + 1];
    }

    int rowItem(int k) {
        return rowItems[k];
    }

    float rowCount(int k) {
        return rowCounts[k];
    }

    long rowLast(int k) {
        return rowLast[k];
    }

    int columnStart(int item) {
        return columnStart[item];
    }

    int columnEnd(int item) {
        return columnStart[item + 1];
    }

    int columnPerson(int k) {
        return columnPeople[k];
    }

    float columnCount(int k) {
        return columnCounts[k];
    }

    /** Collects interactions; repeated pairs add up their counts and keep the latest time. */
    public static final class Builder {

        private final int people;
        private final int items;
        private long[] keys = new long[1024];
        private float[] counts = new float[1024];
        private long[] times = new long[1024];
        private int size;

        private Builder(int people, int items) {
            if (people < 0 || items < 0) {
                throw new IllegalArgumentException("sizes must not be negative: " + people + " × " + items);
            }
            this.people = people;
            this.items = items;
        }

        /**
         * Records that a person interacted with an item.
         *
         * @param count       how much (e.g. 1 per order); must be positive
         * @param epochSecond when
         */
        public Builder add(int person, int item, double count, long epochSecond) {
            if (person < 0 || person >= people) {
                throw new IllegalArgumentException("person " + person + " outside 0.." + (people - 1));
            }
            if (item < 0 || item >= items) {
                throw new IllegalArgumentException("item " + item + " outside 0.." + (items - 1));
            }
            if (!(count > 0) || Double.isInfinite(count)) {
                throw new IllegalArgumentException("count must be positive and finite, was " + count);
            }
            if (size == keys.length) {
                keys = Arrays.copyOf(keys, size * 2);
                counts = Arrays.copyOf(counts, size * 2);
                times = Arrays.copyOf(times, size * 2);
            }
            keys[size] = (long) person * items + item;
            counts[size] = (float) count;
            times[size] = epochSecond;
            size++;
            return this;
        }

        public Interactions build() {
            // Bucket by person, then sort each person's few entries by item and merge repeated pairs.
            int[] bucketStart = new int[people + 1];
            for (int i = 0; i < size; i++) {
                bucketStart[(int) (keys[i] / Math.max(1, items)) + 1]++;
            }
            for (int p = 0; p < people; p++) {
                bucketStart[p + 1] += bucketStart[p];
            }
            int[] next = Arrays.copyOf(bucketStart, people);
            int[] byPerson = new int[size];
            for (int i = 0; i < size; i++) {
                byPerson[next[(int) (keys[i] / Math.max(1, items))]++] = i;
            }
            int[] rowStart = new int[people + 1];
            int[] rowItems = new int[size];
            float[] rowCounts = new float[size];
            long[] rowLast = new long[size];
            int n = 0;
            for (int p = 0; p < people; p++) {
                int from = bucketStart[p];
                int to = bucketStart[p + 1];
                long[] packed = new long[to - from];
                for (int k = from; k < to; k++) {
                    int entry = byPerson[k];
                    packed[k - from] = (keys[entry] % Math.max(1, items)) << 32 | entry;
                }
                Arrays.sort(packed);
                int previousItem = -1;
                for (long value : packed) {
                    int item = (int) (value >>> 32);
                    int entry = (int) value;
                    if (item == previousItem) {
                        rowCounts[n - 1] += counts[entry];
                        rowLast[n - 1] = Math.max(rowLast[n - 1], times[entry]);
                        continue;
                    }
                    previousItem = item;
                    rowItems[n] = item;
                    rowCounts[n] = counts[entry];
                    rowLast[n] = times[entry];
                    n++;
                }
                rowStart[p + 1] = n;
            }
            return new Interactions(people, items, rowStart, Arrays.copyOf(rowItems, n), Arrays.copyOf(rowCounts, n),
                    Arrays.copyOf(rowLast, n));
        }
    }
}
