package io.lotse.server.collect;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Events are written in PostgreSQL's binary COPY layout, which must be exact to the byte. */
class BinaryCopyRowsTest {

    private static final Instant OCCURRED = Instant.parse("2026-11-23T10:15:30.123456Z");
    private static final Instant RECEIVED = Instant.parse("2026-11-23T10:15:31Z");

    @Test
    void aRowHoldsNineFieldsFromItsLogPositionWithNullsAsMinusOneAndThePayloadAsJsonbVersionOne() {
        ObjectNode payload = JsonMapper.builder().build().createObjectNode().put("type", "track");
        CollectedEvent event = new CollectedEvent("m-1", EventType.TRACK, "Grüße\t👋", null, "anon", OCCURRED,
                RECEIVED, payload);
        byte[] json = "{\"type\":\"track\"}".getBytes(StandardCharsets.UTF_8);

        byte[] bytes = BinaryCopyRows.row(event, json);
        BinaryCopyRows.setSeq(bytes, 4_711);
        ByteBuffer row = ByteBuffer.wrap(bytes);

        assertThat(row.getShort()).isEqualTo((short) 9);
        assertThat(row.getInt()).isEqualTo(8);
        assertThat(row.getLong()).as("log position").isEqualTo(4_711);
        assertThat(text(row)).isEqualTo("m-1");
        assertThat(text(row)).isEqualTo("track");
        assertThat(text(row)).isEqualTo("Grüße\t👋");
        assertThat(row.getInt()).as("null user id").isEqualTo(-1);
        assertThat(text(row)).isEqualTo("anon");
        assertThat(row.getInt()).isEqualTo(8);
        assertThat(row.getLong()).isEqualTo(BinaryCopyRows.postgresMicros(OCCURRED));
        assertThat(row.getInt()).isEqualTo(8);
        assertThat(row.getLong()).isEqualTo(BinaryCopyRows.postgresMicros(RECEIVED));
        assertThat(row.getInt()).isEqualTo(json.length + 1);
        assertThat(row.get()).as("jsonb format version").isEqualTo((byte) 1);
        byte[] stored = new byte[json.length];
        row.get(stored);
        assertThat(stored).isEqualTo(json);
        assertThat(row.hasRemaining()).isFalse();
    }

    @Test
    void timestampsCountMicrosecondsFromTheYear2000RoundedAsPostgresRoundsText() {
        assertThat(BinaryCopyRows.postgresMicros(Instant.parse("2000-01-01T00:00:00Z"))).isZero();
        assertThat(BinaryCopyRows.postgresMicros(Instant.parse("2000-01-01T00:00:01.000002Z"))).isEqualTo(1_000_002);
        assertThat(BinaryCopyRows.postgresMicros(Instant.parse("2000-01-01T00:00:00.0000005Z"))).isEqualTo(1);
        assertThat(BinaryCopyRows.postgresMicros(Instant.parse("2000-01-01T00:00:00.0000004Z"))).isZero();
        assertThat(BinaryCopyRows.postgresMicros(Instant.parse("1999-12-31T23:59:59Z"))).isEqualTo(-1_000_000);
    }

    @Test
    void theInstantAsStoredIsRoundedToTheMicrosecondTheSameWay() {
        assertThat(BinaryCopyRows.stored(Instant.parse("2026-11-23T10:15:30.1234565Z")))
                .isEqualTo(Instant.parse("2026-11-23T10:15:30.123457Z"));
        assertThat(BinaryCopyRows.stored(Instant.parse("1999-12-31T23:59:59.9999994Z")))
                .isEqualTo(Instant.parse("1999-12-31T23:59:59.999999Z"));
    }

    @Test
    void theHeaderIsPostgresSignatureWithoutFlagsAndTheTrailerAFieldCountOfMinusOne() {
        ByteBuffer header = ByteBuffer.wrap(BinaryCopyRows.HEADER);
        byte[] signature = new byte[11];
        header.get(signature);

        assertThat(signature).isEqualTo(new byte[] {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0});
        assertThat(header.getInt()).as("flags").isZero();
        assertThat(header.getInt()).as("header extension length").isZero();
        assertThat(ByteBuffer.wrap(BinaryCopyRows.TRAILER).getShort()).isEqualTo((short) -1);
    }

    private static String text(ByteBuffer row) {
        byte[] value = new byte[row.getInt()];
        row.get(value);
        return new String(value, StandardCharsets.UTF_8);
    }
}
