package io.lotse.engine.mix;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Data that cannot be modelled are refused with the reason. */
class MixDataTest {

    private static List<LocalDate> weeks(int count) {
        List<LocalDate> weeks = new ArrayList<>();
        for (int t = 0; t < count; t++) {
            weeks.add(LocalDate.of(2024, 1, 1).plusWeeks(t));
        }
        return weeks;
    }

    private static double[] filled(int count, double value) {
        double[] values = new double[count];
        java.util.Arrays.fill(values, value);
        return values;
    }

    @Test
    void refusesTooFewPeriods() {
        assertThatThrownBy(() -> new MixData(weeks(10), filled(10, 1), List.of("tv"), new double[][] {filled(10, 1)},
                List.of(), new double[0][])).hasMessageContaining("at least 16 periods");
    }

    @Test
    void refusesGapsBetweenPeriods() {
        List<LocalDate> weeks = weeks(20);
        weeks.set(10, weeks.get(10).plusDays(1));
        assertThatThrownBy(() -> new MixData(weeks, filled(20, 1), List.of("tv"), new double[][] {filled(20, 1)},
                List.of(), new double[0][])).hasMessageContaining("equally spaced");
    }

    @Test
    void refusesNegativeSpendAndChannelsWithoutSpend() {
        double[] spend = filled(20, 1);
        spend[3] = -5;
        assertThatThrownBy(() -> new MixData(weeks(20), filled(20, 1), List.of("tv"), new double[][] {spend},
                List.of(), new double[0][])).hasMessageContaining("spend must be a number ≥ 0");
        assertThatThrownBy(() -> new MixData(weeks(20), filled(20, 1), List.of("tv"), new double[][] {filled(20, 0)},
                List.of(), new double[0][])).hasMessageContaining("no spend at all");
    }

    @Test
    void refusesDuplicateChannelsAndMissingOutcomes() {
        assertThatThrownBy(() -> new MixData(weeks(20), filled(20, 1), List.of("tv", "tv"),
                new double[][] {filled(20, 1), filled(20, 1)}, List.of(), new double[0][]))
                .hasMessageContaining("named twice");
        double[] outcome = filled(20, 1);
        outcome[4] = Double.NaN;
        assertThatThrownBy(() -> new MixData(weeks(20), outcome, List.of("tv"), new double[][] {filled(20, 1)},
                List.of(), new double[0][])).hasMessageContaining("is not a number");
    }
}
