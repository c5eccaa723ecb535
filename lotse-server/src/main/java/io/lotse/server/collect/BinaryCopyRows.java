package io.lotse.server.collect;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Rows of the event log in PostgreSQL's binary COPY format. Binary rather than text: nothing has to be escaped on
 * the way out, and the server parses no timestamps on the way in, which both cost CPU on the ingest hot path.
 *
 * <p>A copy is {@link #HEADER}, any number of {@link #row rows}, then {@link #TRAILER}.
 */
final class BinaryCopyRows {

    /** The {@code COPY} statement the rows are written for; the column order is the row layout. */
    static final String COPY_EVENTS = "COPY events (seq, message_id, type, event, user_id, anonymous_id,"
            + " occurred_at, received_at, payload) FROM STDIN (FORMAT binary)";

    /** Signature, flags (no OIDs) and an empty header extension. */
    static final byte[] HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0, 0, 0, 0, 0, 0,
            0, 0, 0};

    /** A field count of -1 ends the data. */
    static final byte[] TRAILER = {(byte) 0xFF, (byte) 0xFF};

    private static final short FIELD_COUNT = 9;
    /** Where the log position's value sits in a row: after the field count and the field's length. */
    private static final int SEQ_OFFSET = Short.BYTES + Integer.BYTES;
    private static final int NULL_LENGTH = -1;
    private static final byte JSONB_VERSION = 1;
    /** 2000-01-01T00:00:00Z, PostgreSQL's epoch, in microseconds after the Unix epoch. */
    private static final long POSTGRES_EPOCH_MICROS = 946_684_800_000_000L;

    private BinaryCopyRows() {}

    /**
     * One event as a binary COPY tuple, with its payload as the {@code jsonb} value and room for its log position,
     * which {@link #setSeq} fills in once the writer has reserved it.
     */
    static byte[] row(CollectedEvent event, byte[] payloadJson) {
        byte[] messageId = utf8(event.messageId());
        byte[] type = utf8(event.type().wireName());
        byte @Nullable [] name = utf8OrNull(event.event());
        byte @Nullable [] userId = utf8OrNull(event.userId());
        byte @Nullable [] anonymousId = utf8OrNull(event.anonymousId());
        int size = Short.BYTES + FIELD_COUNT * Integer.BYTES + messageId.length + type.length + length(name)
                + length(userId) + length(anonymousId) + 3 * Long.BYTES + 1 + payloadJson.length;
        ByteBuffer row = ByteBuffer.allocate(size);
        row.putShort(FIELD_COUNT);
        row.putInt(Long.BYTES).putLong(0);
        field(row, messageId);
        field(row, type);
        field(row, name);
        field(row, userId);
        field(row, anonymousId);
        timestamp(row, event.timestamp());
        timestamp(row, event.receivedAt());
        row.putInt(1 + payloadJson.length).put(JSONB_VERSION).put(payloadJson);
        return row.array();
    }

    /** Writes the event's log position into a row made by {@link #row}. */
    static void setSeq(byte[] row, long seq) {
        ByteBuffer.wrap(row).putLong(SEQ_OFFSET, seq);
    }

    /** The instant PostgreSQL stores for this one: rounded to the microsecond as {@link #postgresMicros} rounds. */
    static Instant stored(Instant instant) {
        long micros = postgresMicros(instant) + POSTGRES_EPOCH_MICROS;
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }

    /**
     * Microseconds after PostgreSQL's epoch, rounded half up to the microsecond as PostgreSQL rounds a timestamp
     * given in text.
     */
    static long postgresMicros(Instant instant) {
        long micros = Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L),
                (instant.getNano() + 500) / 1_000);
        return micros - POSTGRES_EPOCH_MICROS;
    }

    private static void timestamp(ByteBuffer row, Instant instant) {
        row.putInt(Long.BYTES).putLong(postgresMicros(instant));
    }

    private static void field(ByteBuffer row, byte @Nullable [] value) {
        if (value == null) {
            row.putInt(NULL_LENGTH);
        } else {
            row.putInt(value.length).put(value);
        }
    }

    private static int length(byte @Nullable [] value) {
        return value == null ? 0 : value.length;
    }

    private static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    private static byte @Nullable [] utf8OrNull(@Nullable String value) {
        return value == null ? null : utf8(value);
    }
}
