package io.lotse.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Serving benchmark of the recommendations, run from its own JVM against a fresh server: loads a simulated shop
 * through the tracking API, waits until the profiles have caught up, trains a model, starts live sessions for
 * anonymous visitors, then asks {@code GET /api/v1/recommendations} at a fixed rate (open loop: each request
 * goes out at its planned time whether or not earlier ones were answered, and its latency counts from that
 * planned time) with a mix of placements and people, while the live visitors keep viewing products.
 *
 * <p>Last line: {@code {"requests_per_s": 500, "p50_ms": X, "p99_ms": X, "errors": 0, "customers": N,
 * "products": N, ...}}; {@code server_p50_ms} and {@code server_p99_ms} are the upper bounds of the buckets of
 * the server's own histogram (the time to compute a list, without HTTP and queueing) holding those quantiles.
 */
public final class RecommendBenchmark {

    static final String USAGE = """
            usage: RecommendBenchmark --url URL --write-key KEY --admin-token TOKEN --data-dir DIR --shop DIR
                                      [--rate 500] [--seconds 60] [--warmup-seconds 15] [--customers N]""";
    static final Set<String> OPTIONS = Set.of("--url", "--write-key", "--admin-token", "--data-dir", "--shop",
            "--rate", "--seconds", "--warmup-seconds", "--customers");

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int LOADERS = 4;
    private static final int LIVE_VISITORS = 2_000;
    /** Product views per second of the live visitors during the measurement. */
    private static final int LIVE_VIEWS_PER_SECOND = 20;
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private RecommendBenchmark() {}

    /** What the shop's events tell about who and what can be asked for. */
    record Shop(List<String> userIds, List<String> products, long events) {}

    public static void main(String[] args) throws Exception {
        CommandLineOptions options = CommandLineOptions.readOrExit(USAGE, () -> {
            CommandLineOptions read = CommandLineOptions.parse(OPTIONS, args);
            for (String name : List.of("--url", "--write-key", "--admin-token", "--data-dir", "--shop")) {
                read.required(name);
            }
            return read;
        });
        URI url = URI.create(options.required("--url").replaceAll("/+$", ""));
        String writeKey = options.required("--write-key");
        String adminToken = options.required("--admin-token");
        Path dataDir = Path.of(options.required("--data-dir"));
        Path shopDir = Path.of(options.required("--shop"));
        int rate = options.integer("--rate", 500, 1, 100_000);
        int seconds = options.integer("--seconds", 60, 1, 3_600);
        int warmup = options.integer("--warmup-seconds", 15, 0, 3_600);
        HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT)
                .executor(Executors.newFixedThreadPool(8)).build();

        long loadStart = System.nanoTime();
        Shop shop = load(http, url, writeKey, shopDir.resolve("events.jsonl"));
        progress(String.format(Locale.ROOT, "loaded %,d events in %.0f s; waiting for the profiles", shop.events(),
                (System.nanoTime() - loadStart) / 1e9));
        awaitProfiles(dataDir);
        long trainStart = System.nanoTime();
        JsonNode model = send(http, adminRequest(url, adminToken, "/api/v1/recommendations/models")
                .timeout(Duration.ofMinutes(30)).POST(HttpRequest.BodyPublishers.noBody()).build(), 201);
        double trainingSeconds = (System.nanoTime() - trainStart) / 1e9;
        progress(String.format(Locale.ROOT, "trained model %d in %.1f s: %d products, %d people with orders",
                model.path("version").asLong(), trainingSeconds, model.path("products").asInt(),
                model.path("people").asInt()));

        SplittableRandom random = new SplittableRandom(42);
        List<String> visitors = new ArrayList<>();
        for (int v = 0; v < LIVE_VISITORS; v++) {
            visitors.add("bench-visitor-" + UUID.randomUUID());
        }
        LiveViews live = new LiveViews(http, url, writeKey, visitors, shop.products(), random.split());
        live.startVisits();
        progress("started " + LIVE_VISITORS + " live visits; warming up for " + warmup + " s");
        List<String> requests = requests(shop, visitors, random.split(), rate * (warmup + seconds));
        OpenLoop load = new OpenLoop(url, "Bearer " + adminToken);
        live.keepViewing(LIVE_VIEWS_PER_SECOND);
        Run warm = load.run(requests.subList(0, rate * warmup), rate);
        progress(String.format(Locale.ROOT, "warm-up: %d requests, p99 %.1f ms, %d errors; measuring %d s at %d/s",
                warm.latencies().length, percentile(warm.latencies(), 0.99), warm.errors(), seconds, rate));
        Histogram before = serverLatency(http, url);
        Run run = load.run(requests.subList(rate * warmup, requests.size()), rate);
        Histogram during = serverLatency(http, url).minus(before);
        live.stop();

        ObjectNode result = JSON.createObjectNode();
        result.put("requests_per_s", rate);
        result.put("p50_ms", round(percentile(run.latencies(), 0.50)));
        result.put("p99_ms", round(percentile(run.latencies(), 0.99)));
        result.put("p999_ms", round(percentile(run.latencies(), 0.999)));
        result.put("max_ms", round(percentile(run.latencies(), 1.0)));
        result.put("errors", run.errors());
        result.put("requests", run.latencies().length);
        result.put("achieved_per_s", round(run.latencies().length / run.seconds()));
        result.put("server_p50_ms", round(during.upperBound(0.50).orElse(Double.NaN) * 1000));
        result.put("server_p99_ms", round(during.upperBound(0.99).orElse(Double.NaN) * 1000));
        result.put("customers", options.integer("--customers", 0, 0, Integer.MAX_VALUE));
        result.put("products", model.path("products").asInt());
        result.put("people_with_orders", model.path("people").asInt());
        result.put("events", shop.events());
        result.put("training_s", round(trainingSeconds));
        result.put("live_views", live.sent());
        if (run.firstError() != null) {
            progress("first error: " + run.firstError());
        }
        System.out.println(result.toString());
        System.exit(0);
    }

    /** Sends the shop's events in batches from several connections; returns who and what the events name. */
    static Shop load(HttpClient http, URI url, String writeKey, Path events) throws IOException,
            InterruptedException {
        String authorization = "Basic " + Base64.getEncoder()
                .encodeToString((writeKey + ":").getBytes(StandardCharsets.UTF_8));
        BlockingQueue<List<String>> queue = new ArrayBlockingQueue<>(LOADERS * 2);
        AtomicReference<String> failure = new AtomicReference<>();
        ExecutorService loaders = Executors.newFixedThreadPool(LOADERS);
        List<String> end = List.of();
        for (int l = 0; l < LOADERS; l++) {
            loaders.execute(() -> {
                try {
                    while (true) {
                        List<String> batch = queue.take();
                        if (batch == end) {
                            return;
                        }
                        HttpRequest request = HttpRequest.newBuilder(url.resolve("/v1/batch")).timeout(
                                        Duration.ofSeconds(120)).header("Authorization", authorization)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString("{\"batch\":[" + String.join(",", batch)
                                        + "]}")).build();
                        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                        if (response.statusCode() != 200) {
                            failure.compareAndSet(null, "HTTP " + response.statusCode() + ": " + response.body());
                        }
                    }
                } catch (IOException e) {
                    failure.compareAndSet(null, HttpLoad.describe(e));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        Set<String> userIds = new LinkedHashSet<>();
        Set<String> products = new LinkedHashSet<>();
        long count = EventFileBatches.send(events, (line, number) -> {
            if (line.contains("\"Order Completed\"") || line.contains("\"Product Viewed\"")) {
                JsonNode event = JSON.readTree(line);
                if (event.hasNonNull("userId") && line.contains("\"Order Completed\"")) {
                    userIds.add(event.path("userId").asString());
                }
                String product = event.path("properties").path("product_id").asString("");
                if (!product.isEmpty()) {
                    products.add(product);
                }
            }
            if (number % 100_000 == 0) {
                progress(String.format(Locale.ROOT, "sent %,d events", number));
            }
            return failure.get() == null;
        }, queue::put);
        for (int l = 0; l < LOADERS; l++) {
            queue.put(end);
        }
        loaders.shutdown();
        loaders.awaitTermination(1, TimeUnit.HOURS);
        if (failure.get() != null) {
            throw new IllegalStateException("loading the shop failed: " + failure.get());
        }
        return new Shop(List.copyOf(userIds), List.copyOf(products), count);
    }

    private static void awaitProfiles(Path dataDir) throws Exception {
        Properties credentials = new Properties();
        credentials.setProperty("user", "postgres");
        try (Connection db = DriverManager.getConnection(CopyBaseline.jdbcUrl(dataDir), credentials);
             Statement statement = db.createStatement()) {
            long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
            while (System.nanoTime() < deadline) {
                try (ResultSet rs = statement.executeQuery("SELECT (SELECT coalesce(max(seq), 0) FROM events) "
                        + "- position FROM log_consumers WHERE name = 'profiles'")) {
                    rs.next();
                    if (rs.getLong(1) == 0) {
                        return;
                    }
                }
                Thread.sleep(250);
            }
        }
        throw new IllegalStateException("the profiles did not catch up with the log within 30 minutes");
    }

    /**
     * The request mix: 35% home page of a customer, 20% product page of a live visitor, 15% cart of a customer,
     * 10% email of a customer, 20% home page of a live visitor.
     */
    static List<String> requests(Shop shop, List<String> visitors, SplittableRandom random, int count) {
        List<String> requests = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            double u = random.nextDouble();
            String customer = shop.userIds().get(random.nextInt(shop.userIds().size()));
            String visitor = visitors.get(random.nextInt(visitors.size()));
            String product = shop.products().get(random.nextInt(shop.products().size()));
            String query;
            if (u < 0.35) {
                query = "placement=home&userId=" + encode(customer);
            } else if (u < 0.55) {
                query = "placement=product&anonymousId=" + encode(visitor) + "&productId=" + encode(product);
            } else if (u < 0.70) {
                String second = shop.products().get(random.nextInt(shop.products().size()));
                query = "placement=cart&userId=" + encode(customer) + "&productId=" + encode(product)
                        + "&productId=" + encode(second);
            } else if (u < 0.80) {
                query = "placement=email&userId=" + encode(customer);
            } else {
                query = "placement=home&anonymousId=" + encode(visitor);
            }
            requests.add("/api/v1/recommendations?limit=10&" + query);
        }
        return requests;
    }

    /**
     * The latencies of one run in milliseconds, counted from each request's planned start.
     */
    record Run(double[] latencies, int errors, String firstError, double seconds) {}

    /**
     * Sends requests at their planned times, {@code 1 / rate} apart, without waiting for answers (open loop): a
     * dispatcher hands each request at its time to the next free one of a few workers, each with its own keep-alive
     * connection ({@link KeepAliveConnection}), and a request's latency counts from its planned time, so time spent
     * waiting for a free worker counts too.
     */
    static final class OpenLoop {

        private static final int WORKERS = 16;

        private final URI url;
        private final String authorization;

        OpenLoop(URI url, String authorization) {
            this.url = url;
            this.authorization = authorization;
        }

        Run run(List<String> paths, int rate) throws InterruptedException {
            double[] latencies = new double[paths.size()];
            AtomicInteger errors = new AtomicInteger();
            AtomicReference<String> firstError = new AtomicReference<>();
            BlockingQueue<long[]> due = new LinkedBlockingQueue<>();
            long[] stop = {-1, 0};
            ExecutorService workers = Executors.newFixedThreadPool(WORKERS);
            for (int w = 0; w < WORKERS; w++) {
                workers.execute(() -> {
                    try (KeepAliveConnection connection = new KeepAliveConnection(url, authorization)) {
                        for (long[] task = due.take(); task != stop; task = due.take()) {
                            int index = (int) task[0];
                            String failure = ask(connection, paths.get(index));
                            latencies[index] = (System.nanoTime() - task[1]) / 1e6;
                            if (failure != null) {
                                errors.incrementAndGet();
                                firstError.compareAndSet(null, failure);
                            }
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } catch (IOException e) {
                        firstError.compareAndSet(null, "closing a connection: " + HttpLoad.describe(e));
                    }
                });
            }
            long start = System.nanoTime();
            for (int i = 0; i < paths.size(); i++) {
                long planned = start + (long) (i * 1e9 / rate);
                long wait = planned - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                due.add(new long[] {i, planned});
            }
            for (int w = 0; w < WORKERS; w++) {
                due.add(stop);
            }
            workers.shutdown();
            if (!workers.awaitTermination(2, TimeUnit.MINUTES)) {
                workers.shutdownNow();
                throw new IllegalStateException("the requests did not finish within two minutes of the last");
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            return new Run(latencies, errors.get(), firstError.get(), seconds);
        }

        private static @Nullable String ask(KeepAliveConnection connection, String path) {
            try {
                KeepAliveConnection.Answer answer = connection.get(path);
                return answer.status() == 200 ? null : "HTTP " + answer.status() + ": " + answer.body();
            } catch (IOException e) {
                return HttpLoad.describe(e);
            }
        }
    }

    /** Anonymous visitors viewing products now, each with consent to personalisation. */
    static final class LiveViews {

        private final HttpClient http;
        private final URI url;
        private final String authorization;
        private final List<String> visitors;
        private final List<String> products;
        private final SplittableRandom random;
        private final AtomicInteger sent = new AtomicInteger();
        private volatile boolean running = true;
        private Thread thread = new Thread(() -> {});

        LiveViews(HttpClient http, URI url, String writeKey, List<String> visitors, List<String> products,
                  SplittableRandom random) {
            this.http = http;
            this.url = url;
            this.authorization = "Basic " + Base64.getEncoder()
                    .encodeToString((writeKey + ":").getBytes(StandardCharsets.UTF_8));
            this.visitors = visitors;
            this.products = products;
            this.random = random;
        }

        /** Two product views for every visitor. */
        void startVisits() throws IOException, InterruptedException {
            List<String> batch = new ArrayList<>();
            for (String visitor : visitors) {
                for (int view = 0; view < 2; view++) {
                    batch.add(view(visitor));
                    if (batch.size() == EventFileBatches.MAX_EVENTS) {
                        post(batch);
                        batch.clear();
                    }
                }
            }
            if (!batch.isEmpty()) {
                post(batch);
            }
        }

        /** Keeps sending views in the background, one batch every 100 ms. */
        void keepViewing(int perSecond) {
            thread = new Thread(() -> {
                while (running) {
                    List<String> batch = new ArrayList<>();
                    synchronized (random) {
                        for (int i = 0; i < Math.max(1, perSecond / 10); i++) {
                            batch.add(view(visitors.get(random.nextInt(visitors.size()))));
                        }
                    }
                    try {
                        post(batch);
                        Thread.sleep(100);
                    } catch (IOException e) {
                        progress("a live view could not be sent: " + HttpLoad.describe(e));
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "live-views");
            thread.setDaemon(true);
            thread.start();
        }

        void stop() throws InterruptedException {
            running = false;
            thread.interrupt();
            thread.join(5_000);
        }

        int sent() {
            return sent.get();
        }

        private String view(String visitor) {
            String product;
            synchronized (random) {
                product = products.get(random.nextInt(products.size()));
            }
            return """
                    {"type":"track","event":"Product Viewed","anonymousId":"%s","messageId":"%s","timestamp":"%s",\
                    "properties":{"product_id":"%s"},"context":{"consent":{"categoryPreferences":\
                    {"personalisation":true}}}}""".formatted(visitor, UUID.randomUUID(), Instant.now(), product);
        }

        private void post(List<String> batch) throws IOException, InterruptedException {
            HttpRequest request = HttpRequest.newBuilder(url.resolve("/v1/batch")).timeout(TIMEOUT)
                    .header("Authorization", authorization).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"batch\":[" + String.join(",", batch) + "]}"))
                    .build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IOException("HTTP " + response.statusCode() + " " + response.body());
            }
            sent.addAndGet(batch.size());
        }
    }

    /** The server's own histogram of the time to compute one list, {@code lotse.recommend.latency}. */
    private static Histogram serverLatency(HttpClient http, URI url) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(url.resolve("/actuator/prometheus"))
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET /actuator/prometheus answered HTTP " + response.statusCode());
        }
        return PrometheusText.histogram(response.body(), "lotse_recommend_latency_seconds");
    }

    private static HttpRequest.Builder adminRequest(URI url, String adminToken, String path) {
        return HttpRequest.newBuilder(url.resolve(path)).timeout(TIMEOUT)
                .header("Authorization", "Bearer " + adminToken).header("Accept-Language", "en");
    }

    private static JsonNode send(HttpClient http, HttpRequest request, int expected) throws IOException,
            InterruptedException {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(request.uri() + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return JSON.readTree(response.body());
    }

    /** The nearest-rank percentile; 0 for no values. */
    static double percentile(double[] values, double quantile) {
        if (values.length == 0) {
            return 0;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(quantile * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    private static void progress(String message) {
        System.err.println(message);
    }
}
