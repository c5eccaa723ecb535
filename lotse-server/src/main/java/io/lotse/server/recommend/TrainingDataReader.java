package io.lotse.server.recommend;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reads orders and product views from the event log, streaming, and attributes orders to profiles through the
 * identity graph. Events whose identifiers no profile holds yet (not folded yet) count under their user or
 * anonymous id.
 *
 * <p>Reads Segment's e-commerce events: {@code Order Completed} with {@code properties.products[]} (each with
 * {@code product_id} or {@code sku}, {@code name}, {@code category}, {@code price}), {@code Product Viewed} and
 * {@code Product Added} with the product in {@code properties}.
 */
@Component
class TrainingDataReader {

    private static final String ORDERS = """
            SELECT coalesce(iu.profile_id, ia.profile_id), e.user_id, e.anonymous_id, e.message_id, e.occurred_at,
                   coalesce(p->>'product_id', p->>'sku'), p->>'name', p->>'category', p->>'price'
            FROM events e
            CROSS JOIN LATERAL jsonb_array_elements(CASE WHEN jsonb_typeof(e.payload->'properties'->'products')
                = 'array' THEN e.payload->'properties'->'products' ELSE '[]'::jsonb END) p
            LEFT JOIN identities iu ON iu.type = 'user_id' AND iu.value = e.user_id
            LEFT JOIN identities ia ON ia.type = 'anonymous_id' AND ia.value = e.anonymous_id
            WHERE e.type = 'track' AND e.event = 'Order Completed' AND e.occurred_at >= ? AND e.seq <= ?""";

    private static final String VIEWS = """
            SELECT coalesce(e.anonymous_id, e.user_id) AS visitor, e.occurred_at,
                   coalesce(e.payload->'properties'->>'product_id', e.payload->'properties'->>'sku'),
                   e.payload->'properties'->>'name', e.payload->'properties'->>'category',
                   e.payload->'properties'->>'price'
            FROM events e
            WHERE e.type = 'track' AND e.event IN ('Product Viewed', 'Product Added')
              AND e.occurred_at >= ? AND e.seq <= ?
            ORDER BY visitor, e.occurred_at, e.seq""";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate readOnly;
    private final RecommendSettings settings;

    TrainingDataReader(DataSource dataSource, PlatformTransactionManager transactions, RecommendSettings settings) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.jdbc.setFetchSize(10_000);
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
        this.settings = settings;
    }

    TrainingData read(Instant now) {
        return Objects.requireNonNull(readOnly.execute(status -> {
            long head = jdbc.queryForObject("SELECT coalesce(max(seq), 0) FROM events", Long.class);
            Instant purchasesFrom = now.minus(Duration.ofDays(settings.purchaseDays()));
            Instant sessionsFrom = now.minus(Duration.ofDays(settings.sessionDays()));
            ProductCatalogue.Builder catalogue = ProductCatalogue.builder();
            List<TrainingData.Purchase> purchases = new ArrayList<>();
            jdbc.query(ORDERS, rs -> {
                String product = rs.getString(6);
                if (product == null || product.isBlank()) {
                    return;
                }
                product = product.trim();
                long profile = rs.getLong(1);
                String person = !rs.wasNull() ? "p:" + profile
                        : rs.getString(2) != null ? "u:" + rs.getString(2) : "a:" + rs.getString(3);
                purchases.add(new TrainingData.Purchase(person, rs.getString(4), product,
                        rs.getTimestamp(5).toInstant()));
                catalogue.see(product, rs.getString(7), rs.getString(8), price(rs, 9));
            }, Timestamp.from(purchasesFrom), head);
            List<TrainingData.ViewSession> sessions = new ArrayList<>();
            SessionCutter cutter = new SessionCutter(sessions, settings.sessionTimeout());
            jdbc.query(VIEWS, rs -> {
                String product = rs.getString(3);
                if (product == null || product.isBlank()) {
                    return;
                }
                product = product.trim();
                catalogue.see(product, rs.getString(4), rs.getString(5), price(rs, 6));
                cutter.view(rs.getString(1), rs.getTimestamp(2).toInstant(), product);
            }, Timestamp.from(sessionsFrom), head);
            cutter.finish();
            sessions.sort(Comparator.comparing(TrainingData.ViewSession::endedAt));
            return new TrainingData(purchases, sessions, catalogue, purchasesFrom, now, head);
        }));
    }

    private static @Nullable Double price(ResultSet rs, int column) throws SQLException {
        String text = rs.getString(column);
        if (text == null) {
            return null;
        }
        try {
            return Double.valueOf(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Splits one visitor's views, in time order, into sessions at gaps longer than the timeout. */
    private static final class SessionCutter {

        private final List<TrainingData.ViewSession> sessions;
        private final Duration timeout;
        private @Nullable String visitor;
        private @Nullable Instant last;
        private List<String> current = new ArrayList<>();

        SessionCutter(List<TrainingData.ViewSession> sessions, Duration timeout) {
            this.sessions = sessions;
            this.timeout = timeout;
        }

        void view(String visitor, Instant at, String product) {
            if (!visitor.equals(this.visitor) || last == null || Duration.between(last, at).compareTo(timeout) > 0) {
                finish();
                this.visitor = visitor;
            }
            current.add(product);
            last = at;
        }

        void finish() {
            if (current.size() >= 2 && last != null) {
                sessions.add(new TrainingData.ViewSession(last, List.copyOf(current)));
            }
            current = new ArrayList<>();
            last = null;
        }
    }
}
