package io.lotse.server.mix;

import io.lotse.server.LotseServerTest;
import io.lotse.server.ServerClient;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.SplittableRandom;
import tools.jackson.databind.JsonNode;

/**
 * A small shop for the mix and decision tests: 40 weeks of 2019 with spend on TV (in flights) and paid search,
 * and orders whose weekly revenue follows a known response to both (and a week of orders before, as the week of
 * the first order is left out of fits as possibly incomplete). Everything is deterministic, so loading it
 * again (another test class, another run on the same database) changes nothing: spend weeks are replaced by equal
 * values and the orders' message ids are already in the log.
 */
public final class MixFixture {

    public static final LocalDate FIRST_WEEK = LocalDate.of(2019, 1, 7);
    public static final int WEEKS = 40;
    static final int ORDERS_PER_WEEK = 4;

    private MixFixture() {}

    /** The spend file: long format with German headers and decimal commas. */
    static String spendCsv() {
        StringBuilder csv = new StringBuilder("Woche;Kanal;Kosten;Impressionen\n");
        SplittableRandom random = new SplittableRandom(7);
        for (int t = 0; t < WEEKS; t++) {
            LocalDate week = FIRST_WEEK.plusWeeks(t);
            double tv = t % 8 < 4 ? 4000 + 1000 * random.nextDouble() : 0;
            double search = 900 + 600 * random.nextDouble();
            csv.append(String.format(Locale.GERMANY, "%02d.%02d.%d;tv;%.2f;%d%n", week.getDayOfMonth(),
                    week.getMonthValue(), week.getYear(), tv, Math.round(tv * 50)));
            csv.append(String.format(Locale.GERMANY, "%02d.%02d.%d;paid_search;%.2f;%d%n", week.getDayOfMonth(),
                    week.getMonthValue(), week.getYear(), search, Math.round(search * 100)));
        }
        return csv.toString();
    }

    /** Weekly revenue: a base, TV through adstock and Hill, search through Hill, a little noise. */
    static double[] revenue() {
        SplittableRandom random = new SplittableRandom(7);
        double[] revenue = new double[WEEKS];
        double carry = 0;
        SplittableRandom noise = new SplittableRandom(11);
        for (int t = 0; t < WEEKS; t++) {
            double tv = t % 8 < 4 ? 4000 + 1000 * random.nextDouble() : 0;
            double search = 900 + 600 * random.nextDouble();
            carry = tv + 0.5 * carry;
            revenue[t] = 20_000 + 9_000 * carry / (carry + 5_000) + 6_000 * search / (search + 900)
                    + 200 * (noise.nextDouble() - 0.5);
        }
        return revenue;
    }

    /** Loads spend and orders into the server (idempotent). */
    static void load(ServerClient client) {
        ServerClient.Response spend = client.send(HttpRequest.newBuilder(URI.create(client.base()
                        + "/api/v1/mix/spend?filename=spend-2019.csv"))
                .header("Authorization", "Bearer " + LotseServerTest.ADMIN_TOKEN)
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofString(spendCsv(), StandardCharsets.UTF_8)).build());
        if (spend.status() != 200) {
            throw new AssertionError("spend import answered " + spend.status() + ": " + spend.body());
        }
        double[] revenue = revenue();
        StringBuilder batch = new StringBuilder("{\"batch\":[");
        for (int t = -1; t < WEEKS; t++) {
            for (int k = 0; k < ORDERS_PER_WEEK; k++) {
                String at = FIRST_WEEK.plusWeeks(t).plusDays(k).atTime(12, 0).toInstant(ZoneOffset.UTC).toString();
                if (t > -1 || k > 0) {
                    batch.append(',');
                }
                batch.append(String.format(Locale.ROOT, """
                        {"type":"track","userId":"mix-buyer-%d","event":"Order Completed","messageId":"mix-order-%d-%d",
                         "timestamp":"%s","properties":{"order_id":"mix-%d-%d","revenue":%.2f}}""", (t + 5) % 5, t, k,
                        at, t, k, revenue[Math.max(0, t)] / ORDERS_PER_WEEK));
            }
        }
        batch.append("]}");
        client.sendOk("/v1/batch", batch.toString());
    }

    /** Starts a fit with a small bootstrap and waits until it has finished; returns it. */
    public static JsonNode fit(ServerClient client) {
        load(client);
        ServerClient.Response started = client.admin("POST", "/api/v1/mix/fits", """
                {"outcome":"revenue","bootstrap":6,"holidays":false,"seed":3}""");
        if (started.status() != 202) {
            throw new AssertionError("fit answered " + started.status() + ": " + started.body());
        }
        long id = started.json().path("id").asLong();
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode fit = client.get("/api/v1/mix/fits/" + id).json();
            String status = fit.path("fit").isObject() ? fit.path("fit").path("status").asString()
                    : fit.path("status").asString();
            if (status.equals("done")) {
                return fit;
            }
            if (status.equals("failed")) {
                throw new AssertionError("fit " + id + " failed: " + fit);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("fit " + id + " did not finish within 3 minutes");
    }
}
