package io.lotse.engine.recommend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class BlenderTest {

    @Test
    void scoreNormalisationDividesByTheBestAndWeighs() {
        Blender.Blend blend = Blender.blend(List.of(
                new Blender.Source(Signal.EASE, 1, new double[] {4, 2, -3, 0}),
                new Blender.Source(Signal.POPULAR, 0.5, new double[] {1, 10, 5, 0})),
                PlacementRules.Normalisation.SCORE, 4);

        assertThat(blend.total()[0]).isCloseTo(1 + 0.05, within(1e-12));
        assertThat(blend.total()[1]).isCloseTo(0.5 + 0.5, within(1e-12));
        assertThat(blend.total()[2]).as("negative scores count as no evidence").isCloseTo(0.25, within(1e-12));
        assertThat(blend.total()[3]).isZero();
        assertThat(blend.dominant()).containsExactly(Signal.EASE, Signal.EASE, Signal.POPULAR, null);
    }

    @Test
    void rankNormalisationUsesReciprocalRanks() {
        Blender.Blend blend = Blender.blend(List.of(
                new Blender.Source(Signal.SESSION, 2, new double[] {0.1, 0.9, 0.5})),
                PlacementRules.Normalisation.RANK, 3);

        // Ranks: item 1 first, item 2 second, item 0 third: 2 · 11 / (10 + rank).
        assertThat(blend.total()[1]).isCloseTo(2.0, within(1e-12));
        assertThat(blend.total()[2]).isCloseTo(2 * 11 / 12.0, within(1e-12));
        assertThat(blend.total()[0]).isCloseTo(2 * 11 / 13.0, within(1e-12));
    }

    @Test
    void aSignalWithoutWeightDoesNotCount() {
        Blender.Blend blend = Blender.blend(List.of(new Blender.Source(Signal.EASE, 0, new double[] {1, 2})),
                PlacementRules.Normalisation.SCORE, 2);

        assertThat(blend.total()).containsOnly(0.0);
    }
}
