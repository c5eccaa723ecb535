package io.lotse.engine.text;

import java.util.Arrays;

/**
 * A sparse feature vector: sorted, distinct indices and their values.
 *
 * @param indices distinct feature indices (ascending when built by {@link TextFeatures})
 * @param values  values, one per index
 */
public record SparseVector(int[] indices, float[] values) {

    public SparseVector {
        if (indices.length != values.length) {
            throw new IllegalArgumentException("indices and values differ in length");
        }
    }

    /** Number of stored entries. */
    public int size() {
        return indices.length;
    }

    /** Euclidean norm. */
    public double norm() {
        double sum = 0;
        for (float v : values) {
            sum += v * v;
        }
        return Math.sqrt(sum);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SparseVector that && Arrays.equals(indices, that.indices)
                && Arrays.equals(values, that.values);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(indices) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "SparseVector[" + indices.length + " entries]";
    }
}
