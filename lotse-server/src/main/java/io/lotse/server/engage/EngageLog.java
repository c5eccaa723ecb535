package io.lotse.server.engage;

import io.lotse.server.collect.EventsAppended;
import io.lotse.server.platform.BackgroundLoop;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Engage's reader of the event log: it follows the log behind the profile projection (so every event's identities
 * are already resolved to a profile) and hands each event, with its profile, to the {@link LoggedEventHandler}s:
 * conversion attribution, journey triggers, lead points. Handling and the new position commit together, so each
 * event is handled once, also across restarts.
 */
@Component
class EngageLog implements SmartLifecycle {

    static final String CONSUMER = "engage";
    private static final int BATCH = 2_000;
    private static final Duration GATHER = Duration.ofMillis(250);
    private static final Logger log = LoggerFactory.getLogger(EngageLog.class);

    /** A track event of the log with the profile it belongs to. */
    record Event(long seq, String type, @Nullable String event, @Nullable Long profileId, Instant timestamp,
                 String properties) {

        /** The order revenue of an {@code Order Completed} event: {@code revenue}, else {@code total}, else 0. */
        BigDecimal revenue(tools.jackson.databind.json.JsonMapper json) {
            var node = json.readTree(properties);
            var value = node.has("revenue") ? node.get("revenue") : node.get("total");
            return value != null && value.isNumber() ? value.decimalValue() : BigDecimal.ZERO;
        }
    }

    /** Something done for certain track events of the log, inside the transaction that advances the position. */
    interface LoggedEventHandler {

        /**
         * The names of the track events this handler acts on, asked once per round. Only these are read from the log
         * (with their profile), so events no handler cares about cost the log nothing beyond their position.
         */
        Set<String> trackedEvents();

        /** Acts on the round's events whose name is among {@link #trackedEvents()}, in log order. */
        void handle(List<Event> events);
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final List<LoggedEventHandler> handlers;
    private final BackgroundLoop loop;

    EngageLog(JdbcClient jdbc, TransactionTemplate transactions, List<LoggedEventHandler> handlers) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.handlers = handlers;
        // Once caught up, let events gather before the next round, since a round costs a transaction and a
        // position update however little it reads, and nothing engage does needs a faster reaction.
        this.loop = BackgroundLoop.named("lotse-engage-log", () -> round() >= BATCH)
                .gatheringFor(GATHER)
                .waitingWhenIdle(Duration.ofMillis(500))
                .pausingAfterFailure(Duration.ofSeconds(5), e -> log.error(
                        "Engage could not handle the next events of the log; trying again in 5 s", e))
                .interruptingOnStop()
                .stoppingWithin(Duration.ofSeconds(10))
                .build();
    }

    @EventListener
    void on(EventsAppended appended) {
        loop.wakeUp();
    }

    /** Handles the next events up to the profiles' position; returns how many. */
    int round() {
        Integer count = transactions.execute(status -> {
            long position = jdbc.sql("SELECT position FROM log_consumers WHERE name = ? FOR UPDATE").param(CONSUMER)
                    .query(Long.class).single();
            long profiles = jdbc.sql("SELECT position FROM log_consumers WHERE name = 'profiles'")
                    .query(Long.class).single();
            if (profiles <= position) {
                return 0;
            }
            Set<String> names = new HashSet<>();
            handlers.forEach(handler -> names.addAll(handler.trackedEvents()));
            List<Event> events = new ArrayList<>();
            jdbc.sql("""
                    SELECT e.seq, e.type, e.event,
                           coalesce((SELECT profile_id FROM identities WHERE type = 'user_id' AND value = e.user_id),
                                    (SELECT profile_id FROM identities WHERE type = 'anonymous_id' AND value = e.anonymous_id)),
                           e.occurred_at, coalesce(e.payload->'properties', '{}')::text
                    FROM events e WHERE e.seq > ? AND e.seq <= ? AND e.type = 'track' AND e.event = ANY(?)
                    ORDER BY e.seq LIMIT ?""")
                    .params(position, profiles, names.toArray(String[]::new), BATCH)
                    .query((rs, n) -> {
                        long profile = rs.getLong(4);
                        events.add(new Event(rs.getLong(1), rs.getString(2), rs.getString(3),
                                rs.wasNull() ? null : profile, rs.getTimestamp(5).toInstant(), rs.getString(6)));
                        return null;
                    }).list();
            long newPosition = events.size() == BATCH ? events.get(events.size() - 1).seq() : profiles;
            for (LoggedEventHandler handler : handlers) {
                handler.handle(events);
            }
            jdbc.sql("UPDATE log_consumers SET position = ? WHERE name = ?").params(newPosition, CONSUMER).update();
            return events.size();
        });
        return count == null ? 0 : count;
    }

    @Override
    public void start() {
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
