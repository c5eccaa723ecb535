package io.lotse.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class KeepAliveConnectionTest {

    private final List<String> received = new CopyOnWriteArrayList<>();
    private HttpServer server;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/fixed", exchange -> {
            received.add(exchange.getRequestHeaders().getFirst("Authorization") + " "
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] answer = "{\"success\":true}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        server.createContext("/chunked", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(400, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write("{\"detail\":".getBytes(StandardCharsets.UTF_8));
                out.flush();
                out.write("\"bad batch\"}".getBytes(StandardCharsets.UTF_8));
            }
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private URI endpoint(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    @Test
    void postsBodiesOneAfterAnotherOverOneConnectionAndReadsSizedAnswers() throws IOException {
        try (KeepAliveConnection connection = new KeepAliveConnection(endpoint("/fixed"), "Basic a2V5Og==")) {
            for (int i = 0; i < 3; i++) {
                KeepAliveConnection.Answer answer = connection.post(("{\"n\":" + i + "}").getBytes(
                        StandardCharsets.UTF_8));
                assertThat(answer).isEqualTo(new KeepAliveConnection.Answer(200, "{\"success\":true}"));
            }
        }
        assertThat(received).containsExactly("Basic a2V5Og== {\"n\":0}", "Basic a2V5Og== {\"n\":1}",
                "Basic a2V5Og== {\"n\":2}");
    }

    @Test
    void asksForPathsWithTheirQueryOnTheSameConnection() throws IOException {
        server.createContext("/api", exchange -> {
            received.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " "
                    + exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] answer = "[]".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        try (KeepAliveConnection connection = new KeepAliveConnection(endpoint("/fixed"), "Bearer t")) {
            assertThat(connection.get("/api/items?limit=10&placement=home")).isEqualTo(
                    new KeepAliveConnection.Answer(200, "[]"));
            assertThat(connection.get("/api/items?limit=2").status()).isEqualTo(200);
        }
        assertThat(received).containsExactly("GET /api/items?limit=10&placement=home Bearer t",
                "GET /api/items?limit=2 Bearer t");
    }

    @Test
    void readsChunkedAnswersWithTheirStatus() throws IOException {
        try (KeepAliveConnection connection = new KeepAliveConnection(endpoint("/chunked"), "Basic eDo=")) {
            assertThat(connection.post("[]".getBytes(StandardCharsets.UTF_8)))
                    .isEqualTo(new KeepAliveConnection.Answer(400, "{\"detail\":\"bad batch\"}"));
            assertThat(connection.post("[]".getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(400);
        }
    }

    @Test
    void connectsAgainAfterTheServerWentAwayAndCameBack() throws IOException {
        try (KeepAliveConnection connection = new KeepAliveConnection(endpoint("/fixed"), "Basic eDo=")) {
            assertThat(connection.post(new byte[0]).status()).isEqualTo(200);
            int port = server.getAddress().getPort();
            server.stop(0);
            assertThatThrownBy(() -> connection.post(new byte[0])).isInstanceOf(IOException.class);
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
            server.createContext("/fixed", exchange -> {
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
            });
            server.start();
            assertThat(connection.post(new byte[0]).status()).isEqualTo(200);
        }
    }

    @Test
    void refusesAnythingButPlainHttp() {
        assertThatThrownBy(() -> new KeepAliveConnection(URI.create("https://example.com/v1/batch"), "x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("plain http");
    }
}
