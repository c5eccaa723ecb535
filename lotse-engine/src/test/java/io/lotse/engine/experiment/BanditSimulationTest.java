package io.lotse.engine.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** On variants with known click rates, Thompson sampling loses fewer clicks than a uniform split. */
class BanditSimulationTest {

    private static final double[] CLICK_RATES = {0.02, 0.03, 0.05};
    private static final int PEOPLE = 20_000;

    @Test
    void theBanditsRegretStaysBelowTheUniformSplitsForEverySeed() {
        for (long seed = 1; seed <= 5; seed++) {
            BanditSimulation simulation = BanditSimulation.run(CLICK_RATES, PEOPLE, seed);

            assertThat(simulation.banditRegret()).as("seed " + seed).isLessThan(simulation.uniformRegret() / 2);
            // uniform: 20,000 × (0.05 − mean 0.0333) = 333 clicks lost, up to sampling noise
            assertThat(simulation.uniformRegret()).isCloseTo(333.3, within(15.0));
            assertThat(simulation.banditPulls().get(2)).as("the best variant got most people")
                    .isGreaterThan(PEOPLE * 3L / 4);
        }
    }

    @Test
    void theSameSeedReplaysTheSameSimulation() {
        assertThat(BanditSimulation.run(CLICK_RATES, 2_000, 8)).isEqualTo(BanditSimulation.run(CLICK_RATES, 2_000, 8));
    }

    @Test
    void badSetupsAreRefused() {
        assertThatThrownBy(() -> BanditSimulation.run(new double[] {0.1}, 10, 1)).hasMessageContaining("two");
        assertThatThrownBy(() -> BanditSimulation.run(new double[] {0.1, 1.5}, 10, 1)).hasMessageContaining("[0, 1]");
        assertThatThrownBy(() -> BanditSimulation.run(new double[] {0.1, 0.2}, 0, 1)).hasMessageContaining("round");
    }
}
