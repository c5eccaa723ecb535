package io.lotse.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CopyBaselineTest {

    @Test
    void escapesCopyTextFormat() {
        assertThat(CopyBaseline.appendField(new StringBuilder(), "a\\b\tc\nd\re").toString())
                .isEqualTo("a\\\\b\\tc\\nd\\re");
        assertThat(CopyBaseline.appendField(new StringBuilder(), null).toString()).isEqualTo("\\N");
    }

    @Test
    void chunksHoldEightColumnsPerRowUnderFreshMessageIds() {
        List<SegmentEvent> events = new EventGenerator(3, 100, Instant.parse("2025-06-01T00:00:00Z")).next(12);
        List<byte[]> chunks = CopyBaseline.chunks(events, 5, Instant.parse("2025-06-01T01:00:00Z"));
        assertThat(chunks).hasSize(3);
        String[] rows = new String(chunks.get(2), StandardCharsets.UTF_8).split("\n");
        assertThat(rows).hasSize(2);
        String[] columns = rows[0].split("\t", -1);
        assertThat(columns).hasSize(8);
        SegmentEvent source = events.get(10);
        assertThat(columns[0]).isNotEqualTo(source.messageId()).hasSize(36);
        assertThat(columns[1]).isEqualTo(source.type());
        assertThat(columns[5]).isEqualTo(source.timestamp().toString());
        assertThat(columns[6]).isEqualTo("2025-06-01T01:00:00Z");
        assertThat(columns[7]).contains("\"messageId\":\"" + columns[0] + "\"");
    }
}
