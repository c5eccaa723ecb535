package io.lotse.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The bandit evaluation prints the bandit's and the uniform split's regret as its last line. */
class BanditEvaluationTest {

    private static String[] run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = BanditEvaluation.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new String[] {Integer.toString(code), out.toString(StandardCharsets.UTF_8),
                err.toString(StandardCharsets.UTF_8)};
    }

    @Test
    void theBanditLosesLessThanAUniformSplit() {
        String[] result = run("--rates", "0.02,0.03,0.05", "--people", "5000", "--seeds", "3");

        assertThat(result[0]).isEqualTo("0");
        String[] lines = result[1].strip().split("\n");
        JsonNode summary = JsonMapper.builder().build().readTree(lines[lines.length - 1]);
        assertThat(summary.path("seeds").asInt()).isEqualTo(3);
        assertThat(summary.path("bandit_regret_mean").asDouble())
                .isLessThan(summary.path("uniform_regret_mean").asDouble());
        assertThat(summary.path("bandit_below_uniform").asInt()).isEqualTo(3);
    }

    @Test
    void badOptionsAreRefusedWithTheReason() {
        assertThat(run("--rates", "0.1")[2]).contains("at least two variants");
        assertThat(run("--rates", "0.1,x")[0]).isEqualTo("2");
        assertThat(run("--people", "0")[0]).isEqualTo("2");
        assertThat(run("--colour", "red")[2]).contains("unknown option --colour");
    }
}
