package io.lotse.server.predict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CategoryAffinityTest {

    private static final int CUTOFF = 20_000;
    private static final int LAST = CUTOFF + 30;

    @Test
    void countsTheCategoriesAndTheShareOfTheFavouriteAtEachDay() {
        CategoryAffinity affinity = CategoryAffinity.builder(3, CUTOFF, LAST)
                .add(0, 6, 6)
                .add(0, 2, 0)
                .add(0, 0, 4)
                .add(1, 0, 5)
                .build();

        assertThat(affinity.categories(0, CUTOFF)).isEqualTo(2);
        assertThat(affinity.topCategoryShare(0, CUTOFF)).isCloseTo(6 / 8.0, within(1e-12));
        assertThat(affinity.categories(0, LAST)).isEqualTo(2);
        assertThat(affinity.topCategoryShare(0, LAST)).isCloseTo(6 / 10.0, within(1e-12));
        assertThat(affinity.categories(1, CUTOFF)).isZero();
        assertThat(affinity.topCategoryShare(1, CUTOFF)).as("nothing categorised yet").isNaN();
        assertThat(affinity.topCategoryShare(1, LAST)).isEqualTo(1.0);
        assertThat(affinity.categories(2, LAST)).isZero();
    }

    @Test
    void knowsOnlyTheCutoffAndTheLastDay() {
        CategoryAffinity affinity = CategoryAffinity.builder(1, CUTOFF, LAST).build();

        assertThatThrownBy(() -> affinity.categories(0, CUTOFF + 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not at " + (CUTOFF + 1));
    }
}
