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
    private static final int QUIET_SECONDS = 5;

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

        /** Whether at least {@code expected} lags were recorded, one per event folded into the profiles. */
        boolean recordedAtLeast(long expected) {
            return lagCount.isPresent() && lagCount.getAsDouble() >= expected;
        }

        /** Whether the profile builder reported no backlog (or does not report one). */
        boolean backlogEmpty() {
            return backlog.isEmpty() || backlog.getAsDouble() == 0;
        }
    }

    Scrape scrape() throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(prometheus).timeout(Duration.ofSeconds(30)).GET().build();
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("could not read " + prometheus + ": " + HttpLoad.describe(e), e);
        }
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + prometheus + " answered HTTP " + response.statusCode());
        }
        String text = response.body();
        return new Scrape(PrometheusText.histogram(text, LAG), PrometheusText.value(text, LAG_COUNT),
                PrometheusText.value(text, BACKLOG));
    }

    /**
     * Polls until the profile builder has caught up with {@code expectedLags} received events, or until
     * {@code maxWait} has passed, and returns the last scrape either way.
     *
     * <p>Caught up means that many lags were recorded. A server that leaves some events out of the profiles
     * never gets there; it counts as caught up once its backlog is 0 and neither the lag count nor the backlog
     * has moved for {@value #QUIET_SECONDS} seconds (a backlog of 0 alone may be stale: it is only updated
     * after a round of the builder). Shortfalls and timeouts are reported to {@code progress}.
     */
    Scrape awaitCaughtUp(long expectedLags, Duration maxWait, Consumer<String> progress) throws InterruptedException {
        long now = System.nanoTime();
        long deadline = now + maxWait.toNanos();
        long quietSince = now;
        Scrape scrape = scrape();
        if (scrape.blind()) {
            progress.accept("warning: the server exposes neither " + LAG_COUNT + " nor " + BACKLOG
                    + "; not waiting for profiles");
            return scrape;
        }
        while (!scrape.recordedAtLeast(expectedLags)) {
            now = System.nanoTime();
            if (scrape.backlogEmpty() && now - quietSince >= Duration.ofSeconds(QUIET_SECONDS).toNanos()) {
                progress.accept("warning: profiles idle with " + describe(scrape.lagCount()) + " of " + expectedLags
                        + " lags recorded");
                return scrape;
            }
            if (now > deadline) {
                progress.accept("warning: profiles did not catch up within " + maxWait.toSeconds() + " s (backlog "
                        + describe(scrape.backlog()) + ", lags recorded " + describe(scrape.lagCount()) + " of "
                        + expectedLags + ")");
                return scrape;
            }
            Thread.sleep(POLL_INTERVAL.toMillis());
            Scrape next = scrape();
            if (!next.lagCount().equals(scrape.lagCount()) || !next.backlog().equals(scrape.backlog())) {
                quietSince = System.nanoTime();
            }
            scrape = next;
        }
        return scrape;
    }

    private static String describe(OptionalDouble value) {
        return value.isPresent() ? Long.toString(Math.round(value.getAsDouble())) : "not exposed";
    }
}
