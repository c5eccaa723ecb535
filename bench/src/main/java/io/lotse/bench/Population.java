package io.lotse.bench;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * A synthetic customer base written straight into the server's database with {@code COPY}: profiles with traits
 * (country, email, name), an email consent, activity figures, a user id, scores, and per-day counts of
 * {@code Order Completed} and {@code Product Viewed} (with category) over the last year. Deterministic for a seed.
 *
 * <p>Shares: 40% of the profiles live in Germany, 60% granted email consent (15% refused, the rest never
 * answered), churn risk is uniform from 0 to 100, 40% never ordered and the others ordered 1 to 8 times on days
 * spread over the year.
 */
final class Population {

    private static final String[] COUNTRIES = {"DE", "DE", "DE", "DE", "AT", "CH", "FR", "FR", "NL", "GB"};
    private static final String[] FIRST_NAMES = {"Anna", "Ben", "Clara", "David", "Emma", "Felix", "Greta", "Jonas"};
    private static final String[] LAST_NAMES = {"Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer"};
    private static final String[] CATEGORIES = {"Shoes", "Jackets", "Shirts", "Trousers", "Bags", "Knitwear"};
    private static final String[] RFM = {"CHAMPIONS", "LOYAL", "POTENTIAL_LOYALISTS", "NEW", "PROMISING",
        "NEED_ATTENTION", "ABOUT_TO_SLEEP", "AT_RISK", "CANT_LOSE_THEM", "HIBERNATING"};
    private static final int CHUNK = 50_000;

    private final long seed;
    private final int size;
    private final Instant now;
    private final LocalDate today;

    Population(long seed, int size, Instant now) {
        this.seed = seed;
        this.size = size;
        this.now = now.truncatedTo(ChronoUnit.SECONDS);
        this.today = LocalDate.ofInstant(now, ZoneOffset.UTC);
    }

    /** User id of profile {@code id}, which tracking events use to reach it. */
    static String userId(long id) {
        return "bench-" + id;
    }

    /** Copies every table and makes the statistics and visibility map current; returns the rows written. */
    long load(Connection connection) throws SQLException, IOException {
        connection.setAutoCommit(true);
        CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
        SplittableRandom random = new SplittableRandom(seed);
        StringBuilder profiles = new StringBuilder();
        StringBuilder identities = new StringBuilder();
        StringBuilder scores = new StringBuilder();
        StringBuilder days = new StringBuilder();
        long rows = 0;
        for (int id = 1; id <= size; id++) {
            rows += person(random, id, profiles, identities, scores, days);
            if (id % CHUNK == 0 || id == size) {
                copy.copyIn("COPY profiles (id, created_at, updated_at, first_seen, last_seen, event_count,"
                        + " session_count, order_count, revenue, traits, consents) FROM STDIN", reader(profiles));
                copy.copyIn("COPY identities (type, value, profile_id, origin_profile_id, first_seen, seq) FROM STDIN",
                        reader(identities));
                copy.copyIn("COPY profile_scores (profile_id, scored_at, model_id, rfm_recency, rfm_frequency,"
                        + " rfm_monetary, rfm_segment, p_alive, expected_purchases_90d, clv_12m, clv_percentile,"
                        + " churn_risk, propensity_30d) FROM STDIN", reader(scores));
                copy.copyIn("COPY profile_event_days (profile_id, day, event, category, count) FROM STDIN",
                        reader(days));
            }
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("SELECT setval('profile_ids', " + (size + 1) + ")");
            statement.execute("VACUUM (ANALYZE) profiles, identities, profile_scores, profile_event_days");
        }
        return rows;
    }

    private static StringReader reader(StringBuilder rows) {
        StringReader reader = new StringReader(rows.toString());
        rows.setLength(0);
        return reader;
    }

    private int person(SplittableRandom random, int id, StringBuilder profiles, StringBuilder identities,
                       StringBuilder scores, StringBuilder days) {
        String country = COUNTRIES[random.nextInt(COUNTRIES.length)];
        String first = FIRST_NAMES[random.nextInt(FIRST_NAMES.length)];
        String last = LAST_NAMES[random.nextInt(LAST_NAMES.length)];
        int consent = random.nextInt(100);
        String consents = consent < 60 ? consent("true") : consent < 75 ? consent("false") : "{}";
        int orders = random.nextInt(100) < 40 ? 0 : 1 + random.nextInt(8);
        TreeMap<LocalDate, Integer> orderDays = new TreeMap<>();
        for (int i = 0; i < orders; i++) {
            orderDays.merge(today.minusDays(random.nextInt(365)), 1, Integer::sum);
        }
        TreeMap<String, Integer> viewDays = new TreeMap<>();
        int viewingDays = random.nextInt(6);
        for (int i = 0; i < viewingDays; i++) {
            viewDays.merge(today.minusDays(random.nextInt(365)) + "\t" + CATEGORIES[random.nextInt(CATEGORIES.length)],
                    1 + random.nextInt(5), Integer::sum);
        }
        int views = viewDays.values().stream().mapToInt(Integer::intValue).sum();
        Instant firstSeen = now.minus(365 + random.nextInt(365), ChronoUnit.DAYS);
        Instant lastSeen = now.minus(random.nextInt(365), ChronoUnit.DAYS).minusSeconds(random.nextInt(86_400));
        double revenue = orders * (20 + random.nextInt(180));
        profiles.append(id).append('\t').append(firstSeen).append('\t').append(now).append('\t').append(firstSeen)
                .append('\t').append(lastSeen).append('\t').append(orders + views + 3).append('\t')
                .append(1 + orders + viewingDays).append('\t').append(orders).append('\t')
                .append(String.format(Locale.ROOT, "%.2f", revenue)).append('\t')
                .append("{\"name\": \"").append(first).append(' ').append(last).append("\", \"email\": \"p")
                .append(id).append("@example.com\", \"country\": \"").append(country).append("\"}\t")
                .append(consents).append('\n');
        identities.append("user_id\t").append(userId(id)).append('\t').append(id).append('\t').append(id)
                .append('\t').append(firstSeen).append("\t0\n");
        int churn = random.nextInt(101);
        scores.append(id).append('\t').append(now).append("\t1\t").append(1 + random.nextInt(5)).append('\t')
                .append(1 + random.nextInt(5)).append('\t').append(1 + random.nextInt(5)).append('\t')
                .append(RFM[random.nextInt(RFM.length)]).append('\t')
                .append(String.format(Locale.ROOT, "%.4f\t%.4f\t%.2f\t%.2f\t", random.nextDouble(),
                        random.nextDouble() * 3, revenue * random.nextDouble() * 2, random.nextDouble() * 100))
                .append(churn).append('\t').append(String.format(Locale.ROOT, "%.4f", random.nextDouble()))
                .append('\n');
        orderDays.forEach((day, count) -> days.append(id).append('\t').append(day).append("\tOrder Completed\t\t")
                .append(count).append('\n'));
        viewDays.forEach((dayAndCategory, count) -> {
            String[] parts = dayAndCategory.split("\t");
            days.append(id).append('\t').append(parts[0]).append("\tProduct Viewed\t").append(parts[1]).append('\t')
                    .append(count).append('\n');
        });
        return 3 + orderDays.size() + viewDays.size();
    }

    private String consent(String granted) {
        return "{\"email\": {\"at\": \"" + now + "\", \"granted\": " + granted + ", \"messageId\": \"bench\"}}";
    }
}
