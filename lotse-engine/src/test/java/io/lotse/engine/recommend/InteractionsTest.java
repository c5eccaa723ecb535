package io.lotse.engine.recommend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class InteractionsTest {

    @Test
    void repeatedPairsAddUpTheirCountsAndKeepTheLatestTime() {
        Interactions matrix = Interactions.builder(2, 3)
                .add(1, 2, 1, 100)
                .add(0, 1, 1, 50)
                .add(1, 0, 2, 70)
                .add(1, 2, 3, 90)
                .build();

        assertThat(matrix.nonZeros()).isEqualTo(3);
        assertThat(matrix.itemsOf(1)).containsExactly(0, 2);
        assertThat(matrix.peopleOf(2)).containsExactly(1);
        PersonHistory history = matrix.history(1, 200);
        assertThat(history.items()).containsExactly(0, 2);
        assertThat(history.counts()).containsExactly(2.0, 4.0);
        assertThat(history.lastAt()).containsExactly(70L, 100L);
        assertThat(history.asOf()).isEqualTo(200);
        assertThat(matrix.contains(0, 1)).isTrue();
        assertThat(matrix.contains(0, 2)).isFalse();
        assertThat(matrix.columnLength(1)).isEqualTo(1);
        assertThat(matrix.rowLength(0)).isEqualTo(1);
    }

    @Test
    void peopleWithoutInteractionsHaveEmptyRows() {
        Interactions matrix = Interactions.builder(3, 2).add(2, 1, 1, 0).build();

        assertThat(matrix.itemsOf(0)).isEmpty();
        assertThat(matrix.itemsOf(1)).isEmpty();
        assertThat(matrix.itemsOf(2)).containsExactly(1);
        assertThat(matrix.history(0, 5).isEmpty()).isTrue();
    }

    @Test
    void badInteractionsAreRefusedWithTheReason() {
        Interactions.Builder builder = Interactions.builder(2, 2);

        assertThatThrownBy(() -> builder.add(2, 0, 1, 0)).hasMessageContaining("person 2");
        assertThatThrownBy(() -> builder.add(0, -1, 1, 0)).hasMessageContaining("item -1");
        assertThatThrownBy(() -> builder.add(0, 0, 0, 0)).hasMessageContaining("positive");
        assertThatThrownBy(() -> builder.add(0, 0, Double.NaN, 0)).hasMessageContaining("positive");
        assertThatThrownBy(() -> Interactions.builder(-1, 2)).hasMessageContaining("negative");
        assertThat(builder.build().nonZeros()).isZero();
    }

    @Test
    void aHistoryMustNotHoldAnItemTwice() {
        assertThatThrownBy(() -> new PersonHistory(new int[] {1, 1}, new double[] {1, 1}, new long[] {0, 0}, 0))
                .hasMessageContaining("twice");
        assertThatThrownBy(() -> new PersonHistory(new int[] {1}, new double[] {1, 2}, new long[] {0}, 0))
                .hasMessageContaining("one entry each");
    }
}
