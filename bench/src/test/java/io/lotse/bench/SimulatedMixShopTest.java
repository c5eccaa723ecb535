package io.lotse.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.lotse.engine.mix.ChannelEffect;
import io.lotse.engine.mix.GeometricAdstock;
import io.lotse.engine.mix.HillSaturation;
import io.lotse.engine.mix.MixData;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Channels of known effect added to a simulated shop keep the truth exact. */
class SimulatedMixShopTest {

    private static SimulatedMixShop shop() {
        int weeks = 40;
        List<LocalDate> periods = new ArrayList<>();
        double[] outcome = new double[weeks];
        double[][] spend = new double[1][weeks];
        for (int t = 0; t < weeks; t++) {
            periods.add(LocalDate.of(2025, 1, 6).plusWeeks(t));
            outcome[t] = 500;
            spend[0][t] = 1000;
        }
        MixData data = new MixData(periods, outcome, List.of("tv"), spend, List.of(), new double[0][]);
        ChannelEffect tv = new ChannelEffect("tv", new GeometricAdstock(0.5), new HillSaturation(1, 2000), 100);
        return new SimulatedMixShop(data, List.of(tv), new double[] {2000}, new double[1][weeks], 80);
    }

    @Test
    void addedChannelsRunInFlightsAndTheirNewCustomersAreInTheOutcome() {
        SimulatedMixShop base = shop();
        SimulatedMixShop extended = base.withExtraChannels(2, 7);
        MixData data = extended.data();
        assertThat(data.channels()).containsExactly("tv", "radio", "podcast");
        double[] radio = data.spend(1);
        assertThat(radio[0]).isPositive();
        assertThat(radio[5]).isZero();
        double added = Arrays.stream(data.outcome()).sum() - Arrays.stream(base.data().outcome()).sum();
        double realised = Arrays.stream(extended.realised()[1]).sum() + Arrays.stream(extended.realised()[2]).sum();
        assertThat(added).isEqualTo(realised);
        double expectedRadio = Arrays.stream(extended.channels().get(1).contributions(radio)).sum();
        assertThat(extended.expected()[1]).isCloseTo(expectedRadio, within(1e-6));
        assertThat(realised).isCloseTo(extended.expected()[1] + extended.expected()[2],
                within(0.25 * (extended.expected()[1] + extended.expected()[2])));
        assertThat(extended.expected()[0]).isEqualTo(2000);
    }

    @Test
    void addingNoChannelChangesNothing() {
        SimulatedMixShop base = shop();
        assertThat(base.withExtraChannels(0, 7)).isSameAs(base);
    }
}
