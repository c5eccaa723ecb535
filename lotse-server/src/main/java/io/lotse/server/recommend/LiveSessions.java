package io.lotse.server.recommend;

import io.lotse.server.collect.ConsentSignals;
import io.lotse.server.collect.EventsAppended;
import io.lotse.server.platform.BackgroundLoop;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Live session state: follows the tail of the event log (woken by {@link EventsAppended}, else every
 * {@code lotse.recommend.poll-interval}) and keeps, per user id and per anonymous id, the current visit's product
 * views, its orders and the latest consent choice about personalisation. A tracked view reaches the
 * recommendations within a poll, well under a second.
 *
 * <p>Only events of the last session timeout count: a shop's history loaded in bulk does not fill memory with
 * visits long over. On start the log of the last session timeout (by receipt) is read again, so a restart keeps
 * the visits in progress.
 */
@Component
class LiveSessions implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LiveSessions.class);
    private static final int BATCH = 5_000;
    private static final Duration GATHER = Duration.ofMillis(100);
    private static final Duration EVICTION = Duration.ofSeconds(30);

    private static final String TAIL = """
            SELECT seq, user_id, anonymous_id, occurred_at,
                   CASE WHEN type = 'track' AND event IN ('Product Viewed', 'Product Added')
                        THEN coalesce(payload->'properties'->>'product_id', payload->'properties'->>'sku') END,
                   CASE WHEN type = 'track' AND event = 'Order Completed'
                        THEN (payload->'properties'->'products')::text END,
                   (payload->'context'->'consent'->'categoryPreferences')::text,
                   (payload->'context'->'traits'->'consent')::text,
                   (payload->'traits'->'consent')::text
            FROM events WHERE seq > ? AND seq <= ? AND occurred_at >= ?
              AND (type = 'track' AND event IN ('Product Viewed', 'Product Added', 'Order Completed')
                   OR payload->'context'->'consent'->'categoryPreferences' IS NOT NULL
                   OR payload->'context'->'traits'->'consent' IS NOT NULL
                   OR payload->'traits'->'consent' IS NOT NULL)
            ORDER BY seq""";

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final RecommendSettings settings;
    private final Map<String, LiveSession> sessions = new ConcurrentHashMap<>();
    private final BackgroundLoop loop;
    private volatile long position;
    /** When expired visits were last removed, by {@link System#nanoTime()}; the loop's thread only. */
    private long lastEviction;

    LiveSessions(JdbcClient jdbc, JsonMapper json, RecommendSettings settings) {
        this.jdbc = jdbc;
        this.json = json;
        this.settings = settings;
        // Once caught up, under a stream of appends every commit would wake a poll of a few rows; a short pause
        // lets them gather, well within the second a view may take to count.
        this.loop = BackgroundLoop.named("recommend-live-sessions", this::round)
                .gatheringFor(GATHER)
                .waitingWhenIdle(settings.pollInterval())
                .pausingAfterFailure(Duration.ofSeconds(1),
                        e -> log.warn("Following the event log for live sessions failed; retrying", e))
                .stoppingWithin(Duration.ofSeconds(10))
                .build();
    }

    @EventListener
    void on(EventsAppended appended) {
        loop.wakeUp();
    }

    /** The session keys of a user id and an anonymous id. */
    static String userKey(String userId) {
        return "u:" + userId;
    }

    static String anonymousKey(String anonymousId) {
        return "a:" + anonymousId;
    }

    /** The latest product views of the visits under the given keys, oldest first, at most the session length. */
    List<LiveSession.Seen> views(List<String> keys) {
        List<LiveSession.Seen> all = new ArrayList<>();
        Instant now = Instant.now();
        for (LiveSession session : live(keys, now)) {
            all.addAll(session.views());
        }
        all.sort(Comparator.comparing(LiveSession.Seen::at));
        List<LiveSession.Seen> distinctInOrder = all.stream().distinct().toList();
        int from = Math.max(0, distinctInOrder.size() - settings.sessionLength());
        return distinctInOrder.subList(from, distinctInOrder.size());
    }

    /** Products bought in the visits under the given keys. */
    List<LiveSession.Seen> purchases(List<String> keys) {
        List<LiveSession.Seen> all = new ArrayList<>();
        for (LiveSession session : live(keys, Instant.now())) {
            all.addAll(session.purchases());
        }
        return all;
    }

    /** The latest personalisation choice made in the visits under the given keys. */
    LiveSession.@Nullable Choice consent(List<String> keys) {
        LiveSession.Choice latest = null;
        for (String key : keys) {
            LiveSession session = sessions.get(key);
            LiveSession.Choice choice = session == null ? null : session.consent();
            if (choice != null && (latest == null || choice.at().isAfter(latest.at()))) {
                latest = choice;
            }
        }
        return latest;
    }

    private List<LiveSession> live(List<String> keys, Instant now) {
        List<LiveSession> live = new ArrayList<>(keys.size());
        for (String key : keys) {
            LiveSession session = sessions.get(key);
            if (session != null && !session.expired(now)) {
                live.add(session);
            }
        }
        return live;
    }

    /** How many ids have a visit in memory. */
    int size() {
        return sessions.size();
    }

    /**
     * Reads and applies the next events after the current position (at most {@value #BATCH} log positions);
     * returns how many positions were passed. Events older than the session timeout are skipped in the query.
     */
    int poll() {
        Instant now = Instant.now();
        long from = position;
        long head = jdbc.sql("SELECT coalesce(max(seq), 0) FROM events").query(Long.class).single();
        if (head <= from) {
            return 0;
        }
        long to = Math.min(head, from + BATCH);
        List<Row> rows = jdbc.sql(TAIL)
                .params(from, to, java.sql.Timestamp.from(now.minus(settings.sessionTimeout())))
                .query((rs, n) -> new Row(rs.getLong(1), rs.getString(2), rs.getString(3),
                        rs.getTimestamp(4).toInstant(), rs.getString(5), rs.getString(6), rs.getString(7),
                        rs.getString(8), rs.getString(9))).list();
        for (Row row : rows) {
            apply(row, now);
        }
        position = to;
        return (int) (to - from);
    }

    private record Row(long seq, @Nullable String userId, @Nullable String anonymousId, Instant at,
                       @Nullable String viewed, @Nullable String products, @Nullable String categoryPreferences,
                       @Nullable String contextConsent, @Nullable String traitsConsent) {}

    private void apply(Row row, Instant now) {
        List<String> keys = new ArrayList<>(2);
        if (row.userId() != null) {
            keys.add(userKey(row.userId()));
        }
        if (row.anonymousId() != null) {
            keys.add(anonymousKey(row.anonymousId()));
        }
        Boolean choice = consentChoice(row);
        List<String> bought = row.products() == null ? List.of() : productIds(row.products());
        if (row.viewed() == null && choice == null && bought.isEmpty()) {
            return;
        }
        for (String key : keys) {
            LiveSession session = sessions.compute(key, (k, existing) -> existing == null || existing.expired(now)
                    ? new LiveSession(settings.sessionLength(), settings.sessionTimeout(), row.at()) : existing);
            if (row.viewed() != null && !row.viewed().isBlank()) {
                session.viewed(row.viewed().trim(), row.at());
            }
            if (!bought.isEmpty()) {
                session.bought(bought, row.at());
            }
            if (choice != null) {
                session.consent(choice, row.at());
            }
        }
    }

    /** The event's choice about personalisation, null when it says nothing about it. */
    private @Nullable Boolean consentChoice(Row row) {
        if (row.categoryPreferences() == null && row.contextConsent() == null && row.traitsConsent() == null) {
            return null;
        }
        ObjectNode message = json.createObjectNode();
        ObjectNode context = message.putObject("context");
        put(context.putObject("consent"), "categoryPreferences", row.categoryPreferences());
        put(context.putObject("traits"), "consent", row.contextConsent());
        put(message.putObject("traits"), "consent", row.traitsConsent());
        Map<String, Boolean> choices = ConsentSignals.of(message);
        Boolean granted = null;
        for (String purpose : settings.consentPurposes()) {
            Boolean choice = choices.get(purpose);
            if (choice != null) {
                granted = choice;
            }
        }
        return granted;
    }

    private void put(ObjectNode node, String field, @Nullable String text) {
        if (text != null && !text.equals("null")) {
            node.set(field, json.readTree(text));
        }
    }

    private List<String> productIds(String productsJson) {
        JsonNode products = json.readTree(productsJson);
        List<String> ids = new ArrayList<>();
        if (products.isArray()) {
            for (JsonNode product : products) {
                JsonNode id = product.hasNonNull("product_id") ? product.get("product_id") : product.get("sku");
                if (id != null && (id.isString() || id.isNumber())) {
                    ids.add(id.asString().trim());
                }
            }
        }
        return ids;
    }

    private void evict() {
        Instant now = Instant.now();
        sessions.entrySet().removeIf(entry -> entry.getValue().expired(now));
    }

    /** Polls the log and now and then forgets expired visits; returns whether a whole batch was read. */
    private boolean round() {
        int read = poll();
        if (System.nanoTime() - lastEviction > EVICTION.toNanos()) {
            evict();
            lastEviction = System.nanoTime();
        }
        return read >= BATCH;
    }

    @Override
    public void start() {
        position = jdbc.sql("""
                        SELECT coalesce((SELECT min(seq) - 1 FROM events WHERE received_at >= ?),
                                        (SELECT coalesce(max(seq), 0) FROM events))""")
                .param(java.sql.Timestamp.from(Instant.now().minus(settings.sessionTimeout())))
                .query(Long.class).single();
        lastEviction = System.nanoTime();
        loop.start();
    }

    @Override
    public void stop() {
        loop.stop();
    }

    @Override
    public boolean isRunning() {
        return loop.isRunning();
    }
}
