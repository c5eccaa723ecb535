package io.lotse.bench;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * The ceiling for durable ingestion on this machine: the same events written straight into the {@code events}
 * table of the server's embedded PostgreSQL with {@code COPY ... FROM STDIN}, one committed transaction per chunk,
 * over a single connection.
 */
final class CopyBaseline {

    private static final String COPY = "COPY events (message_id, type, event, user_id, anonymous_id, occurred_at,"
            + " received_at, payload) FROM STDIN";

    private CopyBaseline() {}

    /**
     * The JDBC URL of the embedded PostgreSQL of a Lotse data directory, whose port is line 4 of
     * {@code <data-dir>/postgres/postmaster.pid} while the server runs.
     */
    static String jdbcUrl(Path dataDir) throws IOException {
        Path pidFile = dataDir.resolve("postgres").resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            throw new IOException(pidFile + " does not exist; is the server running on the embedded database?");
        }
        List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
        if (lines.size() < 4 || !lines.get(3).strip().matches("\\d+")) {
            throw new IOException(pidFile + " has no port on line 4");
        }
        return "jdbc:postgresql://localhost:" + lines.get(3).strip() + "/lotse";
    }

    /**
     * The events as COPY text-format chunks of {@code chunkSize} rows, each event under a fresh random message id
     * so that the rows do not collide with those already ingested.
     */
    static List<byte[]> chunks(List<SegmentEvent> events, int chunkSize, Instant receivedAt) {
        List<byte[]> chunks = new ArrayList<>(events.size() / chunkSize + 1);
        String received = receivedAt.toString();
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < events.size(); i++) {
            SegmentEvent event = events.get(i).withMessageId(UUID.randomUUID().toString());
            appendRow(rows, event, received);
            if ((i + 1) % chunkSize == 0 || i + 1 == events.size()) {
                chunks.add(rows.toString().getBytes(StandardCharsets.UTF_8));
                rows.setLength(0);
            }
        }
        return chunks;
    }

    /**
     * Copies the chunks in order, each in its own committed transaction, and returns how long that took.
     *
     * @throws SQLException when a chunk is refused; earlier chunks stay committed
     */
    static Duration copy(String jdbcUrl, List<byte[]> chunks) throws SQLException, IOException {
        Properties credentials = new Properties();
        credentials.setProperty("user", "postgres");
        try (Connection connection = DriverManager.getConnection(jdbcUrl, credentials)) {
            connection.setAutoCommit(true);
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            long start = System.nanoTime();
            for (byte[] chunk : chunks) {
                copy.copyIn(COPY, new ByteArrayInputStream(chunk));
            }
            return Duration.ofNanos(System.nanoTime() - start);
        }
    }

    private static void appendRow(StringBuilder rows, SegmentEvent event, String receivedAt) {
        appendField(rows, event.messageId()).append('\t');
        appendField(rows, event.type()).append('\t');
        appendField(rows, event.event()).append('\t');
        appendField(rows, event.userId()).append('\t');
        appendField(rows, event.anonymousId()).append('\t');
        appendField(rows, event.timestamp().toString()).append('\t');
        appendField(rows, receivedAt).append('\t');
        appendField(rows, event.json()).append('\n');
    }

    /** Appends a value in COPY text format: {@code \N} for null, backslash, tab, newline and CR escaped. */
    static StringBuilder appendField(StringBuilder rows, @Nullable String value) {
        if (value == null) {
            return rows.append("\\N");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> rows.append("\\\\");
                case '\t' -> rows.append("\\t");
                case '\n' -> rows.append("\\n");
                case '\r' -> rows.append("\\r");
                default -> rows.append(c);
            }
        }
        return rows;
    }
}
