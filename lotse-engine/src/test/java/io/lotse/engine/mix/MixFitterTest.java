package io.lotse.engine.mix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The fit recovers a known model from data drawn from it, reproducibly, and reports on itself. */
class MixFitterTest {

    /** A small search keeps the test fast; the evaluation command runs the full one. */
    private static final MixSettings SETTINGS = MixSettings.defaults(11).withSearch(2, 120, 16).withBootstrap(12, 30);

    private static SyntheticMix.Drawn drawn;
    private static MixResult result;

    @BeforeAll
    static void fit() {
        drawn = SyntheticMix.draw(SyntheticMix.CHANNELS, 156, 15, 3);
        result = MixFitter.fit(drawn.data(), SETTINGS);
    }

    private static double truth(int channel) {
        double total = 0;
        for (double v : drawn.contributions()[channel]) {
            total += v;
        }
        return total;
    }

    @Test
    void recoversEveryChannelsContributionAndRoi() {
        for (int c = 0; c < SyntheticMix.CHANNELS.size(); c++) {
            ChannelResult channel = result.channels().get(c);
            double trueRoi = truth(c) / channel.spend();
            assertThat(channel.contribution()).as(channel.channel()).isCloseTo(truth(c), within(0.3 * truth(c)));
            assertThat(channel.roi()).as(channel.channel()).isCloseTo(trueRoi, within(0.3 * trueRoi));
        }
    }

    @Test
    void fitsWellInAndOutOfSample() {
        FitDiagnostics diagnostics = result.diagnostics();
        assertThat(diagnostics.r2()).isGreaterThan(0.95);
        assertThat(diagnostics.nrmse()).isLessThan(0.05);
        assertThat(diagnostics.holdout()).isNotNull();
        assertThat(diagnostics.holdout().periods()).isEqualTo(16);
        assertThat(diagnostics.holdout().mape()).isLessThan(0.05);
        assertThat(diagnostics.paretoFront()).isPositive();
        assertThat(diagnostics.bootstrapReplicates()).isEqualTo(12);
    }

    @Test
    void intervalsSurroundTheEstimates() {
        for (ChannelResult channel : result.channels()) {
            assertThat(channel.roiInterval().lower()).isLessThanOrEqualTo(channel.roiInterval().upper());
            assertThat(channel.marginalRoi()).isGreaterThanOrEqualTo(0);
            assertThat(channel.effect().beta()).isGreaterThanOrEqualTo(0);
        }
        double shares = result.channels().stream().mapToDouble(ChannelResult::spendShare).sum();
        assertThat(shares).isCloseTo(1, within(1e-9));
    }

    @Test
    void decompositionAddsUpToTheFittedOutcome() {
        MixModel.Decomposition decomposition = result.decomposition();
        for (int t = 0; t < drawn.data().size(); t++) {
            double sum = 0;
            for (double[] component : decomposition.values()) {
                sum += component[t];
            }
            assertThat(sum).isCloseTo(result.fitted()[t], within(1e-6));
        }
        assertThat(decomposition.components()).startsWith("intercept", "trend", "seasonality")
                .endsWith("search", "social", "display", "tv");
    }

    @Test
    void theSameSeedGivesTheSameModel() {
        MixResult again = MixFitter.fit(drawn.data(), SETTINGS.withBootstrap(0, 1).withHoldout(0));
        MixResult once = MixFitter.fit(drawn.data(), SETTINGS.withBootstrap(0, 1).withHoldout(0));
        assertThat(again.fitted()).containsExactly(once.fitted());
        assertThat(again.provenance().settings().seed()).isEqualTo(11);
        assertThat(again.provenance().engine()).isEqualTo(Provenance.ENGINE_VERSION);
        assertThat(again.provenance().periods()).isEqualTo(156);
    }

    @Test
    void aLiftTestPullsItsChannelTowardsTheMeasurement() {
        int tv = drawn.data().channelIndex("tv");
        LocalDate from = drawn.data().periods().get(40);
        LocalDate to = drawn.data().periods().get(51).plusDays(6);
        double measured = 0;
        for (int t = 40; t <= 51; t++) {
            measured += drawn.contributions()[tv][t];
        }
        LiftTest test = new LiftTest("tv", from, to, measured, measured * 0.9, measured * 1.1);
        MixResult calibrated = MixFitter.fit(drawn.data(), SETTINGS.withBootstrap(0, 1), List.of(test));
        FitDiagnostics.LiftCheck check = calibrated.diagnostics().liftChecks().get(0);
        assertThat(check.estimated()).isCloseTo(measured, within(0.15 * measured));
        assertThat(calibrated.diagnostics().mapeLift()).isLessThan(0.15);
    }

    @Test
    void refusesALiftTestOutsideTheData() {
        LiftTest test = new LiftTest("tv", LocalDate.of(2030, 1, 1), LocalDate.of(2030, 2, 1), 100, 90, 110);
        assertThatThrownBy(() -> MixFitter.fit(drawn.data(), SETTINGS, List.of(test)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outside the data");
    }

    @Test
    void refusesALiftTestOfAnUnknownChannel() {
        LiftTest test = new LiftTest("radio", LocalDate.of(2023, 3, 1), LocalDate.of(2023, 4, 1), 100, 90, 110);
        assertThatThrownBy(() -> MixFitter.fit(drawn.data(), SETTINGS, List.of(test)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no channel 'radio'");
    }
}
