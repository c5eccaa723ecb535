package io.lotse.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

class SimulateCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return SimulateCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--customers x --out /tmp/x|--customers must be a whole number",
        "--customers 0 --out /tmp/x|--customers must be between 1",
        "--days -5 --out /tmp/x|--days must be between 1",
        "--seed 1.5 --out /tmp/x|--seed must be a whole number",
        "--start 2026-13-01 --out /tmp/x|--start must be a date",
        "--out /tmp/x --target http://localhost:8080 --write-key k|either --out or --target",
        "--customers 10|one of --out DIR or --target URL is required",
        "--target http://localhost:8080|--write-key is required",
        "--target localhost:8080 --write-key k|--target must be an http(s) URL",
        "--target http://localhost:8080 --write-key k --rate fast|--rate must be a number",
        "--target http://localhost:8080 --write-key k --rate -1|--rate must be 0 or more",
        "--out /tmp/x --rate 5|only apply to --target",
        "--colour blue --out /tmp/x|unknown option --colour",
        "--out|option --out needs a value",
        "--days 5 --days 6 --out /tmp/x|given twice"})
    void rejectsBadArgumentsWithExitCodeTwoAndAClearMessage(String arguments, String message) {
        assertThat(run(arguments.split(" "))).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("error: ").contains(message).contains("usage:");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void helpPrintsTheUsage() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("--customers N").contains("--target URL");
    }

    @Test
    void writesAShopAndEndsWithTheCountsAsJson(@TempDir Path directory) {
        assertThat(run("--customers", "60", "--days", "14", "--seed", "4", "--start", "2025-09-01",
                "--history-days", "30", "--out", directory.toString())).isZero();
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith("Simulated 60 customers over 14 days from 2025-09-01 (seed 4)");
        JsonNode counts = ShopFiles.JSON.readTree(lines.get(1));
        assertThat(counts.path("customers").asInt()).isEqualTo(60);
        assertThat(counts.path("events").asLong()).isPositive();
        assertThat(directory.resolve("events.jsonl")).exists();
        assertThat(directory.resolve("manifest.json")).exists();
    }
}
