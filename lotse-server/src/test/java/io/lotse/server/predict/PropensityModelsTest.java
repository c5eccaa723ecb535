package io.lotse.server.predict;

import static org.assertj.core.api.Assertions.assertThat;

import io.lotse.engine.clv.PeriodUnit;
import io.lotse.engine.propensity.Algorithm;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** The propensity step on a shop large enough for boosted trees: calibrated, explained, with its provenance. */
class PropensityModelsTest {

    private static final LocalDate LAST_DAY = LocalDate.of(2026, 6, 30);
    private static final int PEOPLE = 1200;

    /**
     * People who visit on some days (everyone on the first) and order on some of those; half of them are "keen"
     * (visiting and ordering often), the others rarely come. Nobody's activity stops at the cutoff, so recent behaviour predicts the next
     * 30 days.
     */
    private static Activity shop() {
        Random random = new Random(11);
        Activity.Builder builder = Activity.builder(List.of(), LAST_DAY);
        int last = (int) LAST_DAY.toEpochDay();
        for (int p = 0; p < PEOPLE; p++) {
            boolean keen = p % 2 == 0;
            double visitRate = keen ? 0.15 : 0.02;
            for (int day = last - 364; day <= last; day++) {
                if (day == last - 364 || random.nextDouble() < visitRate) {
                    boolean order = random.nextDouble() < 0.3;
                    builder.add(p + 1, day, 3, 2, order ? 1 : 0, order ? 20 + random.nextInt(60) : 0, 0, 0, 0,
                            new int[0]);
                }
            }
        }
        return builder.build();
    }

    private static PredictProperties settings() {
        return new PredictProperties(PeriodUnit.WEEKS, ZoneOffset.UTC, 42, List.of(), 5000, Duration.ZERO, 0.01, 10,
                5, Algorithm.AUTO);
    }

    @Test
    void aLargeShopGetsCalibratedTreesThatRankTheKeenAboveTheRest() {
        Activity activity = shop();
        LifetimeValueModels lifetimeValue = LifetimeValueModels.fit(activity, settings());
        int lastDay = activity.lastEpochDay();
        CategoryAffinity categories = CategoryAffinity.builder(activity.profileCount(),
                PropensityModels.cutoffDay(activity), lastDay).build();
        ScoreTable scores = new ScoreTable(activity.profiles, 0);
        ObjectNode parameters = JsonNodeFactory.instance.objectNode();
        ObjectNode metrics = JsonNodeFactory.instance.objectNode();

        new PropensityModels(activity, categories, lifetimeValue, Algorithm.AUTO, 42)
                .trainAndScore(scores, parameters, metrics);

        var model = parameters.path("propensity").path(PropensityModels.PURCHASE);
        assertThat(model.path("algorithm").asString()).isEqualTo("boosted_trees");
        assertThat(model.path("trees").asInt()).isPositive();
        assertThat(model.path("platt").path("slope").isNumber()).isTrue();
        assertThat(model.path("gain_importance").size()).isEqualTo(PropensityFeatures.FEATURES.size());
        var measured = metrics.path("propensity").path(PropensityModels.PURCHASE).path("cross_validated");
        assertThat(measured.path("auc").asDouble()).isGreaterThan(0.7);
        assertThat(measured.path("calibration_error").asDouble()).isLessThan(0.1);

        double keen = 0;
        double rare = 0;
        for (int p = 0; p < PEOPLE; p++) {
            ScoreTable.Propensity propensity = scores.purchase[p];
            assertThat(propensity).isNotNull();
            assertThat(propensity.probability()).isBetween(0.0, 1.0);
            assertThat(propensity.factors()).hasSizeLessThanOrEqualTo(PropensityModels.TOP_FACTORS)
                    .allSatisfy(f -> assertThat(f.value()).isNotNaN());
            if (p % 2 == 0) {
                keen += propensity.probability();
            } else {
                rare += propensity.probability();
            }
        }
        assertThat(keen).isGreaterThan(2 * rare);
    }
}
