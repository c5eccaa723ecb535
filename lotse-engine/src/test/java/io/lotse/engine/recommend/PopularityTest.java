package io.lotse.engine.recommend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PopularityTest {

    private static final long DAY = 86_400;

    @Test
    void countsDistinctPeoplePerItemOverallAndWithinEachCategory() {
        Interactions buys = Interactions.builder(3, 4)
                .add(0, 0, 5, Fixtures.NOW - DAY).add(0, 1, 1, Fixtures.NOW - DAY)
                .add(1, 1, 1, Fixtures.NOW - DAY).add(1, 2, 1, Fixtures.NOW - DAY)
                .add(2, 1, 1, Fixtures.NOW - DAY).add(2, 2, 1, Fixtures.NOW - DAY).add(2, 3, 1, Fixtures.NOW - DAY)
                .build();
        int[] categoryOf = {0, 1, 0, 0};

        Popularity popularity = Popularity.train(buys, categoryOf, 2, Popularity.Parameters.defaults(),
                Fixtures.window(buys));

        double[] scores = new double[4];
        popularity.score(PersonHistory.empty(0), scores);
        assertThat(scores).containsExactly(1, 3, 2, 1);
        assertThat(popularity.topInCategory(0)).containsExactly(2, 0, 3);
        assertThat(popularity.topInCategory(1)).containsExactly(1);
        double[] inCategory = new double[4];
        popularity.inCategories(new boolean[] {false, true}, inCategory);
        assertThat(inCategory).containsExactly(0, 3, 0, 0);
    }

    @Test
    void trendingNeedsRecentVolumeAndGrowth() {
        // Item 0: 2 people in the last 7 days, 4 in the 28 days before. Item 1: 2 recent, none before.
        Interactions.Builder builder = Interactions.builder(8, 2);
        builder.add(0, 0, 1, Fixtures.NOW - DAY).add(1, 0, 1, Fixtures.NOW - 2 * DAY);
        for (int person = 2; person < 6; person++) {
            builder.add(person, 0, 1, Fixtures.NOW - 10 * DAY);
        }
        builder.add(6, 1, 1, Fixtures.NOW - DAY).add(7, 1, 1, Fixtures.NOW - 3 * DAY);
        Interactions buys = builder.build();

        Popularity popularity = Popularity.train(buys, new int[] {-1, -1}, 0, new Popularity.Parameters(7),
                Fixtures.window(buys));

        double[] trending = new double[2];
        popularity.trending(trending);
        assertThat(trending[0]).isCloseTo(2 * 3 / (4 / 4.0 + 1), within(1e-12));
        assertThat(trending[1]).isCloseTo(2 * 3 / 1.0, within(1e-12));
        assertThat(popularity.provenance().algorithm()).isEqualTo("popularity");
        assertThat(popularity.provenance().parameters()).containsEntry("trend_days", 7.0);
    }
}
