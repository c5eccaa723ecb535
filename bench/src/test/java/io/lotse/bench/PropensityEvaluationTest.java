package io.lotse.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

class PropensityEvaluationTest {

    @TempDir
    Path dir;

    /**
     * A shop of 600 customers in the online-retail layout: each buys at their own rate until they lapse at a random
     * day, so recent and frequent buyers are the likely buyers after the cutoff.
     */
    private Path shop() throws IOException {
        Random random = new Random(3);
        DateTimeFormatter format = DateTimeFormatter.ofPattern("M/d/yyyy H:mm", Locale.ROOT);
        LocalDateTime start = LocalDateTime.of(2010, 12, 1, 9, 0);
        StringBuilder csv = new StringBuilder("InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,"
                + "CustomerID,Country\n");
        int invoice = 500_000;
        for (int customer = 0; customer < 600; customer++) {
            double meanGap = 10 + random.nextDouble() * 80;
            double day = random.nextDouble() * 200;
            double lapse = random.nextDouble() * 500;
            while (day < Math.min(lapse, 370)) {
                String at = start.plusMinutes((long) (day * 1440)).format(format);
                int lines = 1 + random.nextInt(3);
                for (int line = 0; line < lines; line++) {
                    csv.append(invoice).append(",P").append(random.nextInt(50)).append(",ITEM,")
                            .append(1 + random.nextInt(12)).append(',').append(at).append(",1.25,")
                            .append(12000 + customer).append(".0,United Kingdom\n");
                }
                invoice++;
                day += -meanGap * Math.log(1 - random.nextDouble());
            }
        }
        Path file = dir.resolve("shop.csv");
        Files.writeString(file, csv);
        return file;
    }

    @Test
    void comparesLotseWithTheBaselinesOnHeldOutCustomers() throws IOException {
        Path file = shop();

        JsonNode result = PropensityEvaluation.run(PropensityEvaluation.parse("--transactions", file.toString(),
                "--format", "online-retail", "--cutoff", "2011-09-01", "--horizon", "90", "--folds", "3"));

        assertThat(result.get("cutoff").asString()).isEqualTo("2011-09-01");
        assertThat(result.get("horizon_days").asInt()).isEqualTo(90);
        assertThat(result.get("customers").asInt()).isBetween(400, 600);
        assertThat(result.get("positives").asInt()).isBetween(50, result.get("customers").asInt() - 50);
        for (String model : new String[] {"lotse", "logistic_rfm", "recency_only"}) {
            JsonNode metrics = result.get("models").get(model);
            assertThat(metrics.get("auc").asDouble()).as(model).isBetween(0.6, 1.0);
            assertThat(metrics.get("lift_top_decile").asDouble()).as(model).isGreaterThan(1.0);
            assertThat(metrics.get("calibration_error").asDouble()).as(model).isBetween(0.0, 0.2);
            assertThat(metrics.get("brier").asDouble()).as(model).isBetween(0.0, 0.25);
        }
        assertThat(result.get("auc_gain_vs_logistic_rfm").asDouble()).isEqualTo(
                result.get("models").get("lotse").get("auc").asDouble()
                        - result.get("models").get("logistic_rfm").get("auc").asDouble(),
                within(2e-4));
        assertThat(result.has("training_ms")).isTrue();
    }

    @Test
    void refusesIncompleteOrUnknownOptions() {
        assertThatIllegalArgumentException().isThrownBy(() -> PropensityEvaluation.parse("--speed", "1"))
                .withMessageContaining("--speed");
        CommandLineOptions noHorizon = PropensityEvaluation.parse("--transactions", "x.csv", "--format", "csv",
                "--cutoff", "2011-09-01");
        assertThatIllegalArgumentException().isThrownBy(() -> PropensityEvaluation.run(noHorizon))
                .withMessageContaining("x.csv");
        assertThatIllegalArgumentException().isThrownBy(() -> PropensityEvaluation.parse("--horizon"))
                .withMessageContaining("needs a value");
    }
}
