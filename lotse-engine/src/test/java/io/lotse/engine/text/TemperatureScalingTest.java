package io.lotse.engine.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TemperatureScalingTest {

    @Test
    void overconfidentScoresAreCooledDown() {
        // Always 10 logits ahead of the other class, but right only 80% of the time.
        List<double[]> logits = new ArrayList<>();
        int[] labels = new int[100];
        for (int i = 0; i < 100; i++) {
            logits.add(new double[] {10, 0});
            labels[i] = i < 80 ? 0 : 1;
        }

        double t = TemperatureScaling.fit(logits, labels);

        // calibrated: softmax(10 / t) = 0.8, so t = 10 / ln 4
        assertThat(t).isCloseTo(10 / Math.log(4), org.assertj.core.data.Offset.offset(0.01));
        assertThat(TemperatureScaling.nll(logits, labels, t)).isLessThan(TemperatureScaling.nll(logits, labels, 1));
    }

    @Test
    void noExamplesLeaveTheScoresAlone() {
        assertThat(TemperatureScaling.fit(List.of(), new int[0])).isEqualTo(1);
    }
}
