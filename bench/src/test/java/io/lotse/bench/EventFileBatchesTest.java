package io.lotse.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventFileBatchesTest {

    @TempDir
    Path directory;

    private Path events(List<String> lines) throws IOException {
        return Files.write(directory.resolve("events.jsonl"), lines);
    }

    @Test
    void cutsTheMessagesIntoBatchesOfAtMostFiveHundredSkippingBlankLines() throws Exception {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 1_001; i++) {
            lines.add("{\"messageId\":\"m" + i + "\"}");
            if (i % 100 == 0) {
                lines.add(" ");
            }
        }
        List<List<String>> batches = new ArrayList<>();

        long read = EventFileBatches.send(events(lines), (line, number) -> true, batches::add);

        assertThat(read).isEqualTo(1_001);
        assertThat(batches).extracting(List::size).containsExactly(500, 500, 1);
        assertThat(batches.get(2)).containsExactly("{\"messageId\":\"m1000\"}");
    }

    @Test
    void keepsEveryBatchBelowTheRequestSizeLimit() throws Exception {
        String large = "{\"text\":\"" + "ä".repeat(60_000) + "\"}";
        List<List<String>> batches = new ArrayList<>();

        EventFileBatches.send(events(List.of(large, large, large, large, large)), (line, number) -> true,
                batches::add);

        assertThat(batches).extracting(List::size).containsExactly(3, 2);
    }

    @Test
    void sendsWhatWasReadWhenTheVisitorStops() throws Exception {
        List<List<String>> batches = new ArrayList<>();
        List<Long> numbers = new ArrayList<>();

        long read = EventFileBatches.send(events(List.of("{\"a\":1}", "{\"a\":2}", "{\"a\":3}")), (line, number) -> {
            numbers.add(number);
            return number < 2;
        }, batches::add);

        assertThat(read).isEqualTo(2);
        assertThat(numbers).containsExactly(1L, 2L);
        assertThat(batches).containsExactly(List.of("{\"a\":1}", "{\"a\":2}"));
    }
}
