package io.lotse.server.collect;

import static org.assertj.core.api.Assertions.assertThat;

import io.lotse.server.ServerClient;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills the packaged server with SIGKILL while clients are sending, restarts it on the same data directory, and
 * checks that every acknowledged event is in the log exactly once and counted exactly once on its profile.
 */
class CrashDurabilityIT {

    private static final String WRITE_KEY = "wk_crash_test";
    private static final String ADMIN_TOKEN = "lt_crash_test";

    @TempDir
    Path dataDir;

    private Process server;

    @Test
    void acknowledgedEventsSurviveAKillAndAreCountedOnce() throws Exception {
        int port = freePort();
        server = start(port);
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicBoolean sending = new AtomicBoolean(true);
        ExecutorService clients = Executors.newFixedThreadPool(3);
        for (int c = 0; c < 3; c++) {
            clients.submit(() -> send(port, acknowledged, sending));
        }
        waitUntil(() -> acknowledged.size() >= 3_000);
        server.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        sending.set(false);
        clients.shutdown();
        assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

        server = start(port);
        try (Connection db = database()) {
            waitUntil(() -> backlog(db) == 0);
            List<String> missing = new ArrayList<>();
            for (String messageId : acknowledged) {
                if (count(db, "SELECT count(*) FROM events WHERE message_id = '" + messageId + "'") != 1) {
                    missing.add(messageId);
                }
            }
            assertThat(missing).as("acknowledged events not exactly once in the log").isEmpty();
            long logged = count(db, "SELECT count(*) FROM events");
            long counted = count(db, "SELECT coalesce(sum(event_count), 0) FROM profiles WHERE merged_into IS NULL");
            assertThat(counted).as("events counted on profiles").isEqualTo(logged);
        }
    }

    private static void send(int port, Set<String> acknowledged, AtomicBoolean sending) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        while (sending.get()) {
            List<String> ids = new ArrayList<>();
            StringBuilder batch = new StringBuilder("{\"batch\":[");
            for (int i = 0; i < 100; i++) {
                String id = UUID.randomUUID().toString();
                ids.add(id);
                String person = "crash-" + (id.hashCode() & 63);
                batch.append(i == 0 ? "" : ",").append("{\"type\":\"track\",\"event\":\"Product Viewed\",")
                        .append("\"anonymousId\":\"").append(person).append("\",\"messageId\":\"").append(id)
                        .append("\",\"properties\":{\"sku\":\"").append(i).append("\"}}");
            }
            batch.append("]}");
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                                URI.create("http://localhost:" + port + "/v1/batch"))
                        .header("Authorization", ServerClient.basic(WRITE_KEY))
                        .header("Content-Type", "application/json")
                        .timeout(Duration.ofSeconds(10))
                        .POST(HttpRequest.BodyPublishers.ofString(batch.toString())).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    acknowledged.addAll(ids);
                }
            } catch (IOException | InterruptedException unreachable) {
                return;
            }
        }
    }

    private Process start(int port) throws IOException, InterruptedException {
        Path jar = Path.of("target", "lotse-server.jar").toAbsolutePath();
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-jar", jar.toString(),
                "--lotse.data-dir=" + dataDir, "--lotse.port=" + port,
                "--lotse.write-key=" + WRITE_KEY, "--lotse.admin-token=" + ADMIN_TOKEN)
                .redirectErrorStream(true)
                .redirectOutput(dataDir.resolve("server-" + System.nanoTime() + ".log").toFile())
                .start();
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                var response = http.send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/actuator/health")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return process;
                }
            } catch (IOException notYet) {
                Thread.sleep(250);
            }
        }
        throw new AssertionError("server did not start within 120 s");
    }

    private Connection database() throws IOException, SQLException {
        List<String> pid = Files.readAllLines(dataDir.resolve("postgres").resolve("postmaster.pid"));
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + pid.get(3).trim() + "/lotse",
                "postgres", "");
    }

    private static long backlog(Connection db) {
        try {
            return count(db, "SELECT (SELECT coalesce(max(seq), 0) FROM events) - position FROM log_consumers "
                    + "WHERE name = 'profiles'");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long count(Connection db, String sql) throws SQLException {
        try (var statement = db.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private interface Condition {
        boolean met() throws Exception;
    }

    private static void waitUntil(Condition condition) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (!condition.met()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 120 s");
            }
            Thread.sleep(100);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @AfterEach
    void stopServer() throws InterruptedException {
        if (server != null && server.isAlive()) {
            server.destroy();
            if (!server.waitFor(60, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }
}
