package io.lotse.server.predict;

import static org.assertj.core.api.Assertions.assertThat;

import io.lotse.engine.clv.BgNbd;
import io.lotse.engine.clv.CustomerSummary;
import io.lotse.engine.clv.ModelFit;
import io.lotse.engine.clv.ParetoNbd;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** The Pareto/NBD comparison is recorded when it finishes in time, and dropped, not waited for, when not. */
class ParetoComparisonTest {

    private static final List<CustomerSummary> SAMPLE = List.of(
            new CustomerSummary("1", 2, 30, 40, 20), new CustomerSummary("2", 0, 0, 35, 0));
    private static final BgNbd BGNBD = new BgNbd(0.24, 4.4, 0.79, 2.4);

    private final ObjectNode parameters = JsonNodeFactory.instance.objectNode();
    private final ObjectNode metrics = JsonNodeFactory.instance.objectNode();

    @Test
    void aFitThatFinishesInTimeIsRecordedBesideTheBgNbdOnTheSameCustomers() {
        ParetoComparison comparison = new ParetoComparison(Duration.ofSeconds(30),
                sample -> new ModelFit<>(new ParetoNbd(0.55, 10.6, 0.61, 11.7), -123.4, sample.size(), 99, true));

        comparison.record(comparison.start(SAMPLE), BGNBD, parameters, metrics);

        assertThat(parameters.path("pareto_nbd").path("s").asDouble()).isEqualTo(0.61);
        assertThat(metrics.path("pareto_nbd").path("loglik").asDouble()).isEqualTo(-123.4);
        assertThat(metrics.path("pareto_nbd").path("sample").asInt()).isEqualTo(2);
        assertThat(metrics.path("pareto_nbd").path("bgnbd_loglik_same_customers").asDouble())
                .isEqualTo(BGNBD.logLikelihood(SAMPLE));
    }

    @Test
    void aSlowFitIsDroppedAndLaterRunsSkipTheComparisonWhileItRuns() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        ParetoComparison comparison = new ParetoComparison(Duration.ofMillis(50), sample -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new ModelFit<>(new ParetoNbd(1, 1, 1, 1), -1, sample.size(), 1, true);
        });
        try {
            comparison.record(comparison.start(SAMPLE), BGNBD, parameters, metrics);
            assertThat(metrics.path("pareto_nbd").path("skipped").asString()).contains("not finished within");
            assertThat(parameters.has("pareto_nbd")).isFalse();

            ObjectNode next = JsonNodeFactory.instance.objectNode();
            comparison.record(comparison.start(SAMPLE), BGNBD, parameters, next);
            assertThat(next.path("pareto_nbd").path("skipped").asString()).contains("still running");
        } finally {
            release.countDown();
            comparison.destroy();
        }
    }

    @Test
    void aTimeoutOfZeroSwitchesTheComparisonOff() {
        ParetoComparison comparison = new ParetoComparison(Duration.ZERO, sample -> {
            throw new AssertionError("no fit when switched off");
        });

        comparison.record(comparison.start(SAMPLE), BGNBD, parameters, metrics);

        assertThat(metrics.path("pareto_nbd").path("skipped").asString()).contains("switched off");
    }
}
