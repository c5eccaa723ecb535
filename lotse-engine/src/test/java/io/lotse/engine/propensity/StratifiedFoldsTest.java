package io.lotse.engine.propensity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StratifiedFoldsTest {

    @Test
    void everyFoldGetsItsShareOfEachOutcome() {
        double[] labels = new double[100];
        for (int i = 0; i < 20; i++) {
            labels[i * 5] = 1;
        }

        int[] foldOf = StratifiedFolds.assign(labels, 5, 42);

        for (int fold = 0; fold < 5; fold++) {
            int[] rows = StratifiedFolds.rows(foldOf, fold, true);
            int positives = 0;
            for (int i : rows) {
                positives += (int) labels[i];
            }
            assertThat(rows).hasSize(20);
            assertThat(positives).isEqualTo(4);
            assertThat(StratifiedFolds.rows(foldOf, fold, false)).hasSize(80);
        }
        assertThat(StratifiedFolds.assign(labels, 5, 42)).containsExactly(foldOf);
        assertThat(StratifiedFolds.assign(labels, 5, 43)).isNotEqualTo(foldOf);
    }

    @Test
    void refusesMoreFoldsThanRowsOfAnOutcome() {
        assertThatThrownBy(() -> StratifiedFolds.assign(new double[] {1, 0, 0, 0, 0, 0}, 2, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outcome 1 has 1");
        assertThatThrownBy(() -> StratifiedFolds.assign(new double[] {1, 0}, 1, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 2 folds");
    }
}
