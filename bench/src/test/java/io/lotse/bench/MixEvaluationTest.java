package io.lotse.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The mix evaluation on a small CSV file: JSON on the last line, clear errors for bad files. */
class MixEvaluationTest {

    @TempDir
    Path folder;

    private Path weekly() throws IOException {
        StringBuilder csv = new StringBuilder("Woche;Umsatz;TV;Suche\n");
        SplittableRandom random = new SplittableRandom(5);
        double carry = 0;
        for (int t = 0; t < 60; t++) {
            double tv = t % 8 < 4 ? 3000 + 500 * random.nextDouble() : 0;
            double search = 800 + 400 * random.nextDouble();
            carry = tv + 0.5 * carry;
            double outcome = 5000 + 900 * carry / (carry + 4000) + 300 * search / (search + 600)
                    + 20 * random.nextDouble();
            LocalDate week = LocalDate.of(2025, 1, 6).plusWeeks(t);
            csv.append(String.format(Locale.GERMANY, "%02d.%02d.%d;%.2f;%.2f;%.2f%n", week.getDayOfMonth(),
                    week.getMonthValue(), week.getYear(), outcome, tv, search));
        }
        Path file = folder.resolve("weekly.csv");
        Files.writeString(file, csv.toString());
        return file;
    }

    @Test
    void fitsAGermanCsvAndPrintsJsonLast() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = MixEvaluation.run(new String[] {"--data", weekly().toString(), "--date-col", "Woche",
            "--target-col", "Umsatz", "--channels", "TV,Suche", "--bootstrap", "4"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        String[] lines = out.toString(StandardCharsets.UTF_8).strip().split("\n");
        JsonNode json = JsonMapper.builder().build().readTree(lines[lines.length - 1]);
        assertThat(json.path("periods").asInt()).isEqualTo(60);
        assertThat(json.path("channels")).hasSize(2);
        assertThat(json.path("channels").get(0).path("channel").asString()).isEqualTo("TV");
        assertThat(json.path("channels").get(0).path("adstock").path("type").asString()).isEqualTo("geometric");
        assertThat(json.path("fit").path("r2").asDouble()).isGreaterThan(0.5);
        assertThat(json.path("allocation").path("recommended").size()).isEqualTo(2);
        assertThat(json.path("seconds").path("fit_and_allocation").asDouble()).isPositive();
    }

    @Test
    void namesAMissingColumn() throws IOException {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = MixEvaluation.run(new String[] {"--data", weekly().toString(), "--date-col", "Woche",
            "--target-col", "Revenue", "--channels", "TV"}, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no column 'Revenue'");
    }
}
