package io.lotse.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CopyBaselineTest {

    @Test
    void chunksAreBinaryCopiesOfEightColumnsPerRowUnderFreshMessageIds() {
        List<SegmentEvent> events = new EventGenerator(3, 100, Instant.parse("2025-06-01T00:00:00Z")).next(12);
        List<byte[]> chunks = CopyBaseline.chunks(events, 5, Instant.parse("2025-06-01T01:00:00Z"));
        assertThat(chunks).hasSize(3);

        ByteBuffer chunk = ByteBuffer.wrap(chunks.get(2));
        byte[] signature = new byte[11];
        chunk.get(signature);
        assertThat(new String(signature, 0, 6, StandardCharsets.US_ASCII)).isEqualTo("PGCOPY");
        assertThat(chunk.getInt()).as("flags").isZero();
        assertThat(chunk.getInt()).as("header extension").isZero();

        SegmentEvent source = events.get(10);
        assertThat(chunk.getShort()).isEqualTo((short) 8);
        String messageId = text(chunk);
        assertThat(messageId).isNotEqualTo(source.messageId()).hasSize(36);
        assertThat(text(chunk)).isEqualTo(source.type());
        for (int skipped = 0; skipped < 3; skipped++) {
            int length = chunk.getInt();
            chunk.position(chunk.position() + Math.max(length, 0));
        }
        assertThat(chunk.getInt()).isEqualTo(8);
        assertThat(chunk.getLong()).isEqualTo(micros(source.timestamp()));
        assertThat(chunk.getInt()).isEqualTo(8);
        assertThat(chunk.getLong()).isEqualTo(micros(Instant.parse("2025-06-01T01:00:00Z")));
        byte[] payload = new byte[chunk.getInt()];
        chunk.get(payload);
        assertThat(payload[0]).as("jsonb version").isEqualTo((byte) 1);
        assertThat(new String(payload, 1, payload.length - 1, StandardCharsets.UTF_8))
                .contains("\"messageId\":\"" + messageId + "\"");

        assertThat(chunk.getShort()).as("second row").isEqualTo((short) 8);
    }

    @Test
    void chunksEndWithTheTrailer() {
        List<SegmentEvent> events = new EventGenerator(3, 100, Instant.parse("2025-06-01T00:00:00Z")).next(2);
        byte[] chunk = CopyBaseline.chunks(events, 5, Instant.parse("2025-06-01T01:00:00Z")).get(0);

        assertThat(ByteBuffer.wrap(chunk, chunk.length - 2, 2).getShort()).isEqualTo((short) -1);
    }

    private static long micros(Instant instant) {
        return (instant.getEpochSecond() - 946_684_800L) * 1_000_000L + (instant.getNano() + 500) / 1_000;
    }

    private static String text(ByteBuffer buffer) {
        byte[] value = new byte[buffer.getInt()];
        buffer.get(value);
        return new String(value, StandardCharsets.UTF_8);
    }
}
