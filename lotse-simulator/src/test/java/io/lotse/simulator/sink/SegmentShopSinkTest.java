package io.lotse.simulator.sink;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.lotse.simulator.ShopSimulation;
import io.lotse.simulator.SimulationSummary;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The Segment sink delivers every event through Segment's Java library with its own id and timestamp. */
class SegmentShopSinkTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private HttpServer server;
    private final List<JsonNode> received = Collections.synchronizedList(new ArrayList<>());
    private final List<String> authorizations = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/", exchange -> {
            InputStream body = exchange.getRequestBody();
            if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
                body = new GZIPInputStream(body);
            }
            JsonNode batch = JSON.readTree(body.readAllBytes());
            String header = exchange.getRequestHeaders().getFirst("Authorization");
            authorizations.add(header != null ? header : "body:" + batch.path("writeKey").asString());
            batch.path("batch").forEach(received::add);
            byte[] answer = "{\"success\":true}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void everyEventArrivesWithItsOwnMessageIdTimestampAndContext(@TempDir Path files) {
        String endpoint = "http://127.0.0.1:" + server.getAddress().getPort();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        ShopSimulation simulation = ShopSimulation.builder().customers(40).days(7).seed(2)
                .start(LocalDate.of(2025, 5, 5)).historyDays(30).build();
        SimulationSummary summary;
        SegmentShopSink sink = new SegmentShopSink(endpoint, "test-key", 0, new PrintStream(log, true,
                StandardCharsets.UTF_8));
        try (sink) {
            summary = simulation.run(sink);
        }
        try (FileShopSink fileSink = new FileShopSink(files)) {
            simulation.run(fileSink);
        }

        assertThat(summary.count("events")).isPositive();
        assertThat(sink.failed()).isZero();
        assertThat(sink.delivered()).isEqualTo(summary.count("events"));
        assertThat(received).hasSize((int) summary.count("events"));
        assertThat(authorizations).allSatisfy(credential -> assertThat(credential).isIn("body:test-key",
                "Basic " + Base64.getEncoder().encodeToString("test-key:".getBytes(StandardCharsets.UTF_8))));

        Map<String, JsonNode> sent = new HashMap<>();
        received.forEach(event -> sent.put(event.path("messageId").asString(), event));
        for (JsonNode original : io.lotse.simulator.ShopFilesAccess.events(files)) {
            JsonNode delivered = sent.get(original.path("messageId").asString());
            assertThat(delivered).as(original.toString()).isNotNull();
            assertThat(java.time.Instant.parse(delivered.path("timestamp").asString()))
                    .isEqualTo(java.time.Instant.parse(original.path("timestamp").asString()));
            assertThat(delivered.path("type").asString()).isEqualTo(original.path("type").asString());
            assertThat(delivered.path("userId")).isEqualTo(original.path("userId"));
            assertThat(delivered.path("anonymousId")).isEqualTo(original.path("anonymousId"));
            assertThat(delivered.path("context").path("device")).isEqualTo(original.path("context").path("device"));
        }
    }
}
