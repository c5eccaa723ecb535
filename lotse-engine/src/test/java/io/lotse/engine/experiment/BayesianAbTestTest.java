package io.lotse.engine.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class BayesianAbTestTest {

    @Test
    void aClearlyBetterVariantBeatsTheControlAndHasALiftAboveZero() {
        AbTestAnalysis analysis = BayesianAbTest.analyse(List.of(
                new VariantCounts("A", 100, 10), new VariantCounts("B", 100, 20)), "A", 42);

        VariantAnalysis b = analysis.variant("B");
        assertThat(b.chanceToBeatControl()).as("hand-checked closed form").isCloseTo(0.975173, within(1e-5));
        assertThat(b.chanceToBeBest()).as("two variants: best = beats the control")
                .isCloseTo(b.chanceToBeatControl(), within(0.01));
        assertThat(b.rate()).isCloseTo(21.0 / 102, within(1e-12));
        // lift = B / A − 1 with A ~ Beta(11, 91), B ~ Beta(21, 81): centred near 0.206/0.108 − 1 ≈ 0.9
        assertThat(b.liftInterval()).isNotNull();
        assertThat(b.liftInterval().lower()).isBetween(-0.1, 0.1);
        assertThat(b.liftInterval().upper()).isBetween(2.0, 3.5);
        assertThat(b.liftInterval().contains(0.9)).isTrue();
        assertThat(analysis.winner(0.95)).hasValueSatisfying(w -> assertThat(w.name()).isEqualTo("B"));
    }

    @Test
    void theControlIsListedFirstWithNoLiftInterval() {
        AbTestAnalysis analysis = BayesianAbTest.analyse(List.of(new VariantCounts("subject-1", 500, 40),
                new VariantCounts("control", 500, 40), new VariantCounts("subject-2", 500, 41)), "control", 1);

        assertThat(analysis.variants()).extracting(VariantAnalysis::name)
                .containsExactly("control", "subject-1", "subject-2");
        assertThat(analysis.variants().get(0).chanceToBeatControl()).isEqualTo(0.5);
        assertThat(analysis.variants().get(0).liftInterval()).isNull();
        assertThat(analysis.variant("subject-1").chanceToBeatControl()).isCloseTo(0.5, within(1e-6));
        assertThat(analysis.variants().stream().mapToDouble(VariantAnalysis::chanceToBeBest).sum())
                .isCloseTo(1, within(1e-9));
        assertThat(analysis.winner(0.95)).as("no variant stands out").isEmpty();
    }

    @Test
    void theSameCountsAndSeedGiveTheSameAnalysis() {
        List<VariantCounts> counts = List.of(new VariantCounts("A", 1000, 50), new VariantCounts("B", 1000, 61));

        assertThat(BayesianAbTest.analyse(counts, "A", 9)).isEqualTo(BayesianAbTest.analyse(counts, "A", 9));
    }

    @Test
    void theLiftIntervalNarrowsWithMoreData() {
        double narrowWidth = width(BayesianAbTest.analyse(List.of(new VariantCounts("A", 100_000, 5_000),
                new VariantCounts("B", 100_000, 5_500)), "A", 3).variant("B").liftInterval());
        double wideWidth = width(BayesianAbTest.analyse(List.of(new VariantCounts("A", 1_000, 50),
                new VariantCounts("B", 1_000, 55)), "A", 3).variant("B").liftInterval());

        assertThat(narrowWidth).isLessThan(wideWidth / 5);
        // with 100,000 each the rates' relative errors are 0.0138 and 0.0131, the ratio's 0.019, so the lift
        // 0.1 has a standard error of 1.1 × 0.019 = 0.021 and its 95% interval a width of 2 × 1.96 × 0.021 = 0.082
        assertThat(narrowWidth).isCloseTo(0.082, within(0.005));
    }

    @Test
    void badInputIsRefusedWithTheReason() {
        assertThatThrownBy(() -> BayesianAbTest.analyse(List.of(new VariantCounts("A", 1, 0)), "A", 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least two");
        assertThatThrownBy(() -> BayesianAbTest.analyse(List.of(new VariantCounts("A", 1, 0),
                new VariantCounts("A", 1, 1)), "A", 1)).hasMessageContaining("unique");
        assertThatThrownBy(() -> BayesianAbTest.analyse(List.of(new VariantCounts("A", 1, 0),
                new VariantCounts("B", 1, 1)), "C", 1)).hasMessageContaining("'C'");
    }

    private static double width(Interval interval) {
        return interval.upper() - interval.lower();
    }
}
