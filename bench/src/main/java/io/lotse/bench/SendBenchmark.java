package io.lotse.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The send benchmark ({@code ./lotse bench send}): a personalised campaign to many recipients, from a fresh server
 * into a local SMTP server ({@link SmtpSink}) that only counts.
 *
 * <p>It creates the recipients through the tracking API (an identify with name, address and marketing consent, two
 * product views and an order of two related products each; three in four also consent to personalisation, so their
 * messages carry their own recommendations and the others the non-personal fallback), waits until they are
 * profiles, trains the recommendation model, creates a template with first-name tokens and the recommendations
 * block, schedules a campaign to all subscribers and
 * measures from the start to the last message accepted by the sink: messages per second, the 99th percentile of
 * rendering and composing one message (as the server recorded it), and errors (messages not accepted). Progress
 * goes to standard error; the result is one JSON line on standard output.
 *
 * <p>{@code SendBenchmark dkim-key FILE} writes a fresh 2048-bit RSA key (PKCS#8 PEM) for the server to sign with.
 */
public final class SendBenchmark {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Set<String> OPTIONS = Set.of("--url", "--recipients", "--smtp-port", "--write-key",
            "--admin-token");
    private static final int DOMAINS = 200;
    private static final int PRODUCTS = 2_000;
    private static final Duration SEND_TIMEOUT = Duration.ofMinutes(30);
    private static final String TEMPLATE = """
            {"name":"Bench","subject":"{{firstName}}, picked for you",
             "html":"<html><body><h1>Hello {{firstName | \\"there\\"}}</h1><p>Picked for you:</p>{{recommendations}}<p><a href=\\"https://shop.example/new\\">See everything new</a></p><p><a href=\\"{{preferences_url}}\\">Preferences</a> · <a href=\\"{{unsubscribe_url}}\\">Unsubscribe</a></p></body></html>"}""";

    private SendBenchmark() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("dkim-key")) {
            writeKey(Path.of(args[1]));
            return;
        }
        CommandLineOptions options = CommandLineOptions.parse(OPTIONS, args);
        URI url = URI.create(options.required("--url").replaceAll("/+$", ""));
        int recipients = options.integer("--recipients", 100_000, 1, Integer.MAX_VALUE);
        options.required("--smtp-port");
        int smtpPort = options.integer("--smtp-port", 0, 1, 65_535);
        String writeKey = options.required("--write-key");
        String adminToken = options.required("--admin-token");
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        try (SmtpSink sink = new SmtpSink(smtpPort)) {
            progress("Creating " + recipients + " recipients…");
            seed(http, url, writeKey, recipients);
            awaitProfiles(http, url, adminToken, recipients);
            progress("Training the recommendation model…");
            JsonNode model = post(http, url, adminToken, "/api/v1/recommendations/models", "");
            progress("Model " + model.path("version").asLong() + " trained");
            long template = post(http, url, adminToken, "/api/v1/engage/templates", TEMPLATE).path("id").asLong();
            long campaign = post(http, url, adminToken, "/api/v1/engage/campaigns", """
                    {"name":"Bench","templateId":%d,"audience":{"kind":"all_subscribers"}}""".formatted(template))
                    .path("id").asLong();
            progress("Sending the campaign…");
            long start = System.nanoTime();
            post(http, url, adminToken, "/api/v1/engage/campaigns/" + campaign + "/schedule", "{}");
            JsonNode result = awaitSent(http, url, adminToken, campaign, sink, recipients);
            double seconds = (sink.lastAcceptedNanos() - start) / 1e9;
            JsonNode stats = result.path("stats");
            long sent = stats.path("sent").asLong();
            long notAccepted = recipients - sink.accepted();
            long failed = stats.path("byStatus").path("failed").asLong() + stats.path("byStatus").path("interrupted")
                    .asLong();
            double rate = sink.accepted() / seconds;
            progress(String.format(Locale.ROOT, "%d messages accepted in %.1f s (%.0f per second), %.1f KB each",
                    sink.accepted(), seconds, rate, sink.bytes() / 1024.0 / Math.max(1, sink.accepted())));
            double recommendMs = meanRecommendBatchMs(http, url);
            progress(String.format(Locale.ROOT, "Recommendations took %.1f ms per batch of recipients on average",
                    recommendMs));
            System.out.printf(Locale.ROOT, "{\"recipients\":%d,\"messages_per_s\":%.1f,\"p99_render_ms\":%.2f,"
                            + "\"errors\":%d,\"sent\":%d,\"seconds\":%.1f,\"mean_message_kb\":%.1f,"
                            + "\"mean_recommend_batch_ms\":%s}%n",
                    recipients, rate, stats.path("p99RenderMs").asDouble(), Math.max(failed, notAccepted), sent,
                    seconds, sink.bytes() / 1024.0 / Math.max(1, sink.accepted()),
                    Double.isNaN(recommendMs) ? "null" : String.format(Locale.ROOT, "%.1f", recommendMs));
        }
    }

    /**
     * Recipients spread over 200 receiving domains, each with an address, a first name, consent to email (three in
     * four also to personalisation), two product views and an order of a product with a neighbour of it (so that
     * the model learns what goes together).
     */
    private static void seed(HttpClient http, URI url, String writeKey, int recipients) throws InterruptedException {
        SplittableRandom random = new SplittableRandom(20_261_123L);
        String[] names = {"Anna", "Ben", "Clara", "David", "Emma", "Felix", "Greta", "Hannes", "Ida", "Jonas"};
        List<Batch> batches = new ArrayList<>();
        StringBuilder body = new StringBuilder();
        int inBatch = 0;
        for (int i = 0; i < recipients; i++) {
            String user = "bench-" + i;
            String email = user + "@d" + (i % DOMAINS) + ".bench.example";
            int first = p(random);
            int second = p(random);
            int bought = p(random);
            int neighbour = (bought + 1 + random.nextInt(5)) % PRODUCTS;
            String events = """
                    {"type":"identify","userId":"%s","messageId":"%s-i","traits":{"email":"%s","firstName":"%s","consent":{"email":true,"personalisation":%s}}},\
                    {"type":"track","userId":"%s","messageId":"%s-v1","event":"Product Viewed","properties":{"product_id":"p%d","name":"Product %d","price":%d.90,"currency":"EUR","url":"https://shop.example/p/%d","image_url":"https://shop.example/img/%d.jpg"}},\
                    {"type":"track","userId":"%s","messageId":"%s-v2","event":"Product Viewed","properties":{"product_id":"p%d","name":"Product %d","price":%d.90,"currency":"EUR","url":"https://shop.example/p/%d","image_url":"https://shop.example/img/%d.jpg"}},\
                    {"type":"track","userId":"%s","messageId":"%s-o","event":"Order Completed","properties":{"order_id":"%s-o","revenue":%d.80,"currency":"EUR","products":[%s,%s]}}"""
                    .formatted(user, user, email, names[i % names.length], i % 4 != 0,
                            user, user, first, first, 5 + first % 90, first, first,
                            user, user, second, second, 5 + second % 90, second, second,
                            user, user, user, 10 + i % 80, orderLine(bought), orderLine(neighbour));
            body.append(inBatch == 0 ? "{\"batch\":[" : ",").append(events);
            inBatch++;
            if (inBatch == 150 || i == recipients - 1) {
                body.append("]}");
                batches.add(new Batch(body.toString().getBytes(StandardCharsets.UTF_8), inBatch * 4));
                body.setLength(0);
                inBatch = 0;
            }
        }
        new HttpLoad(url, writeKey, 4).send(batches);
    }

    private static int p(SplittableRandom random) {
        return random.nextInt(PRODUCTS);
    }

    /** A product line of an order, with what a shop tracks about the product (its category groups 100 products). */
    private static String orderLine(int product) {
        return """
                {"product_id":"p%d","name":"Product %d","category":"Category %d","price":%d.90,"quantity":1,\
                "url":"https://shop.example/p/%d","image_url":"https://shop.example/img/%d.jpg"}"""
                .formatted(product, product, product / 100, 5 + product % 90, product, product);
    }

    private static void awaitProfiles(HttpClient http, URI url, String adminToken, int recipients)
            throws IOException, InterruptedException {
        progress("Waiting until every recipient is a profile…");
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(url.resolve("/actuator/prometheus")).GET()
                    .build(), HttpResponse.BodyHandlers.ofString());
            double backlog = PrometheusText.value(metrics.body(), "lotse_profile_backlog_events").orElse(-1);
            JsonNode last = get(http, url, adminToken, "/api/v1/profiles?userId=bench-" + (recipients - 1));
            if (backlog == 0 && last != null && last.path("consents").has("email")) {
                return;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the recipients did not become profiles within 10 minutes");
    }

    /** The server's mean time to recommend for one batch of recipients, in milliseconds; NaN when unknown. */
    private static double meanRecommendBatchMs(HttpClient http, URI url) throws IOException, InterruptedException {
        String metrics = http.send(HttpRequest.newBuilder(url.resolve("/actuator/prometheus")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
        double sum = PrometheusText.value(metrics, "lotse_recommend_message_batch_seconds_sum").orElse(Double.NaN);
        double count = PrometheusText.value(metrics, "lotse_recommend_message_batch_seconds_count").orElse(0);
        return count > 0 ? sum / count * 1000 : Double.NaN;
    }

    private static JsonNode awaitSent(HttpClient http, URI url, String adminToken, long campaign, SmtpSink sink,
                                      int recipients) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + SEND_TIMEOUT.toNanos();
        long reported = 0;
        while (System.nanoTime() < deadline) {
            JsonNode state = get(http, url, adminToken, "/api/v1/engage/campaigns/" + campaign);
            if (state != null && state.path("campaign").path("status").asString().matches("sent|stopped")) {
                return state;
            }
            if (sink.accepted() - reported >= 10_000) {
                reported = sink.accepted() / 10_000 * 10_000;
                progress(reported + " of " + recipients + " messages accepted");
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the campaign was not sent within " + SEND_TIMEOUT.toMinutes() + " minutes");
    }

    private static JsonNode post(HttpClient http, URI url, String adminToken, String path, String body)
            throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(url.resolve(path))
                .header("Authorization", "Bearer " + adminToken).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("POST " + path + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return JSON.readTree(response.body());
    }

    private static JsonNode get(HttpClient http, URI url, String adminToken, String path)
            throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(url.resolve(path))
                .header("Authorization", "Bearer " + adminToken).GET().build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200 ? JSON.readTree(response.body()) : null;
    }

    private static void writeKey(Path file) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(generator.generateKeyPair().getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        Files.writeString(file, pem);
    }

    private static void progress(String line) {
        System.err.println(line);
    }
}
