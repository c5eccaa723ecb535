package io.lotse.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class IntentMetricsTest {

    @Test
    void accuracyMacroF1AndOutOfScopeFigures() {
        List<String> truth = List.of("a", "a", "b", "oos", "oos");
        List<String> predicted = List.of("a", "oos", "b", "oos", "a");

        IntentMetrics metrics = IntentMetrics.of(truth, predicted, "oos");

        assertThat(metrics.accuracy()).isEqualTo(0.6);
        // in scope: 2 of 3 right (the rejected "a" counts as wrong)
        assertThat(metrics.inScopeAccuracy()).isCloseTo(2 / 3.0, within(1e-9));
        assertThat(metrics.oosRecall()).isEqualTo(0.5);
        assertThat(metrics.oosPrecision()).isEqualTo(0.5);
        // F1: a = 2*1/(2+1+1) = 0.5, b = 1, oos = 2*1/(2+1+1) = 0.5
        assertThat(metrics.macroF1()).isCloseTo(2 / 3.0, within(1e-9));
    }

    @Test
    void withoutAnOutOfScopeLabelThoseFiguresAreUndefined() {
        IntentMetrics metrics = IntentMetrics.of(List.of("a", "b"), List.of("a", "b"), null);

        assertThat(metrics.accuracy()).isEqualTo(1.0);
        assertThat(metrics.macroF1()).isEqualTo(1.0);
        assertThat(metrics.inScopeAccuracy()).isNaN();
        assertThat(metrics.oosRecall()).isNaN();
    }
}
