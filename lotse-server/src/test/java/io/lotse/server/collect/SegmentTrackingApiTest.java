package io.lotse.server.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.lotse.server.LotseServerTest;
import io.lotse.server.ServerClient;
import io.lotse.server.ServerClient.Response;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** The Segment tracking API over real HTTP, as Segment's libraries and browsers call it. */
@LotseServerTest
class SegmentTrackingApiTest {

    @LocalServerPort
    int port;

    private ServerClient client;

    @BeforeEach
    void connect() {
        client = new ServerClient(port);
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(client.base() + path)).timeout(Duration.ofSeconds(30));
    }

    private static void assertProblem(Response response, int status) {
        assertThat(response.status()).isEqualTo(status);
        JsonNode problem = response.json();
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("title").asString()).isNotBlank();
        assertThat(problem.path("detail").asString()).isNotBlank();
    }

    private JsonNode awaitEvents(String userId, long count) {
        return client.awaitProfile("userId", userId, p -> p.path("stats").path("events").asLong() == count);
    }

    private List<JsonNode> timeline(long profileId) {
        JsonNode page = client.get("/api/v1/profiles/" + profileId + "/events?limit=500").json();
        List<JsonNode> events = new ArrayList<>();
        page.path("events").forEach(events::add);
        return events;
    }

    private JsonNode storedEvent(long profileId, String messageId) {
        return timeline(profileId).stream().filter(e -> e.path("messageId").asString().equals(messageId))
                .findFirst().orElseThrow(() -> new AssertionError("event " + messageId + " not on the timeline"));
    }

    @Test
    void everyCallTypeIsAcceptedOnItsLongAndShortPath() {
        String userId = ServerClient.unique("paths");
        Map<String, String> calls = new java.util.LinkedHashMap<>();
        calls.put("identify", "{\"userId\":\"%s\",\"traits\":{\"name\":\"Paths\"}}");
        calls.put("track", "{\"userId\":\"%s\",\"event\":\"Clicked\"}");
        calls.put("page", "{\"userId\":\"%s\",\"name\":\"Home\"}");
        calls.put("screen", "{\"userId\":\"%s\",\"name\":\"Start\"}");
        calls.put("group", "{\"userId\":\"%s\",\"groupId\":\"acme\"}");
        calls.put("alias", "{\"userId\":\"%s\",\"previousId\":\"" + ServerClient.unique("previous") + "\"}");
        for (var call : calls.entrySet()) {
            String body = call.getValue().formatted(userId);
            for (String path : List.of("/v1/" + call.getKey(), "/v1/" + call.getKey().charAt(0))) {
                Response response = client.track(path, body);
                assertThat(response.status()).as(path).isEqualTo(200);
                assertThat(response.json().path("success").asBoolean()).isTrue();
                assertThat(response.json().path("accepted").asInt()).isEqualTo(1);
            }
        }
        for (String path : List.of("/v1/batch", "/v1/b", "/v1/import")) {
            Response response = client.track(path,
                    "{\"batch\":[{\"type\":\"track\",\"userId\":\"" + userId + "\",\"event\":\"Batched\"}]}");
            assertThat(response.status()).as(path).isEqualTo(200);
        }

        JsonNode profile = awaitEvents(userId, 15);
        Set<String> types = new HashSet<>();
        timeline(profile.path("id").asLong()).forEach(e -> types.add(e.path("type").asString()));
        assertThat(types).containsExactlyInAnyOrder("identify", "track", "page", "screen", "group", "alias");
        assertThat(profile.path("traits").path("name").asString()).isEqualTo("Paths");
    }

    @Test
    void settingsLetTheBrowserLibraryStartAgainstThisHost() {
        Response settings = client.send(request("/v1/projects/" + LotseServerTest.WRITE_KEY + "/settings")
                .header("Origin", "https://shop.example").GET().build());

        assertThat(settings.status()).isEqualTo(200);
        JsonNode segmentIo = settings.json().path("integrations").path("Segment.io");
        assertThat(segmentIo.path("apiKey").asString()).isEqualTo(LotseServerTest.WRITE_KEY);
        assertThat(segmentIo.path("apiHost").asString()).isEqualTo("localhost:" + port + "/v1");
        assertThat(settings.json().path("plan").path("track").isObject()).isTrue();
    }

    @Test
    void settingsOfAnUnknownWriteKeyAreRefused() {
        assertProblem(client.send(request("/v1/projects/wk_unknown/settings").GET().build()), 401);
    }

    @Test
    void writeKeyMayComeInTheBodyOfATextPlainRequest() {
        String userId = ServerClient.unique("body-key");
        Response response = client.send(request("/v1/t")
                .header("Content-Type", "text/plain;charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString("{\"writeKey\":\"" + LotseServerTest.WRITE_KEY
                        + "\",\"userId\":\"" + userId + "\",\"event\":\"Beacon\"}")).build());

        assertThat(response.status()).isEqualTo(200);
        JsonNode profile = awaitEvents(userId, 1);
        JsonNode stored = timeline(profile.path("id").asLong()).get(0);
        assertThat(stored.path("name").asString()).isEqualTo("Beacon");
        assertThat(stored.path("payload").path("writeKey").asString(""))
                .as("the secret is not stored").doesNotContain(LotseServerTest.WRITE_KEY);
        assertThat(stored.path("payload").toString()).doesNotContain(LotseServerTest.WRITE_KEY);
    }

    @Test
    void unknownOrMissingWriteKeysAreRefused() {
        String body = "{\"userId\":\"u\",\"event\":\"E\"}";
        assertProblem(client.send(request("/v1/track").header("Authorization", ServerClient.basic("wk_wrong"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build()),
                401);
        assertProblem(client.send(request("/v1/track").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build()), 401);
        assertProblem(client.send(request("/v1/batch").header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("{\"writeKey\":\"wk_wrong\",\"batch\":"
                        + "[{\"type\":\"track\",\"userId\":\"u\",\"event\":\"E\"}]}")).build()), 401);
    }

    @Test
    void gzipCompressedBodiesAreAccepted() throws IOException {
        String userId = ServerClient.unique("gzip");
        byte[] body = TrackingRequestReaderTest.gzip("{\"batch\":[{\"type\":\"track\",\"userId\":\"" + userId
                + "\",\"event\":\"Compressed\"},{\"type\":\"page\",\"userId\":\"" + userId + "\"}]}");

        Response response = client.send(request("/v1/batch")
                .header("Authorization", ServerClient.basic(LotseServerTest.WRITE_KEY))
                .header("Content-Type", "application/json")
                .header("Content-Encoding", "gzip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().path("accepted").asInt()).isEqualTo(2);
        awaitEvents(userId, 2);
    }

    @Test
    void aBodyDeclaredAsGzipThatIsNotIsABadRequest() {
        Response response = client.send(request("/v1/track")
                .header("Authorization", ServerClient.basic(LotseServerTest.WRITE_KEY))
                .header("Content-Type", "application/json")
                .header("Content-Encoding", "gzip")
                .POST(HttpRequest.BodyPublishers.ofString("{\"userId\":\"u\",\"event\":\"E\"}")).build());

        assertProblem(response, 400);
        assertThat(response.json().path("detail").asString()).contains("gzip");
    }

    @Test
    void pathsWithATrailingSlashAreServedToo() {
        String userId = ServerClient.unique("slash");
        assertThat(client.track("/v1/import/", "{\"batch\":[{\"type\":\"page\",\"userId\":\"" + userId + "\"}]}")
                .status()).isEqualTo(200);
        assertThat(client.track("/v1/t/", "{\"userId\":\"" + userId + "\",\"event\":\"Slashed\"}").status())
                .isEqualTo(200);
        awaitEvents(userId, 2);
    }

    @Test
    void browsersMayCallTheTrackingApiFromAnyOrigin() {
        for (String path : List.of("/v1/batch", "/v1/t", "/v1/projects/" + LotseServerTest.WRITE_KEY + "/settings")) {
            Response preflight = client.send(request(path)
                    .header("Origin", "https://shop.example")
                    .header("Access-Control-Request-Method", "POST")
                    .header("Access-Control-Request-Headers", "content-type,authorization")
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build());
            assertThat(preflight.status()).as(path).isEqualTo(200);
        }
        var response = send(request("/v1/batch")
                .header("Origin", "https://shop.example")
                .header("Access-Control-Request-Method", "POST")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build());
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://shop.example");
        assertThat(response.headers().firstValue("Access-Control-Allow-Methods").orElse("")).contains("POST");
    }

    private java.net.http.HttpResponse<String> send(HttpRequest request) {
        try {
            return java.net.http.HttpClient.newHttpClient().send(request,
                    java.net.http.HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void batchContextIsMergedReceivedAtStampedAndClockSkewCorrected() {
        String userId = ServerClient.unique("skew");
        String skewed = ServerClient.unique("msg");
        String plain = ServerClient.unique("msg");
        Instant happened = Instant.parse("2024-06-01T10:00:00Z");
        Response response = client.track("/v1/batch", """
                {"sentAt":"2024-06-01T10:03:00Z",
                 "context":{"library":{"name":"analytics-test","version":"1.2.3"},"ip":"203.0.113.9",
                            "page":{"url":"https://shop.example/batch","title":"Shop"}},
                 "batch":[
                   {"type":"track","userId":"%1$s","event":"Skewed","messageId":"%2$s",
                    "originalTimestamp":"%3$s","context":{"page":{"url":"https://shop.example/own"}}},
                   {"type":"page","userId":"%1$s","messageId":"%4$s"}]}"""
                .formatted(userId, skewed, happened, plain));
        assertThat(response.status()).isEqualTo(200);
        Instant requestSentBefore = Instant.now();

        long profileId = awaitEvents(userId, 2).path("id").asLong();
        JsonNode event = storedEvent(profileId, skewed).path("payload");

        JsonNode context = event.path("context");
        assertThat(context.path("library").path("name").asString()).isEqualTo("analytics-test");
        assertThat(context.path("ip").asString()).isEqualTo("203.0.113.9");
        assertThat(context.path("page").path("url").asString()).isEqualTo("https://shop.example/own");
        assertThat(context.path("page").path("title").asString()).isEqualTo("Shop");
        assertThat(storedEvent(profileId, plain).path("payload").path("context").path("page").path("url")
                .asString()).isEqualTo("https://shop.example/batch");

        Instant receivedAt = Instant.parse(event.path("receivedAt").asString());
        assertThat(receivedAt).isBefore(requestSentBefore.plusSeconds(1)).isAfter(happened);
        assertThat(Instant.parse(event.path("timestamp").asString()))
                .as("timestamp = receivedAt - (sentAt - originalTimestamp)")
                .isEqualTo(receivedAt.minus(Duration.ofMinutes(3)));
        assertThat(event.path("originalTimestamp").asString()).isEqualTo(happened.toString());
        assertThat(Instant.parse(storedEvent(profileId, skewed).path("timestamp").asString()))
                .as("the indexed event time, kept by the database to the microsecond")
                .isCloseTo(receivedAt.minus(Duration.ofMinutes(3)), within(1, ChronoUnit.MICROS));
    }

    @Test
    void invalidEventsOfABatchAreRejectedWithIndexAndReasonWhileValidOnesAreKept() {
        String userId = ServerClient.unique("mixed");
        String big = "x".repeat(33 * 1024);
        Response response = client.track("/v1/batch", "{\"batch\":["
                + "{\"type\":\"track\",\"userId\":\"" + userId + "\",\"event\":\"Kept 1\"},"
                + "{\"type\":\"track\",\"event\":\"Nobody\"},"
                + "{\"type\":\"track\",\"userId\":\"" + userId + "\"},"
                + "{\"type\":\"identify\",\"userId\":{\"id\":\"" + userId + "\"}},"
                + "{\"type\":\"track\",\"userId\":\"" + userId + "\",\"event\":\"E\",\"properties\":[1]},"
                + "{\"type\":\"page\",\"userId\":\"" + userId + "\",\"messageId\":\"" + "m".repeat(101) + "\"},"
                + "{\"type\":\"page\",\"userId\":\"" + userId + "\",\"timestamp\":\"not a time\"},"
                + "{\"type\":\"page\",\"userId\":\"" + userId + "\",\"properties\":{\"blob\":\"" + big + "\"}},"
                + "{\"type\":\"page\",\"userId\":\"" + userId + "\",\"name\":\"Kept 2\"}"
                + "]}");

        assertThat(response.status()).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(body.path("accepted").asInt()).isEqualTo(2);
        Map<Integer, String> reasons = new java.util.TreeMap<>();
        body.path("rejected").forEach(r -> reasons.put(r.path("index").asInt(), r.path("reason").asString()));
        assertThat(reasons).containsExactly(
                Map.entry(1, "'userId' or 'anonymousId' is required"),
                Map.entry(2, "a track call needs 'event', the name of the action"),
                Map.entry(3, "'userId' must be a string"),
                Map.entry(4, "'properties' must be an object"),
                Map.entry(5, "'messageId' is longer than 100 characters"),
                Map.entry(6, "'timestamp' is not an ISO-8601 date-time"),
                Map.entry(7, "event is larger than 32 KB"));

        JsonNode profile = awaitEvents(userId, 2);
        assertThat(timeline(profile.path("id").asLong())).extracting(e -> e.path("name").asString())
                .containsExactlyInAnyOrder("Kept 1", "Kept 2");
    }

    @Test
    void eventsWithCharactersTheLogCannotHoldAreRejectedWithoutLosingTheRestOfTheBatch() {
        String userId = ServerClient.unique("unstorable");
        String event = "{\"type\":\"track\",\"userId\":\"" + userId + "\",\"event\":\"%s\",\"properties\":%s}";
        Response response = client.track("/v1/batch", "{\"batch\":["
                + event.formatted("Kept 1", "{\"note\":\"a \\\\u0000 is only text here\"}") + ","
                + event.formatted("Nul", "{\"note\":\"nul \\u0000 byte\"}") + ","
                + event.formatted("Half emoji", "{\"note\":\"\\ud83d alone\"}") + ","
                + event.formatted("Low half", "{\"note\":\"\\udc00\"}") + ","
                + event.formatted("Too long", "{\"amount\":1e1000}") + ","
                + event.formatted("Kept 2", "{\"emoji\":\"\\ud83d\\ude00\",\"text\":\"Grüße\"}") + ","
                + "{\"type\":\"identify\",\"userId\":\"" + userId + "\",\"traits\":"
                + "{\"big\":1e989,\"small\":-1e-989,\"max\":1.7976931348623157E308}}"
                + "]}");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().path("accepted").asInt()).isEqualTo(3);
        List<Integer> rejected = new ArrayList<>();
        response.json().path("rejected").forEach(r -> rejected.add(r.path("index").asInt()));
        assertThat(rejected).containsExactly(1, 2, 3, 4);
        JsonNode profile = awaitEvents(userId, 3);
        assertThat(profile.path("traits").path("big").isNumber()).as("large numbers are read back").isTrue();
        List<JsonNode> stored = timeline(profile.path("id").asLong());
        assertThat(stored).extracting(e -> e.path("name").asString(""))
                .containsExactlyInAnyOrder("Kept 1", "Kept 2", "");
        JsonNode kept = stored.stream().filter(e -> e.path("name").asString().equals("Kept 2")).findFirst()
                .orElseThrow().path("payload").path("properties");
        assertThat(kept.path("emoji").asString()).isEqualTo("\uD83D\uDE00");
        assertThat(kept.path("text").asString()).isEqualTo("Grüße");
    }

    @Test
    void aSingleCallStartingWithAByteOrderMarkIsStored() {
        String userId = ServerClient.unique("bom");
        byte[] json = ("{\"userId\":\"" + userId + "\",\"event\":\"Marked\"}").getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[json.length + 3];
        body[0] = (byte) 0xEF;
        body[1] = (byte) 0xBB;
        body[2] = (byte) 0xBF;
        System.arraycopy(json, 0, body, 3, json.length);

        Response response = client.send(request("/v1/track")
                .header("Authorization", ServerClient.basic(LotseServerTest.WRITE_KEY))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        awaitEvents(userId, 1);
    }

    @Test
    void aBatchWithoutAnyValidEventIsABadRequestListingTheReasons() {
        Response response = client.track("/v1/batch", "{\"batch\":[{\"type\":\"page\"},{\"type\":\"alias\","
                + "\"userId\":\"u\"}]}");

        assertProblem(response, 400);
        assertThat(response.json().path("rejected")).hasSize(2);
        assertThat(response.json().path("rejected").get(1).path("index").asInt()).isEqualTo(1);
    }

    @Test
    void invalidJsonIsABadRequestWithProblemDetails() {
        for (String path : List.of("/v1/batch", "/v1/track")) {
            var response = send(request(path).header("Authorization", ServerClient.basic(LotseServerTest.WRITE_KEY))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"batch\": [ {\"type\": ")).build());

            assertThat(response.statusCode()).as(path).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
            assertProblem(new Response(response.statusCode(), response.body()), 400);
            assertThat(new Response(response.statusCode(), response.body()).json().path("detail").asString())
                    .startsWith("the body is not valid JSON");
        }
    }

    @Test
    void aSingleInvalidCallIsABadRequest() {
        Response response = client.track("/v1/track", "{\"userId\":\"u\"}");

        assertProblem(response, 400);
        assertThat(response.json().path("detail").asString()).contains("'event'");
    }

    @Test
    void requestsOver500KbAreABadRequest() {
        String userId = ServerClient.unique("huge");
        StringBuilder body = new StringBuilder("{\"batch\":[");
        String blob = "y".repeat(20 * 1024);
        for (int i = 0; i < 26; i++) {
            body.append(i == 0 ? "" : ",").append("{\"type\":\"track\",\"userId\":\"").append(userId)
                    .append("\",\"event\":\"Big\",\"properties\":{\"blob\":\"").append(blob).append("\"}}");
        }
        body.append("]}");
        assertThat(body.length()).isGreaterThan(500 * 1024);

        Response response = client.track("/v1/batch", body.toString());

        assertProblem(response, 400);
        assertThat(response.json().path("detail").asString()).contains("500 KB");
        assertThat(client.get("/api/v1/profiles?userId=" + userId).status()).isEqualTo(404);
    }

    @Test
    void batchesOfMoreThan2500EventsAreABadRequest() {
        String userId = ServerClient.unique("many");
        List<String> items = new ArrayList<>();
        for (int i = 0; i < 2_501; i++) {
            items.add("{\"type\":\"page\",\"userId\":\"" + userId + "\"}");
        }

        Response response = client.track("/v1/batch", "{\"batch\":[" + String.join(",", items) + "]}");

        assertProblem(response, 400);
        assertThat(response.json().path("detail").asString()).contains("2,500");
    }

    @Test
    void aDuplicateMessageIdIsStoredOnceWhetherRepeatedInABatchOrResentLater() {
        String userId = ServerClient.unique("dedupe");
        String repeated = ServerClient.unique("msg");
        String event = "{\"type\":\"track\",\"userId\":\"" + userId + "\",\"event\":\"Once\",\"messageId\":\"%s\"}";

        Response first = client.track("/v1/batch", "{\"batch\":[" + event.formatted(repeated) + ","
                + event.formatted(repeated) + "," + event.formatted(ServerClient.unique("msg")) + "]}");
        assertThat(first.status()).isEqualTo(200);
        awaitEvents(userId, 2);

        Response resent = client.track("/v1/batch", "{\"batch\":[" + event.formatted(repeated) + ","
                + event.formatted(ServerClient.unique("msg")) + "]}");
        assertThat(resent.status()).isEqualTo(200);
        Response single = client.track("/v1/track", event.formatted(repeated).replace("\"type\":\"track\",", ""));
        assertThat(single.status()).isEqualTo(200);
        String marker = ServerClient.unique("msg");
        assertThat(client.track("/v1/track", event.formatted(marker).replace("\"type\":\"track\",", ""))
                .status()).isEqualTo(200);

        JsonNode profile = client.awaitProfile("userId", userId, p -> p.path("stats").path("events").asLong() >= 2);
        List<JsonNode> logged = timeline(profile.path("id").asLong());
        assertThat(logged).extracting(e -> e.path("messageId").asString())
                .as("the log holds each message id once").hasSize(4).doesNotHaveDuplicates().contains(repeated, marker);
        String markerTime = logged.get(0).path("timestamp").asString();
        assertThat(logged.get(0).path("messageId").asString()).isEqualTo(marker);
        JsonNode projected = client.awaitProfile("userId", userId,
                p -> Instant.parse(p.path("lastSeen").asString()).equals(Instant.parse(markerTime)));
        assertThat(projected.path("stats").path("events").asLong()).as("counted once on the profile").isEqualTo(4);
    }

    @Test
    void theApiDescriptionListsTheTrackingApi() {
        Response docs = client.send(request("/v3/api-docs").GET().build());

        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.json().path("paths").has("/v1/batch")).isTrue();
        assertThat(docs.json().path("paths").has("/v1/track")).isTrue();
    }

    @Test
    void healthAndPrometheusMetricsArePublic() {
        String userId = ServerClient.unique("metrics");
        client.track("/v1/track", "{\"userId\":\"" + userId + "\",\"event\":\"Measured\"}");
        awaitEvents(userId, 1);

        Response health = client.send(request("/actuator/health").GET().build());
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().path("status").asString()).isEqualTo("UP");

        Response metrics = client.send(request("/actuator/prometheus").GET().build());
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("lotse_profile_lag_seconds", "lotse_events_stored_total");
        assertThat(metricValue(metrics.body(), "lotse_events_stored_total")).isGreaterThanOrEqualTo(1);
        assertThat(metricValue(metrics.body(), "lotse_profile_lag_seconds_count")).isGreaterThanOrEqualTo(1);
    }

    static double metricValue(String exposition, String name) {
        Matcher matcher = Pattern.compile("(?m)^" + Pattern.quote(name) + "(\\{[^}]*})? ([0-9.eE+-]+)$")
                .matcher(exposition);
        if (!matcher.find()) {
            throw new AssertionError("metric " + name + " not exposed");
        }
        return Double.parseDouble(matcher.group(2));
    }
}
