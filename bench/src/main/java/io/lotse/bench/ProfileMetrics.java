package io.lotse.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.OptionalDouble;
import java.util.function.Consumer;

/**
 * The server's profile-building metrics, scraped from {@code GET /actuator/prometheus}: the timer
 * {@code lotse.profile.lag} (from an event's receipt to its profile update, a percentile histogram) and the gauge
 * {@code lotse.profile.backlog} (events received but not yet folded into profiles).
 */
final class ProfileMetrics {

    static final String LAG = "lotse_profile_lag_seconds";
    static final String LAG_COUNT = LAG + "_count";
    static final String BACKLOG = "lotse_profile_backlog_events";
    private static final Duration POLL_INTERVAL = Duration.ofMillis(250);

    private final HttpClient client;
    private final URI prometheus;

    ProfileMetrics(HttpClient client, URI baseUrl) {
        this.client = client;
        this.prometheus = baseUrl.resolve("/actuator/prometheus");
    }

    /**
     * One reading of the metrics.
     *
     * @param lag      the lag histogram; empty when the server does not expose it
     * @param lagCount how many lags were recorded; empty when not exposed
     * @param backlog  events waiting for the profile builder; empty when not exposed
     */
    record Scrape(Histogram lag, OptionalDouble lagCount, OptionalDouble backlog) {

        /** Whether the server exposes neither the lag count nor the backlog, so catching up cannot be observed. */
        boolean blind() {
            return lagCount.isEmpty() && backlog.isEmpty();
        }

        /** Whether every one of {@code expectedLags} received events has been folded into the profiles. */
        boolean caughtUp(long expectedLags) {
            return (backlog.isPresent() && backlog.getAsDouble() == 0)
                    || (lagCount.isPresent() && lagCount.getAsDouble() >= expectedLags);
        }
    }

    Scrape scrape() throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(prometheus).timeout(Duration.ofSeconds(30)).GET().build();
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("could not read " + prometheus + ": " + e, e);
        }
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + prometheus + " answered HTTP " + response.statusCode());
        }
        String text = response.body();
        return new Scrape(PrometheusText.histogram(text, LAG), PrometheusText.value(text, LAG_COUNT),
                PrometheusText.value(text, BACKLOG));
    }

    /**
     * Polls until the profile builder has caught up with {@code expectedLags} received events (the backlog is 0,
     * or that many lags were recorded) on two consecutive scrapes with the same lag count, or until
     * {@code maxWait} has passed; returns the last scrape either way and reports a timeout to {@code progress}.
     */
    Scrape awaitCaughtUp(long expectedLags, Duration maxWait, Consumer<String> progress) throws InterruptedException {
        long deadline = System.nanoTime() + maxWait.toNanos();
        Scrape previous = scrape();
        if (previous.blind()) {
            progress.accept("warning: the server exposes neither " + LAG_COUNT + " nor " + BACKLOG
                    + "; not waiting for profiles");
            return previous;
        }
        while (true) {
            Thread.sleep(POLL_INTERVAL.toMillis());
            Scrape current = scrape();
            if (previous.caughtUp(expectedLags) && current.caughtUp(expectedLags)
                    && current.lagCount().equals(previous.lagCount())) {
                return current;
            }
            if (System.nanoTime() > deadline) {
                progress.accept("warning: profiles did not catch up within " + maxWait.toSeconds() + " s (backlog "
                        + describe(current.backlog()) + ", lags recorded " + describe(current.lagCount()) + " of "
                        + expectedLags + ")");
                return current;
            }
            previous = current;
        }
    }

    private static String describe(OptionalDouble value) {
        return value.isPresent() ? Long.toString(Math.round(value.getAsDouble())) : "not exposed";
    }
}
