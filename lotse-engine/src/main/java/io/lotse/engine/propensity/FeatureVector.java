package io.lotse.engine.propensity;

import java.util.Arrays;

/**
 * One person's features, named by a schema. A value may be {@code NaN} when it is unknown (no second purchase, no
 * email ever sent); it may not be infinite.
 */
public final class FeatureVector {

    private final FeatureSchema schema;
    private final double[] values;

    public FeatureVector(FeatureSchema schema, double[] values) {
        if (values.length != schema.size()) {
            throw new IllegalArgumentException("the schema has " + schema.size() + " features, the vector "
                    + values.length + " values");
        }
        for (int i = 0; i < values.length; i++) {
            if (Double.isInfinite(values[i])) {
                throw new IllegalArgumentException("feature '" + schema.name(i) + "' is infinite");
            }
        }
        this.schema = schema;
        this.values = values.clone();
    }

    public FeatureSchema schema() {
        return schema;
    }

    /** A copy of the values, in schema order. */
    public double[] values() {
        return values.clone();
    }

    public double value(String name) {
        return values[schema.indexOf(name)];
    }

    public double value(int index) {
        return values[index];
    }

    /** The values of the given features of this vector, in the order of {@code target}. */
    public FeatureVector select(FeatureSchema target) {
        double[] chosen = new double[target.size()];
        for (int i = 0; i < chosen.length; i++) {
            chosen[i] = value(target.name(i));
        }
        return new FeatureVector(target, chosen);
    }

    double[] valuesView() {
        return values;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FeatureVector that && schema.equals(that.schema) && Arrays.equals(values, that.values);
    }

    @Override
    public int hashCode() {
        return 31 * schema.hashCode() + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("FeatureVector{");
        for (int i = 0; i < values.length; i++) {
            text.append(i == 0 ? "" : ", ").append(schema.name(i)).append('=').append(values[i]);
        }
        return text.append('}').toString();
    }
}
