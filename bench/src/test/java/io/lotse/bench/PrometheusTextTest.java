package io.lotse.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class PrometheusTextTest {

    private static final String BEFORE = """
            # HELP lotse_profile_lag_seconds From receipt of an event to its profile update
            # TYPE lotse_profile_lag_seconds histogram
            lotse_profile_lag_seconds_bucket{application="lotse",le="0.001"} 10
            lotse_profile_lag_seconds_bucket{application="lotse",le="0.01"} 40
            lotse_profile_lag_seconds_bucket{application="lotse",le="0.1"} 50
            lotse_profile_lag_seconds_bucket{application="lotse",le="1.0"} 50
            lotse_profile_lag_seconds_bucket{application="lotse",le="2.5"} 50
            lotse_profile_lag_seconds_bucket{application="lotse",le="+Inf"} 50
            lotse_profile_lag_seconds_count{application="lotse"} 50
            lotse_profile_lag_seconds_sum{application="lotse"} 0.4
            # HELP lotse_profile_lag_seconds_max From receipt of an event to its profile update
            # TYPE lotse_profile_lag_seconds_max gauge
            lotse_profile_lag_seconds_max{application="lotse"} 0.05
            # TYPE lotse_profile_backlog_events gauge
            lotse_profile_backlog_events{application="lotse"} 120.0
            # TYPE http_server_requests_seconds histogram
            http_server_requests_seconds_bucket{application="lotse",le="0.001",uri="/v1/batch"} 999
            http_server_requests_seconds_bucket{application="lotse",le="+Inf",uri="/v1/batch"} 1000
            """;

    private static final String AFTER = """
            # TYPE lotse_profile_lag_seconds histogram
            lotse_profile_lag_seconds_bucket{application="lotse",le="0.001"} 10.0
            lotse_profile_lag_seconds_bucket{application="lotse",le="0.01"} 140.0
            lotse_profile_lag_seconds_bucket{application="lotse",le="0.1"} 850.0
            lotse_profile_lag_seconds_bucket{application="lotse",le="1.0"} 1040.0
            lotse_profile_lag_seconds_bucket{application="lotse",le="2.5"} 1049.0
            lotse_profile_lag_seconds_bucket{application="lotse",le="+Inf"} 1050.0
            lotse_profile_lag_seconds_count{application="lotse"} 1050.0
            lotse_profile_lag_seconds_sum{application="lotse"} 180.2
            lotse_profile_backlog_events{application="lotse"} 0.0
            """;

    @Test
    void readsCumulativeBucketsAndIgnoresOtherMetrics() {
        Histogram lag = PrometheusText.histogram(BEFORE, "lotse_profile_lag_seconds");
        assertThat(lag.cumulativeCounts()).hasSize(6).containsEntry(0.01, 40.0)
                .containsEntry(Double.POSITIVE_INFINITY, 50.0);
        assertThat(lag.count()).isEqualTo(50.0);
    }

    @Test
    void p99OfTheDeltaIsTheUpperBoundOfTheBucketReaching99Percent() {
        Histogram delta = PrometheusText.histogram(AFTER, "lotse_profile_lag_seconds")
                .minus(PrometheusText.histogram(BEFORE, "lotse_profile_lag_seconds"));
        // 1000 new lags: 0, 100, 800, 190, 9, 1 per bucket; the 990th falls in the (0.1, 1.0] bucket.
        assertThat(delta.count()).isEqualTo(1000.0);
        assertThat(delta.upperBound(0.99)).hasValue(1.0);
        assertThat(delta.upperBound(0.5)).hasValue(0.1);
        assertThat(delta.upperBound(0.999)).hasValue(2.5);
        assertThat(delta.upperBound(1.0)).hasValue(Double.POSITIVE_INFINITY);
        assertThat(delta.largestFiniteBound()).isEqualTo(2.5);
    }

    @Test
    void readsGaugesAndCountsByExactName() {
        assertThat(PrometheusText.value(BEFORE, "lotse_profile_backlog_events")).hasValue(120.0);
        assertThat(PrometheusText.value(AFTER, "lotse_profile_backlog_events")).hasValue(0.0);
        assertThat(PrometheusText.value(AFTER, "lotse_profile_lag_seconds_count")).hasValue(1050.0);
        assertThat(PrometheusText.value(AFTER, "lotse_profile_lag_seconds")).isEmpty();
    }

    @Test
    void addsUpSeriesWithOtherLabelsAndSkipsTimestampsAndExemplars() {
        String text = """
                lotse_profile_lag_seconds_bucket{le="0.5",source="http"} 3 1718000000000
                lotse_profile_lag_seconds_bucket{source="import",le="0.5"} 4 # {trace_id="abc"} 0.2
                lotse_profile_lag_seconds_bucket{le="+Inf",source="http"} 5
                lotse_profile_lag_seconds_bucket{source="import",le="+Inf"} 6
                """;
        Histogram lag = PrometheusText.histogram(text, "lotse_profile_lag_seconds");
        assertThat(lag.cumulativeCounts()).containsEntry(0.5, 7.0).containsEntry(Double.POSITIVE_INFINITY, 11.0);
    }

    @Test
    void readsEscapedLabelValuesAndScientificNumbers() {
        String text = "lotse_profile_lag_seconds_bucket{path=\"a \\\"quoted\\\", b\\\\c\",le=\"1.0E-3\"} 2.0E1\n"
                + "lotse_profile_lag_seconds_bucket{path=\"x}\",le=\"+Inf\"} 20\n";
        Histogram lag = PrometheusText.histogram(text, "lotse_profile_lag_seconds");
        assertThat(lag.cumulativeCounts()).containsEntry(0.001, 20.0).containsEntry(Double.POSITIVE_INFINITY, 20.0);
    }

    @Test
    void emptyWhenTheMetricIsMissing() {
        Histogram lag = PrometheusText.histogram("up 1\n", "lotse_profile_lag_seconds");
        assertThat(lag.upperBound(0.99)).isEqualTo(OptionalDouble.empty());
        assertThat(PrometheusText.value("up 1\n", "lotse_profile_backlog_events")).isEmpty();
        assertThat(PrometheusText.number("NaN")).isNaN();
        assertThat(PrometheusText.number("1.5e2")).isCloseTo(150.0, within(1e-9));
    }
}
