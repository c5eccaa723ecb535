package io.lotse.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The attribution evaluation on the hand-computed paths of the engine's test, with ; as separator. */
class AttributionEvaluationTest {

    @TempDir
    Path folder;

    private int run(String content, ByteArrayOutputStream out, ByteArrayOutputStream err, String... extra)
            throws IOException {
        Path file = folder.resolve("paths.csv");
        Files.writeString(file, content);
        String[] args = new String[2 + extra.length];
        args[0] = "--paths";
        args[1] = file.toString();
        System.arraycopy(extra, 0, args, 2, extra.length);
        return AttributionEvaluation.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void printsEveryModelAndTheRemovalEffects() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = run("""
                path;total_conversions;total_conversion_value;total_null
                A > B;1;10;0
                B;1;20;1
                A;0;0;1
                """, out, err, "--separator", ";");
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        String[] lines = out.toString(StandardCharsets.UTF_8).strip().split("\n");
        JsonNode json = JsonMapper.builder().build().readTree(lines[lines.length - 1]);
        assertThat(json.path("paths").asInt()).isEqualTo(3);
        assertThat(json.path("conversion_probability").asDouble()).isCloseTo(0.5, within(1e-9));
        assertThat(json.path("removal_effects").path("A").asDouble()).isCloseTo(1.0 / 3, within(1e-5));
        assertThat(json.path("models").path("markov").path("value").path("B").asDouble()).isCloseTo(22.5,
                within(1e-9));
        assertThat(json.path("models").path("last_touch").path("conversions").path("B").asDouble()).isEqualTo(2);
        assertThat(json.path("models").propertyNames()).containsExactly("first_touch", "last_touch",
                "linear", "time_decay", "position_based", "markov", "shapley");
    }

    @Test
    void aWrongSeparatorNamesTheColumnsFound() throws IOException {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = run("path;total_conversions;total_conversion_value;total_null\nA;1;1;0\n",
                new ByteArrayOutputStream(), err);
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no column 'path'").contains("separator");
    }
}
