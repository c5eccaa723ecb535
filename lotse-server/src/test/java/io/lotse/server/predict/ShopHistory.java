package io.lotse.server.predict;

import io.lotse.server.LotseServerTest;
import io.lotse.server.ServerClient;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A small shop's history in 2001 and 2002, sent through the tracking API and the import API, with people whose
 * futures are obvious: Fiona buys every 15 days up to the last days of 2002, Larry bought every 4 days in the
 * first half of 2001 and then stopped, Olga bought once. Twelve regulars buy every 10 days through 2002, twenty
 * occasional buyers a few times in 2001, one customer's orders come from a CSV import, and twelve leads only
 * visit; six of them sign up in December 2002.
 *
 * <p>User and message ids are fixed, so sending the history again (a second test, a rerun on the kept test
 * database) stores nothing new and every training on its window sees the same data.
 */
final class ShopHistory {

    static final String PREFIX = "predict-shop-";
    static final String WINDOW = "{\"windowStart\":\"2001-01-01\",\"windowEnd\":\"2002-12-31\"}";
    static final String FIONA = PREFIX + "fiona";
    static final String LARRY = PREFIX + "larry";
    static final String OLGA = PREFIX + "olga";
    static final String IMPORTED = PREFIX + "imported";
    static final String REGULAR = PREFIX + "regular-";
    static final String LEAD = PREFIX + "lead-";
    static final int REGULARS = 12;
    static final int OCCASIONALS = 20;
    static final int LEADS = 12;

    private ShopHistory() {}

    /** Sends the history (once per test run is enough, again is harmless) and waits until profiles hold it. */
    static void send(ServerClient client, JdbcClient jdbc) {
        List<String> events = new ArrayList<>();
        LocalDate lastDay = LocalDate.of(2002, 12, 30);
        for (int k = 0; k < 45; k++) {
            events.add(order(FIONA, lastDay.minusDays(15L * k), 60, k));
        }
        for (int k = 0; k < 40; k++) {
            events.add(order(LARRY, LocalDate.of(2001, 1, 5).plusDays(4L * k), 60, k));
        }
        events.add(order(OLGA, LocalDate.of(2002, 6, 15), 80, 0));
        for (int i = 0; i < REGULARS; i++) {
            String user = REGULAR + i;
            int k = 0;
            for (LocalDate day = LocalDate.of(2002, 1, 1).plusDays(i); !day.isAfter(LocalDate.of(2002, 12, 29));
                 day = day.plusDays(10)) {
                events.add(order(user, day, 30 + 5 * i, k++));
            }
            events.add(track(user, "Email Delivered", LocalDate.of(2002, 11, 15), "{}", "delivered"));
            events.add(track(user, "Email Opened", LocalDate.of(2002, 11, 15), "{}", "opened"));
        }
        for (int i = 0; i < OCCASIONALS; i++) {
            String user = PREFIX + "occasional-" + i;
            LocalDate first = LocalDate.of(2001, 5, 1).plusDays(9L * i);
            for (int k = 0; k < 2 + i % 4; k++) {
                events.add(order(user, first.plusDays(60L * k), 40 + 3 * i, k));
            }
        }
        for (int i = 0; i < LEADS; i++) {
            String user = LEAD + i;
            events.add(page(user, LocalDate.of(2002, 11, 3 + i), "a"));
            events.add(page(user, LocalDate.of(2002, 11, 20 + i % 5), "b"));
            if (i < 6) {
                events.add(track(user, "Signed Up", LocalDate.of(2002, 12, 10 + i), "{\"method\":\"email\"}",
                        "signed-up"));
            }
        }
        for (int from = 0; from < events.size(); from += 300) {
            client.sendOk("/v1/batch", "{\"batch\":[" + String.join(",",
                    events.subList(from, Math.min(events.size(), from + 300))) + "]}");
        }
        ServerClient.Response imported = client.send(HttpRequest.newBuilder(URI.create(client.base()
                        + "/api/v1/imports?kind=orders&filename=predict-orders.csv"))
                .header("Authorization", "Bearer " + LotseServerTest.ADMIN_TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString("""
                        order_id,customer_id,date,total
                        predict-shop-o1,%1$s,2002-03-01,100.00
                        predict-shop-o2,%1$s,2002-07-01,120.00
                        predict-shop-o3,%1$s,2002-11-01,90.00
                        """.formatted(IMPORTED))).build());
        if (imported.status() != 200) {
            throw new AssertionError("the import answered " + imported.status() + ": " + imported.body());
        }
        awaitProfiles(jdbc);
    }

    /** Waits until the profile projection has folded every logged event. */
    static void awaitProfiles(JdbcClient jdbc) {
        ServerClient.eventually(() -> jdbc.sql("""
                        SELECT (SELECT position FROM log_consumers WHERE name = 'profiles')
                               >= (SELECT coalesce(max(seq), 0) FROM events)""")
                .query(Boolean.class).single() ? Boolean.TRUE : null);
    }

    /** An order whose value wavers around {@code base} from one order to the next. */
    private static String order(String user, LocalDate day, double base, int k) {
        double value = Math.round(base * (1 + 0.25 * Math.sin(1.7 * k + user.length())) * 100) / 100.0;
        return track(user, "Order Completed", day, String.format(Locale.ROOT,
                "{\"revenue\":%.2f,\"currency\":\"EUR\"}", value), "order-" + k);
    }

    private static String track(String user, String event, LocalDate day, String properties, String what) {
        return """
                {"type":"track","event":"%s","userId":"%s","messageId":"%s","timestamp":"%sT12:00:00Z",\
                "properties":%s}""".formatted(event, user, user + "-" + day + "-" + what, day, properties);
    }

    private static String page(String user, LocalDate day, String what) {
        return """
                {"type":"page","name":"Home","userId":"%s","messageId":"%s","timestamp":"%sT09:00:00Z"}"""
                .formatted(user, user + "-" + day + "-page-" + what, day);
    }
}
