package io.lotse.bench;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
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

    // Binary, as the server writes: the ceiling is the cheapest way to load these rows.
    private static final String COPY = "COPY events (message_id, type, event, user_id, anonymous_id, occurred_at,"
            + " received_at, payload) FROM STDIN (FORMAT binary)";
    private static final byte[] HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0, 0, 0, 0, 0, 0,
            0, 0, 0};
    private static final long POSTGRES_EPOCH_MICROS = 946_684_800_000_000L;

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
     * The events as binary COPY chunks of {@code chunkSize} rows (each with header and trailer), each event under a
     * fresh random message id so that the rows do not collide with those already ingested.
     */
    static List<byte[]> chunks(List<SegmentEvent> events, int chunkSize, Instant receivedAt) {
        List<byte[]> chunks = new ArrayList<>(events.size() / chunkSize + 1);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream rows = new DataOutputStream(bytes);
        try {
            for (int i = 0; i < events.size(); i++) {
                if (bytes.size() == 0) {
                    rows.write(HEADER);
                }
                appendRow(rows, events.get(i).withMessageId(UUID.randomUUID().toString()), receivedAt);
                if ((i + 1) % chunkSize == 0 || i + 1 == events.size()) {
                    rows.writeShort(-1);
                    chunks.add(bytes.toByteArray());
                    bytes.reset();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("in-memory stream cannot fail", e);
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

    private static void appendRow(DataOutputStream rows, SegmentEvent event, Instant receivedAt)
            throws IOException {
        rows.writeShort(8);
        text(rows, event.messageId());
        text(rows, event.type());
        text(rows, event.event());
        text(rows, event.userId());
        text(rows, event.anonymousId());
        timestamp(rows, event.timestamp());
        timestamp(rows, receivedAt);
        byte[] json = event.json().getBytes(StandardCharsets.UTF_8);
        rows.writeInt(json.length + 1);
        rows.writeByte(1); // jsonb format version
        rows.write(json);
    }

    private static void text(DataOutputStream rows, @Nullable String value) throws IOException {
        if (value == null) {
            rows.writeInt(-1);
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        rows.writeInt(bytes.length);
        rows.write(bytes);
    }

    /** A timestamptz: microseconds after 2000-01-01, rounded half up as PostgreSQL rounds text input. */
    static void timestamp(DataOutputStream rows, Instant instant) throws IOException {
        rows.writeInt(8);
        rows.writeLong(instant.getEpochSecond() * 1_000_000L + (instant.getNano() + 500) / 1_000
                - POSTGRES_EPOCH_MICROS);
    }
}
