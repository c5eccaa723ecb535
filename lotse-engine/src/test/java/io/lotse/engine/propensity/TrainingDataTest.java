package io.lotse.engine.propensity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TrainingDataTest {

    private static final FeatureSchema SCHEMA = FeatureSchema.of("a", "b");

    @Test
    void refusesEmptyMismatchedAndInvalidInput() {
        assertThatThrownBy(() -> new TrainingData(SCHEMA, new double[0][], new double[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one row");
        assertThatThrownBy(() -> new TrainingData(SCHEMA, new double[][] {{1, 2}}, new double[] {1, 0}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 rows but 2 labels");
        assertThatThrownBy(() -> new TrainingData(SCHEMA, new double[][] {{1, 2}, {1}}, new double[] {1, 0}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("row 1 has 1 values");
        assertThatThrownBy(() -> new TrainingData(SCHEMA, new double[][] {{1, 2}}, new double[] {Double.NaN}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("label 0 must be 0 or 1, was NaN");
        assertThatThrownBy(() -> new TrainingData(SCHEMA, new double[][] {{1, Double.POSITIVE_INFINITY}},
                new double[] {1})).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'b' is infinite");
    }

    @Test
    void keepsItsOwnCopyAndSelectsFeaturesByName() {
        double[][] rows = {{1, 2}, {3, Double.NaN}};
        TrainingData data = new TrainingData(SCHEMA, rows, new double[] {1, 0});
        rows[0][0] = 99;

        TrainingData onlyB = data.select(FeatureSchema.of("b"));

        assertThat(data.row(0)).containsExactly(1, 2);
        assertThat(onlyB.row(1)).containsExactly(Double.NaN);
        assertThat(data.positives()).isEqualTo(1);
        assertThat(data.subset(new int[] {1}).labels()).containsExactly(0);
    }

    @Test
    void schemasRefuseDuplicateOrUnknownNames() {
        assertThatThrownBy(() -> FeatureSchema.of("a", "a"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("appears twice");
        assertThatThrownBy(() -> SCHEMA.indexOf("c"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no feature 'c'");
        assertThatThrownBy(() -> TrainingData.of(List.of(new FeatureVector(SCHEMA, new double[] {1, 2}),
                new FeatureVector(FeatureSchema.of("x", "y"), new double[] {1, 2})), List.of(true, false)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("another schema");
    }
}
