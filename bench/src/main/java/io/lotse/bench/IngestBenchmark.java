package io.lotse.bench;

import java.io.IOException;
import java.net.http.HttpClient;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * Measures durable event ingestion of a running Lotse server on its embedded database.
 *
 * <ol>
 *   <li>Generates warm-up and measured Segment events from a fixed seed, as {@code /v1/batch} bodies.</li>
 *   <li>Sends the warm-up batches, waits for the profiles to catch up, scrapes the profile-lag histogram.</li>
 *   <li>Sends the measured batches from concurrent connections; every request must be answered 200.</li>
 *   <li>Waits for the profiles to catch up (at most two minutes) and takes the 99th percentile of the lags
 *   recorded in between.</li>
 *   <li>Copies the measured events again, under fresh message ids, straight into the events table with
 *   {@code COPY} as the baseline.</li>
 * </ol>
 *
 * <p>Progress goes to standard error; standard output gets one JSON line: {@code events_per_s}, {@code p50_ms},
 * {@code p99_ms} (request latency), {@code copy_events_per_s}, {@code ratio_to_copy} and
 * {@code profile_lag_p99_ms} ({@code -1} when the server exposes no lag histogram). Exits with 2 on a bad
 * command line and 1 when the benchmark fails.
 */
public final class IngestBenchmark {

    private static final long SEED = 20_240_601L;
    private static final Duration PROFILE_CATCH_UP = Duration.ofSeconds(120);
    /** Every generated event advances the clock by 4.5 ms on average. */
    private static final double MEAN_EVENT_GAP_MILLIS = 4.5;

    private IngestBenchmark() {}

    public static void main(String[] args) throws InterruptedException {
        IngestOptions options = CommandLineOptions.readOrExit(IngestOptions.USAGE, () -> IngestOptions.parse(args));
        try {
            System.out.println(run(options));
        } catch (HttpLoad.LoadFailedException | IllegalStateException | IOException | SQLException e) {
            System.err.println("ingest benchmark failed: " + e.getMessage());
            System.exit(1);
        }
    }

    private static String run(IngestOptions options) throws InterruptedException, IOException, SQLException {
        int total = options.warmupEvents() + options.events();
        progress("generating " + total + " events (seed " + SEED + ")");
        Instant start = Instant.now().minusMillis((long) (total * MEAN_EVENT_GAP_MILLIS));
        EventGenerator generator = new EventGenerator(SEED, Math.max(1_000, total / 12), start);
        List<SegmentEvent> warmupEvents = generator.next(options.warmupEvents());
        List<SegmentEvent> measuredEvents = generator.next(options.events());

        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        HttpLoad load = new HttpLoad(options.url(), options.writeKey(), options.connections());
        ProfileMetrics metrics = new ProfileMetrics(client, options.url());

        if (!warmupEvents.isEmpty()) {
            List<Batch> warmup = Batch.split(warmupEvents, options.batchSize());
            progress("warm-up: " + warmupEvents.size() + " events in " + warmup.size() + " requests");
            load.send(warmup);
        }
        ProfileMetrics.Scrape before = metrics.awaitCaughtUp(options.warmupEvents(), PROFILE_CATCH_UP,
                IngestBenchmark::progress);

        HttpLoad.LoadResult result = measure(load, measuredEvents, options);
        progress(String.format(Locale.ROOT, "ingested %d events in %.1f s: %.0f events/s, latency p50 %.1f ms,"
                + " p99 %.1f ms", result.events(), seconds(result.wallTime()), result.eventsPerSecond(),
                result.p50Millis(), result.p99Millis()));

        progress("waiting for profiles to catch up");
        ProfileMetrics.Scrape after = metrics.awaitCaughtUp(total, PROFILE_CATCH_UP, IngestBenchmark::progress);
        long profileLagP99Millis = profileLagP99Millis(after.lag().minus(before.lag()));

        double copyEventsPerSecond = copyBaseline(measuredEvents, options);
        double ratio = result.eventsPerSecond() / copyEventsPerSecond;
        return String.format(Locale.ROOT, "{\"events_per_s\": %d, \"p50_ms\": %d, \"p99_ms\": %d,"
                        + " \"copy_events_per_s\": %d, \"ratio_to_copy\": %.2f, \"profile_lag_p99_ms\": %d}",
                Math.round(result.eventsPerSecond()), Math.round(result.p50Millis()), Math.round(result.p99Millis()),
                Math.round(copyEventsPerSecond), ratio, profileLagP99Millis);
    }

    /** Builds the request bodies before the clock starts; they are garbage once sent. */
    private static HttpLoad.LoadResult measure(HttpLoad load, List<SegmentEvent> events, IngestOptions options)
            throws InterruptedException {
        List<Batch> batches = Batch.split(events, options.batchSize());
        long bytes = batches.stream().mapToLong(b -> b.body().length).sum();
        progress(String.format(Locale.ROOT, "measuring: %d events in %d requests over %d connections,"
                + " %.0f bytes per event", events.size(), batches.size(), options.connections(),
                (double) bytes / events.size()));
        return load.send(batches);
    }

    private static long profileLagP99Millis(Histogram lags) {
        OptionalDouble p99 = lags.upperBound(0.99);
        if (p99.isEmpty()) {
            progress("warning: no profile lags were recorded during the measured phase; reporting -1");
            return -1;
        }
        double seconds = p99.getAsDouble();
        if (Double.isInfinite(seconds)) {
            seconds = lags.largestFiniteBound();
            progress("warning: the profile lag p99 exceeds the largest histogram bucket; reporting that bound, "
                    + seconds + " s");
        }
        return Math.round(seconds * 1000);
    }

    /**
     * Events per COPY transaction of the baseline: the largest transaction the server's event log writes, so
     * that the baseline is the storage limit for durable appends, not a per-request fsync rate.
     */
    static final int COPY_CHUNK_EVENTS = 10_000;

    private static double copyBaseline(List<SegmentEvent> events, IngestOptions options)
            throws IOException, SQLException {
        String jdbcUrl = CopyBaseline.jdbcUrl(options.dataDir());
        List<byte[]> chunks = CopyBaseline.chunks(events, COPY_CHUNK_EVENTS, Instant.now());
        progress("COPY baseline: " + events.size() + " events in " + chunks.size() + " transactions via " + jdbcUrl);
        Duration elapsed = CopyBaseline.copy(jdbcUrl, chunks);
        double eventsPerSecond = events.size() / seconds(elapsed);
        progress(String.format(Locale.ROOT, "copied %d events in %.1f s: %.0f events/s", events.size(),
                seconds(elapsed), eventsPerSecond));
        return eventsPerSecond;
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }

    private static void progress(String line) {
        System.err.println(line);
    }
}
