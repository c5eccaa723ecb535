package io.lotse.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ClvEvaluationTest {

    private static final LocalDate START = LocalDate.of(1997, 1, 1);
    private static final LocalDate END = LocalDate.of(1998, 6, 30);

    @TempDir
    Path directory;

    /** One simulated purchase. */
    private record Purchase(int customer, LocalDate day, int quantity, double amount) {
    }

    /** Outcome of a run: exit code, standard output and standard error. */
    private record Run(int exitCode, String out, String err) {

        JsonNode lastLine() {
            String[] lines = out.strip().split("\n");
            return JsonMapper.builder().build().readTree(lines[lines.length - 1]);
        }
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = ClvEvaluation.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void fitsAllModelsOnACdnowFileAndComparesTheHoldout() throws IOException {
        List<Purchase> purchases = shop(400, new Random(42));
        Path file = directory.resolve("CDNOW_sample.txt");
        StringBuilder text = new StringBuilder();
        int sequence = 0;
        for (Purchase purchase : purchases) {
            text.append(String.format(Locale.ROOT, "%5d %4d %s %2d %7.2f%n", purchase.customer(), ++sequence,
                    purchase.day().format(DateTimeFormatter.BASIC_ISO_DATE), purchase.quantity(), purchase.amount()));
        }
        Files.writeString(file, text);

        Run run = run("--transactions", file.toString(), "--format", "cdnow", "--calibration-end", "1997-09-30");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode result = run.lastLine();
        List<String> keys = new ArrayList<>();
        result.propertyNames().forEach(keys::add);
        assertThat(keys).startsWith("customers", "bgnbd", "pareto_nbd", "gamma_gamma");
        assertThat(result.get("customers").asInt()).isEqualTo(400);
        assertThat(names(result.get("bgnbd"))).containsExactly("r", "alpha", "a", "b", "loglik");
        assertThat(names(result.get("pareto_nbd"))).containsExactly("r", "alpha", "s", "beta", "loglik");
        assertThat(names(result.get("gamma_gamma"))).containsExactly("p", "q", "v");
        assertThat(result.get("bgnbd").get("r").asDouble()).isPositive();
        assertThat(result.get("bgnbd").get("loglik").asDouble()).isNegative();
        JsonNode holdout = result.get("holdout");
        assertThat(holdout.get("length").asDouble()).isEqualTo(39.0);
        assertThat(holdout.get("actual").asDouble()).isPositive();
        assertThat(holdout.get("bgnbd").get("predicted").asDouble()).isPositive();
        assertThat(holdout.get("bgnbd").get("correlation").asDouble()).isBetween(0.0, 1.0);
        assertThat(run.err()).contains("BG/NBD", "Pareto/NBD", "Gamma-Gamma", "Holdout", "RFM segments");
    }

    @Test
    void readsAGzippedCsvWithQuantitiesAndComparesWithTheTruth() throws IOException {
        List<Purchase> purchases = shop(300, new Random(7));
        Path file = directory.resolve("orders.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            StringBuilder text = new StringBuilder("\uFEFForder_number,customer_number,date,item_name,quantity,"
                    + "unit_price\n");
            int order = 0;
            for (Purchase purchase : purchases) {
                text.append(String.format(Locale.ROOT, "LS-%d,%d,%sT10:15:00Z,\"Buch, gebunden\",%d,%.2f%n", ++order,
                        1000 + purchase.customer(), purchase.day(), purchase.quantity(),
                        purchase.amount() / purchase.quantity()));
            }
            text.append("LS-guest,,1997-03-01T10:00:00Z,Karte,1,5.00\n");
            out.write(text.toString().getBytes(StandardCharsets.UTF_8));
        }
        Path truth = Files.createDirectories(directory.resolve("shop/truth"));
        StringBuilder customers = new StringBuilder("person_id,user_id,transaction_rate_per_week,dropout_probability,"
                + "expected_order_value,dropped_out_at\n");
        Random random = new Random(1);
        for (int i = 0; i < 300; i++) {
            customers.append(String.format(Locale.ROOT, "P%d,%d,%.4f,%.3f,%.2f,%s%n", i, 1000 + i,
                    0.05 + random.nextDouble(), random.nextDouble(), 20 + 50 * random.nextDouble(),
                    i % 3 == 0 ? "1997-05-01T12:00:00.000Z" : ""));
        }
        Files.writeString(truth.resolve("customers.csv"), customers);

        Run run = run("--transactions", file.toString(), "--format", "csv", "--calibration-end", "1997-09-30",
                "--unit", "days", "--customer-col", "customer_number", "--amount-col", "unit_price",
                "--quantity-col", "quantity", "--truth", directory.resolve("shop").toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode result = run.lastLine();
        assertThat(result.get("customers").asInt()).isEqualTo(300);
        assertThat(result.get("unit").asString()).isEqualTo("days");
        assertThat(result.get("holdout").get("length").asDouble()).isEqualTo(273.0);
        JsonNode comparison = result.get("truth");
        assertThat(comparison.get("customers_matched").asInt()).isEqualTo(300);
        assertThat(comparison.get("alive_at_calibration_end").asInt()).isEqualTo(200);
        assertThat(comparison.has("purchase_rate_correlation")).isTrue();
        assertThat(comparison.has("spend_correlation")).isTrue();
        assertThat(comparison.has("alive_auc_bgnbd")).isTrue();
        assertThat(run.err()).contains("skipped 1 rows without a customer id");
    }

    @Test
    void refusesBadOptionsWithExitCodeTwo() {
        assertThat(run("--transactions", "x.txt", "--format", "cdnow").err()).contains("--calibration-end");
        assertThat(run("--transactions", "x.txt", "--format", "cdnow").exitCode()).isEqualTo(2);
        assertThat(run("--transactions", "x", "--format", "xml", "--calibration-end", "1997-09-30"))
                .satisfies(r -> assertThat(r.exitCode()).isEqualTo(2))
                .satisfies(r -> assertThat(r.err()).contains("cdnow or csv"));
        assertThat(run("--transactions", "x", "--format", "cdnow", "--calibration-end", "30.09.1997").err())
                .contains("--calibration-end must be a date");
        assertThat(run("--transactions", "x", "--format", "cdnow", "--calibration-end", "1997-09-30",
                "--customer-col", "id").err()).contains("--customer-col applies to --format csv only");
        assertThat(run("--transactions", "x", "--speed", "3").err()).contains("unknown option --speed");
        assertThat(run("--transactions", "x", "--format", "csv", "--calibration-end", "1997-09-30", "--unit",
                "months").err()).contains("weeks or days");
        assertThat(run("--help")).satisfies(r -> assertThat(r.exitCode()).isZero())
                .satisfies(r -> assertThat(r.out()).contains("--calibration-end", "--truth", "--date-format"));
    }

    @Test
    void namesTheFileAndLineOfABadRow() throws IOException {
        Path cdnow = directory.resolve("bad.txt");
        Files.writeString(cdnow, "1 1 19970101 1 10.00\n1 2 19970230 1 10.00\n");
        Run badDate = run("--transactions", cdnow.toString(), "--format", "cdnow", "--calibration-end", "1997-09-30");
        assertThat(badDate.exitCode()).isEqualTo(2);
        assertThat(badDate.err()).contains(cdnow + ":2:", "yyyymmdd");

        Path csv = directory.resolve("bad.csv");
        Files.writeString(csv, "customer_id,date,amount\na,2026-01-01,10\na,2026-01-05,-3\n");
        Run negative = run("--transactions", csv.toString(), "--format", "csv", "--calibration-end", "2026-02-01");
        assertThat(negative.exitCode()).isEqualTo(2);
        assertThat(negative.err()).contains(csv + ":3:", "negative amount");

        Files.writeString(csv, "customer_id,date,amount\na,01.02.2026,10\n");
        Run pattern = run("--transactions", csv.toString(), "--format", "csv", "--calibration-end", "2026-02-01");
        assertThat(pattern.err()).contains(csv + ":2:", "give --date-format");

        Files.writeString(csv, "kunde,datum,betrag\na,01.02.2026,10\n");
        Run columns = run("--transactions", csv.toString(), "--format", "csv", "--calibration-end", "2026-02-01");
        assertThat(columns.exitCode()).isEqualTo(2);
        assertThat(columns.err()).contains("column 'customer_id'", "kunde, datum, betrag");

        Run missing = run("--transactions", directory.resolve("nothing.csv").toString(), "--format", "csv",
                "--calibration-end", "2026-02-01");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("nothing.csv", "no such file");
    }

    @Test
    void saysWhenTheCalibrationEndsBeforeTheFirstPurchase() throws IOException {
        Path csv = directory.resolve("late.csv");
        Files.writeString(csv, "kunde,datum,betrag\na,01.02.2026,10\n");
        Run run = run("--transactions", csv.toString(), "--format", "csv", "--calibration-end", "2026-01-01",
                "--customer-col", "kunde", "--date-col", "datum", "--amount-col", "betrag", "--date-format",
                "dd.MM.yyyy");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("calibration end 2026-01-01 is before the first purchase 2026-02-01");
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.propertyNames().forEach(names::add);
        return names;
    }

    /**
     * Purchases of customers who first buy in the first twelve weeks of 1997 and then follow the BG/NBD story
     * until 30 June 1998, with per-customer mean spend.
     */
    private static List<Purchase> shop(int customers, Random random) {
        List<Purchase> purchases = new ArrayList<>();
        for (int c = 0; c < customers; c++) {
            double perDay = gamma(0.7, random) / 30;
            double dropout = beta(0.8, 2.5, random);
            double meanSpend = 20 + 40 * random.nextDouble();
            double day = random.nextInt(84);
            while (true) {
                LocalDate date = START.plusDays((long) day);
                if (date.isAfter(END)) {
                    break;
                }
                int quantity = 1 + random.nextInt(3);
                purchases.add(new Purchase(c, date, quantity, Math.round(meanSpend * (0.5 + random.nextDouble()) * 100)
                        / 100.0));
                if (day > 0 && random.nextDouble() < dropout) {
                    break;
                }
                day += -Math.log(1 - random.nextDouble()) / perDay;
            }
        }
        return purchases;
    }

    private static double gamma(double shape, Random random) {
        if (shape < 1) {
            return gamma(shape + 1, random) * Math.pow(random.nextDouble(), 1 / shape);
        }
        double d = shape - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double normal = random.nextGaussian();
            double v = Math.pow(1 + c * normal, 3);
            if (v > 0 && Math.log(random.nextDouble()) < normal * normal / 2 + d - d * v + d * Math.log(v)) {
                return d * v;
            }
        }
    }

    private static double beta(double a, double b, Random random) {
        double x = gamma(a, random);
        return x / (x + gamma(b, random));
    }
}
