package io.lotse.engine.propensity;

import java.util.List;

/**
 * Labelled examples for a binary outcome: one row of feature values per person (schema order, {@code NaN} for
 * unknown) and a label of 1 (the event happened within the horizon) or 0.
 */
public final class TrainingData {

    private final FeatureSchema schema;
    private final double[][] rows;
    private final double[] labels;
    private final int positives;

    /**
     * @throws IllegalArgumentException when there are no rows, the counts of rows and labels differ, a row does not
     *                                  fit the schema, a value is infinite or a label is neither 0 nor 1 (NaN
     *                                  included)
     */
    public TrainingData(FeatureSchema schema, double[][] rows, double[] labels) {
        if (rows.length == 0) {
            throw new IllegalArgumentException("training data needs at least one row");
        }
        if (rows.length != labels.length) {
            throw new IllegalArgumentException("there are " + rows.length + " rows but " + labels.length + " labels");
        }
        double[][] copy = new double[rows.length][];
        int count = 0;
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != schema.size()) {
                throw new IllegalArgumentException("row " + i + " has " + rows[i].length + " values, the schema "
                        + schema.size() + " features");
            }
            for (int j = 0; j < rows[i].length; j++) {
                if (Double.isInfinite(rows[i][j])) {
                    throw new IllegalArgumentException("row " + i + ", feature '" + schema.name(j) + "' is infinite");
                }
            }
            if (labels[i] != 0.0 && labels[i] != 1.0) {
                throw new IllegalArgumentException("label " + i + " must be 0 or 1, was " + labels[i]);
            }
            copy[i] = rows[i].clone();
            count += (int) labels[i];
        }
        this.schema = schema;
        this.rows = copy;
        this.labels = labels.clone();
        this.positives = count;
    }

    /** Training data from feature vectors of one schema and their outcomes. */
    public static TrainingData of(List<FeatureVector> vectors, List<Boolean> outcomes) {
        if (vectors.isEmpty()) {
            throw new IllegalArgumentException("training data needs at least one row");
        }
        if (vectors.size() != outcomes.size()) {
            throw new IllegalArgumentException("there are " + vectors.size() + " vectors but " + outcomes.size()
                    + " outcomes");
        }
        FeatureSchema schema = vectors.get(0).schema();
        double[][] rows = new double[vectors.size()][];
        double[] labels = new double[vectors.size()];
        for (int i = 0; i < rows.length; i++) {
            FeatureVector vector = vectors.get(i);
            if (!vector.schema().equals(schema)) {
                throw new IllegalArgumentException("vector " + i + " has another schema than vector 0");
            }
            rows[i] = vector.valuesView();
            labels[i] = outcomes.get(i) ? 1.0 : 0.0;
        }
        return new TrainingData(schema, rows, labels);
    }

    public FeatureSchema schema() {
        return schema;
    }

    public int size() {
        return rows.length;
    }

    public int positives() {
        return positives;
    }

    public int negatives() {
        return rows.length - positives;
    }

    /** A copy of row {@code i}. */
    public double[] row(int i) {
        return rows[i].clone();
    }

    public double label(int i) {
        return labels[i];
    }

    /** A copy of the labels. */
    public double[] labels() {
        return labels.clone();
    }

    /** The rows at the given positions, in that order. */
    public TrainingData subset(int[] indices) {
        double[][] chosenRows = new double[indices.length][];
        double[] chosenLabels = new double[indices.length];
        for (int i = 0; i < indices.length; i++) {
            chosenRows[i] = rows[indices[i]];
            chosenLabels[i] = labels[indices[i]];
        }
        return new TrainingData(schema, chosenRows, chosenLabels);
    }

    /** The same rows restricted to the given features of the schema. */
    public TrainingData select(FeatureSchema target) {
        int[] columns = new int[target.size()];
        for (int j = 0; j < columns.length; j++) {
            columns[j] = schema.indexOf(target.name(j));
        }
        double[][] chosen = new double[rows.length][columns.length];
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < columns.length; j++) {
                chosen[i][j] = rows[i][columns[j]];
            }
        }
        return new TrainingData(target, chosen, labels);
    }

    double[][] rowsView() {
        return rows;
    }

    double[] labelsView() {
        return labels;
    }

    /** Fails unless both outcomes occur: a model of a constant outcome says nothing. */
    void requireBothClasses() {
        if (positives == 0 || positives == rows.length) {
            throw new IllegalArgumentException("training needs both outcomes, but all " + rows.length
                    + " labels are " + (positives == 0 ? "0" : "1"));
        }
    }
}
