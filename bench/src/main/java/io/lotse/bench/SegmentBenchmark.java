package io.lotse.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Measures segments on a running Lotse server with its embedded database.
 *
 * <ol>
 *   <li>Copies a synthetic customer base ({@link Population}) straight into the database.</li>
 *   <li>Creates a segment with a typical four-condition rule through the API (country, churn risk, email consent,
 *   at least two orders in 90 days), which evaluates it the first time, then has it evaluated again
 *   {@code --runs} times through {@code POST /api/v1/segments/{key}/evaluate}; the median wall time of those calls
 *   is {@code full_evaluation_ms}.</li>
 *   <li>Sends generated tracking events at {@code --rate} per second for {@code --seconds}; five times a second one
 *   more event goes out on its own: the second order of a customer who met every other condition. The delay from
 *   that request's answer until the customer's entry shows in {@code segment_membership_changes} (polled every
 *   10 ms) is the incremental latency.</li>
 * </ol>
 *
 * <p>Progress goes to standard error; the last line of standard output is the result as JSON. Exits with 2 on a
 * bad command line and 1 when the benchmark fails.
 */
public final class SegmentBenchmark {

    private static final long SEED = 20_261_123L;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String KEY = "bench-repeat-buyers-de";
    private static final String RULE = """
            {"all": [
              {"trait": "country", "op": "eq", "value": "DE"},
              {"score": "churn_risk", "op": "gt", "value": 60},
              {"consent": "email"},
              {"event": "Order Completed", "atLeast": 2, "withinDays": 90}]}""";
    private static final int PROBES_PER_SECOND = 5;
    private static final Duration PROBE_DEADLINE = Duration.ofSeconds(30);

    private SegmentBenchmark() {}

    public static void main(String[] args) throws InterruptedException {
        SegmentOptions options = CommandLineOptions.readOrExit(SegmentOptions.USAGE,
                () -> SegmentOptions.parse(System.getenv(), args));
        try {
            System.out.println(run(options));
        } catch (IllegalStateException | IOException | SQLException e) {
            System.err.println("segment benchmark failed: " + e.getMessage());
            System.exit(1);
        }
    }

    private static String run(SegmentOptions options) throws IOException, SQLException, InterruptedException {
        String jdbcUrl = CopyBaseline.jdbcUrl(options.dataDir());
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        Admin admin = new Admin(http, options.url(), options.adminToken());
        try (Connection database = connect(jdbcUrl)) {
            progress("loading " + options.profiles() + " profiles into " + jdbcUrl);
            long started = System.nanoTime();
            long rows = new Population(SEED, options.profiles(), Instant.now()).load(database);
            progress(String.format(Locale.ROOT, "loaded %d rows in %.0f s", rows, seconds(System.nanoTime() - started)));

            progress("creating segment " + KEY);
            long before = System.nanoTime();
            JsonNode created = admin.send("POST", "/api/v1/segments",
                    "{\"key\": \"" + KEY + "\", \"name\": \"Repeat buyers in Germany at risk\", \"rule\": " + RULE + "}",
                    201);
            long firstMillis = Math.round((System.nanoTime() - before) / 1e6);
            long members = created.path("size").asLong();
            progress("created with " + members + " members in " + firstMillis + " ms (first evaluation included)");

            PostgresCpu postgres = PostgresCpu.of(options.dataDir());
            long[] runs = new long[options.runs()];
            long[] cpu = new long[options.runs()];
            for (int i = 0; i < runs.length; i++) {
                long cpuBefore = postgres.millis();
                long start = System.nanoTime();
                JsonNode evaluation = admin.send("POST", "/api/v1/segments/" + KEY + "/evaluate", "", 200);
                runs[i] = Math.round((System.nanoTime() - start) / 1e6);
                cpu[i] = postgres.millis() - cpuBefore;
                progress("full evaluation " + (i + 1) + ": " + runs[i] + " ms (server " + evaluation.path("tookMs")
                        + " ms, PostgreSQL CPU " + cpu[i] + " ms), size " + evaluation.path("size"));
            }
            Arrays.sort(runs);
            Arrays.sort(cpu);
            long fullMillis = runs[runs.length / 2];
            long fullCpuMillis = cpu[cpu.length / 2];
            String load = Files.readString(Path.of("/proc/loadavg")).strip();
            progress("load average while timing (1, 5, 15 min): " + load);

            long segmentId = segmentId(database);
            List<Long> candidates = candidates(database, options.seconds() * PROBES_PER_SECOND + 10);
            progress("incremental: " + options.rate() + " events/s for " + options.seconds() + " s, "
                    + candidates.size() + " candidates for probes");
            Incremental incremental = incremental(options, http, database, segmentId, candidates);
            return String.format(Locale.ROOT, "{\"profiles\": %d, \"full_evaluation_ms\": %d,"
                            + " \"full_evaluation_cpu_ms\": %d, \"first_evaluation_ms\": %d, \"members\": %d,"
                            + " \"incremental_p50_ms\": %d, \"incremental_p99_ms\": %d, \"incremental_probes\": %d,"
                            + " \"incremental_missed\": %d, \"events_per_s\": %d, \"profile_lag_p99_ms\": %d,"
                            + " \"incremental_evaluation_ms\": %d, \"load_average\": %s}",
                    options.profiles(), fullMillis, fullCpuMillis, firstMillis, members, incremental.p50(),
                    incremental.p99(), incremental.probes(), incremental.missed(),
                    Math.round(incremental.eventsPerSecond()), incremental.profileLagP99Millis(),
                    incremental.evaluationMillis(), load.split(" ")[0]);
        }
    }

    /**
     * @param p50             median delay from a probe's answer to the profile's entry, ms
     * @param p99             99th percentile of it, ms; a probe never seen counts as the deadline
     * @param probes          probes sent
     * @param missed          probes whose entry did not show within the deadline
     * @param eventsPerSecond tracking events acknowledged per second, probes included
     * @param profileLagP99Millis 99th percentile of receipt to profile update meanwhile (bucket bound), ms
     * @param evaluationMillis    mean time of one per-event evaluation of the segment on the server, ms
     */
    private record Incremental(long p50, long p99, int probes, int missed, double eventsPerSecond,
                               long profileLagP99Millis, long evaluationMillis) {}

    private static Incremental incremental(SegmentOptions options, HttpClient http, Connection database,
                                           long segmentId, List<Long> candidates)
            throws InterruptedException, SQLException {
        int total = options.rate() * options.seconds();
        progress("generating " + total + " events");
        EventGenerator generator = new EventGenerator(SEED, Math.max(1_000, total / 12),
                Instant.now().minusSeconds(options.seconds()));
        List<Batch> batches = Batch.split(generator.next(total), 500);

        Map<Long, Long> entered = new ConcurrentHashMap<>();
        AtomicBoolean done = new AtomicBoolean();
        long startId = maxChangeId(database, segmentId);
        Thread watcher = new Thread(() -> watch(database, segmentId, startId, entered, done), "entry-watcher");
        watcher.start();

        String metricsBefore = metrics(http, options.url());
        Map<Long, Long> acknowledged = new ConcurrentHashMap<>();
        Thread prober = new Thread(() -> probe(options, http, candidates, acknowledged, done), "prober");
        PacedLoad load = new PacedLoad(http, options.url(), options.writeKey(), 4);
        prober.start();
        PacedLoad.Result result = load.send(batches, options.rate());
        done.set(true);
        prober.join();
        progress(String.format(Locale.ROOT, "background load: %d events in %.1f s (%.0f events/s), %d failed requests",
                result.events(), seconds(result.wallTime().toNanos()), result.eventsPerSecond(), result.failures()));

        long deadline = System.nanoTime() + PROBE_DEADLINE.toNanos();
        while (!entered.keySet().containsAll(acknowledged.keySet()) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        watcher.interrupt();
        watcher.join();
        ServerTimes server = describeServer(metricsBefore, metrics(http, options.url()));

        List<Long> delays = new ArrayList<>();
        int missed = 0;
        for (Map.Entry<Long, Long> probe : acknowledged.entrySet()) {
            Long seen = entered.get(probe.getKey());
            if (seen == null) {
                missed++;
                delays.add(PROBE_DEADLINE.toMillis());
            } else {
                delays.add(Math.max(0, Math.round((seen - probe.getValue()) / 1e6)));
            }
        }
        delays.sort(null);
        long[] sorted = delays.stream().mapToLong(Long::longValue).toArray();
        if (sorted.length == 0) {
            throw new IllegalStateException("no probe was acknowledged");
        }
        progress("probes: " + sorted.length + ", missed " + missed + ", delays ms " + Arrays.toString(
                Arrays.copyOfRange(sorted, 0, Math.min(10, sorted.length))) + " … " + sorted[sorted.length - 1]);
        double eventsPerSecond = (result.events() + acknowledged.size()) / (result.wallTime().toNanos() / 1e9);
        return new Incremental(HttpLoad.percentile(sorted, 0.50), HttpLoad.percentile(sorted, 0.99), sorted.length,
                missed, eventsPerSecond, server.profileLagP99Millis(), server.evaluationMillis());
    }

    /**
     * Reports where the time went on the server meanwhile: the profile lag (receipt to profile update) and the
     * per-event segment evaluations.
     */
    /**
     * @param profileLagP99Millis upper bound of the bucket holding the 99th percentile of the profile lag, ms
     * @param evaluationMillis    mean duration of the segment evaluations, ms
     */
    private record ServerTimes(long profileLagP99Millis, long evaluationMillis) {}

    private static ServerTimes describeServer(String before, String after) {
        Histogram lag = PrometheusText.histogram(after, ProfileMetrics.LAG)
                .minus(PrometheusText.histogram(before, ProfileMetrics.LAG));
        String evaluations = "lotse_segments_evaluation_seconds";
        double count = PrometheusText.value(after, evaluations + "_count").orElse(0)
                - PrometheusText.value(before, evaluations + "_count").orElse(0);
        double sum = PrometheusText.value(after, evaluations + "_sum").orElse(0)
                - PrometheusText.value(before, evaluations + "_sum").orElse(0);
        double mean = count == 0 ? 0 : sum / count * 1000;
        progress(String.format(Locale.ROOT, "server: profile lag p50 <= %.2f s, p99 <= %.2f s; %d segment"
                        + " evaluations, %.0f ms on average", lag.upperBound(0.5).orElse(-1),
                lag.upperBound(0.99).orElse(-1), Math.round(count), mean));
        return new ServerTimes(Math.round(lag.upperBound(0.99).orElse(-0.001) * 1000), Math.round(mean));
    }

    private static String metrics(HttpClient http, URI base) throws InterruptedException {
        try {
            return http.send(HttpRequest.newBuilder(base.resolve("/actuator/prometheus")).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new IllegalStateException("could not read the server's metrics: " + HttpLoad.describe(e), e);
        }
    }

    /** Sends each candidate's second order on its own, {@value #PROBES_PER_SECOND} a second, noting the answer time. */
    private static void probe(SegmentOptions options, HttpClient http, List<Long> candidates,
                              Map<Long, Long> acknowledged, AtomicBoolean done) {
        URI track = options.url().resolve("/v1/track");
        String authorization = "Basic " + Base64.getEncoder()
                .encodeToString((options.writeKey() + ":").getBytes(StandardCharsets.UTF_8));
        long interval = 1_000_000_000L / PROBES_PER_SECOND;
        long next = System.nanoTime() + 2 * 1_000_000_000L;
        for (long profileId : candidates) {
            try {
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                if (done.get()) {
                    return;
                }
                next += interval;
                String body = "{\"userId\": \"" + Population.userId(profileId) + "\", \"event\": \"Order Completed\","
                        + " \"properties\": {\"revenue\": 59.9}}";
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(track)
                        .timeout(Duration.ofSeconds(60)).header("Authorization", authorization)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    acknowledged.put(profileId, System.nanoTime());
                }
            } catch (IOException e) {
                progress("warning: a probe failed: " + HttpLoad.describe(e));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Notes when each profile's entry into the segment appears, polling every 10 ms. */
    private static void watch(Connection database, long segmentId, long afterId, Map<Long, Long> entered,
                              AtomicBoolean done) {
        long last = afterId;
        try (PreparedStatement poll = database.prepareStatement("""
                SELECT id, profile_id FROM segment_membership_changes
                WHERE segment_id = ? AND id > ? AND entered ORDER BY id""")) {
            while (!Thread.currentThread().isInterrupted()) {
                poll.setLong(1, segmentId);
                poll.setLong(2, last);
                try (ResultSet rs = poll.executeQuery()) {
                    long now = System.nanoTime();
                    while (rs.next()) {
                        last = rs.getLong(1);
                        entered.putIfAbsent(rs.getLong(2), now);
                    }
                }
                Thread.sleep(10);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (SQLException e) {
            progress("warning: watching entries failed: " + e.getMessage());
        }
    }

    /**
     * Customers who meet every condition but the second order: German, churn risk over 60, email consent granted,
     * exactly one order in the last 90 days.
     */
    private static List<Long> candidates(Connection database, int count) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement query = database.prepareStatement("""
                SELECT p.id FROM profiles p JOIN profile_scores s ON s.profile_id = p.id
                WHERE p.traits ->> 'country' = 'DE' AND s.churn_risk > 60
                  AND (p.consents -> 'email' -> 'granted') = 'true'::jsonb
                  AND (SELECT sum(count) FROM profile_event_days d WHERE d.profile_id = p.id
                         AND d.event = 'Order Completed' AND d.day >= (now() AT TIME ZONE 'UTC')::date - 89) = 1
                ORDER BY p.id LIMIT ?""")) {
            query.setInt(1, count);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
        }
        return ids;
    }

    private static long segmentId(Connection database) throws SQLException {
        try (PreparedStatement query = database.prepareStatement("SELECT id FROM segments WHERE key = ?")) {
            query.setString(1, KEY);
            try (ResultSet rs = query.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("segment " + KEY + " is not in the database");
                }
                return rs.getLong(1);
            }
        }
    }

    private static long maxChangeId(Connection database, long segmentId) throws SQLException {
        try (PreparedStatement query = database.prepareStatement(
                "SELECT coalesce(max(id), 0) FROM segment_membership_changes WHERE segment_id = ?")) {
            query.setLong(1, segmentId);
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static Connection connect(String jdbcUrl) throws SQLException {
        Properties credentials = new Properties();
        credentials.setProperty("user", "postgres");
        return DriverManager.getConnection(jdbcUrl, credentials);
    }

    /** Calls of the admin API. */
    private record Admin(HttpClient http, URI base, String token) {

        JsonNode send(String method, String path, String body, int expectedStatus) throws InterruptedException {
            HttpRequest request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofMinutes(10))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body))
                    .build();
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != expectedStatus) {
                    throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": "
                            + response.body());
                }
                return JSON.readTree(response.body());
            } catch (IOException e) {
                throw new IllegalStateException(method + " " + path + " failed: " + HttpLoad.describe(e), e);
            }
        }
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static void progress(String line) {
        System.err.println(line);
    }
}
