package io.lotse.server.engage;

import io.lotse.server.collect.EventLog;
import io.lotse.server.collect.EventsAppended;
import io.lotse.server.collect.TrackedEvent;
import io.lotse.server.platform.BackgroundLoop;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
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
    private static final int BATCH = 5_000;
    private static final int SKIP_AFTER_FAILURES = 3;
    private static final Duration GATHER = Duration.ofMillis(250);
    /** How far the profiles may fall behind the log before engage leaves them the machine: a second of busy stream. */
    static final long PROFILES_BEHIND_LIMIT = 20_000;
    /** The longest engage waits for the profiles to catch up, so that it cannot starve under a lasting overload. */
    static final Duration LONGEST_YIELD = Duration.ofSeconds(10);
    private static final Logger log = LoggerFactory.getLogger(EngageLog.class);

    private static final BigDecimal IMPLAUSIBLE_AMOUNT = BigDecimal.TEN.pow(12);

    /** A track event of the log with the profile it belongs to. */
    record Event(long seq, String type, @Nullable String event, @Nullable Long profileId, Instant timestamp,
                 String properties) {

        /**
         * The order revenue of an {@code Order Completed} event: {@code revenue}, else {@code total}, else 0; an
         * implausible amount (10¹² or more either way) counts as 0, as in the profile figures, so that one bad
         * event cannot stop the conversions of everyone after it.
         */
        BigDecimal revenue(tools.jackson.databind.json.JsonMapper json) {
            var node = json.readTree(properties);
            var value = node.has("revenue") ? node.get("revenue") : node.get("total");
            if (value == null || !value.isNumber()) {
                return BigDecimal.ZERO;
            }
            BigDecimal amount = value.decimalValue();
            return amount.abs().compareTo(IMPLAUSIBLE_AMOUNT) >= 0 ? BigDecimal.ZERO : amount;
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
    private final EventLog eventLog;
    private final TransactionTemplate transactions;
    private final List<LoggedEventHandler> handlers;
    private final BackgroundLoop loop;
    /**
     * How many log positions the next round covers: fewer after a failure, to find the event that fails. Loop
     * thread only.
     */
    private int limit = BATCH;
    /** Whether the last round stopped short of the profiles' position. Loop thread only. */
    private boolean moreWaiting;
    /** Since when ({@link System#nanoTime()}) engage has been waiting for the profiles to catch up, or -1. */
    private long yieldingSince = -1;
    /** Failed rounds in a row of a single event. Loop thread only. */
    private int failuresOfOne;
    /** The position of the first event the current round read, or -1. Loop thread only. */
    private long firstOfRound = -1;

    EngageLog(JdbcClient jdbc, EventLog eventLog, TransactionTemplate transactions, List<LoggedEventHandler> handlers,
              @Value("${lotse.engage.log-retry-pause:5s}") Duration retryPause) {
        this.jdbc = jdbc;
        this.eventLog = eventLog;
        this.transactions = transactions;
        this.handlers = handlers;
        // Once caught up, let events gather before the next round, since a round costs a transaction and a
        // position update however little it reads, and nothing engage does needs a faster reaction.
        this.loop = BackgroundLoop.named("lotse-engage-log", this::roundLeftMore)
                .gatheringFor(GATHER)
                .waitingWhenIdle(Duration.ofMillis(500))
                .pausingAfterFailure(retryPause, this::roundFailed)
                .interruptingOnStop()
                .stoppingWithin(Duration.ofSeconds(10))
                .build();
    }

    @EventListener
    void on(EventsAppended appended) {
        loop.wakeUp();
    }

    /**
     * Runs a round unless the profiles are far behind the log; returns whether more events wait behind it. Profiles
     * and segment memberships are what people wait for, while nothing engage does needs a reaction within seconds,
     * so when the projection falls behind, engage leaves it the CPU for up to {@link #LONGEST_YIELD} at a time.
     */
    private boolean roundLeftMore() {
        long profiles = profilesPosition();
        long now = System.nanoTime();
        if (yields(eventLog.head() - profiles, yieldingSince < 0 ? Duration.ZERO
                : Duration.ofNanos(now - yieldingSince))) {
            if (yieldingSince < 0) {
                yieldingSince = now;
            }
            return false;
        }
        yieldingSince = -1;
        round(profiles);
        return moreWaiting;
    }

    /** How far the profile projection has applied the log; engage never reads past it. */
    private long profilesPosition() {
        return jdbc.sql("SELECT position FROM log_consumers WHERE name = 'profiles'").query(Long.class).single();
    }

    /** Whether engage waits, with the profiles this many log positions behind and engage waiting for so long. */
    static boolean yields(long profilesBehind, Duration waitingFor) {
        return profilesBehind > PROFILES_BEHIND_LIMIT && waitingFor.compareTo(LONGEST_YIELD) < 0;
    }

    /**
     * Handles the events of the next log positions, at most {@link #BATCH} of them and only up to the profiles'
     * position as read just before (it only grows).
     *
     * <p>A round covers a window of positions rather than a number of matching events: reading "the next n
     * matching events" lets the database scan an unbounded stretch of the log whenever its statistics are stale
     * (as they are on a young table), while a window bounds every round's work whatever the plan.
     */
    private void round(long profiles) {
        firstOfRound = -1;
        moreWaiting = false;
        int window = limit;
        transactions.executeWithoutResult(status -> {
            long position = jdbc.sql("SELECT position FROM log_consumers WHERE name = ? FOR UPDATE").param(CONSUMER)
                    .query(Long.class).single();
            if (profiles <= position) {
                return;
            }
            long upTo = Math.min(profiles, position + window);
            moreWaiting = upTo < profiles;
            Set<String> names = new HashSet<>();
            handlers.forEach(handler -> names.addAll(handler.trackedEvents()));
            List<TrackedEvent> rows = eventLog.trackEventsBetween(position, upTo, names);
            // One lookup for the round's distinct ids: a person's events come in runs, and a lookup per event
            // cost the database as much as appending the event in the first place.
            Map<String, Long> owners = owners(
                    rows.stream().map(TrackedEvent::userId).filter(Objects::nonNull).toList(),
                    rows.stream().map(TrackedEvent::anonymousId).filter(Objects::nonNull).toList());
            List<Event> events = new ArrayList<>(rows.size());
            for (TrackedEvent row : rows) {
                Long profile = row.userId() == null ? null : owners.get(userKey(row.userId()));
                if (profile == null && row.anonymousId() != null) {
                    profile = owners.get(anonymousKey(row.anonymousId()));
                }
                events.add(new Event(row.seq(), "track", row.event(), profile, row.timestamp(), row.properties()));
            }
            firstOfRound = rows.isEmpty() ? -1 : rows.get(0).seq();
            for (LoggedEventHandler handler : handlers) {
                handler.handle(events);
            }
            jdbc.sql("UPDATE log_consumers SET position = ? WHERE name = ?").params(upTo, CONSUMER).update();
        });
        limit = BATCH;
        failuresOfOne = 0;
    }

    /**
     * After a failed round the next ones cover a tenth as many positions, down to one; an event that then fails three
     * times on its own is skipped (logged with its position), so that one bad event cannot hold up everything after
     * it, as in the profile projection.
     */
    private void roundFailed(RuntimeException failure) {
        if (limit > 1) {
            limit = Math.max(1, limit / 10);
            log.error("Engage could not handle the next events of the log; trying again with {} positions at a time",
                    limit, failure);
            return;
        }
        long failing = firstOfRound;
        if (++failuresOfOne < SKIP_AFTER_FAILURES || failing < 0) {
            log.error("Engage could not handle event {} of the log; trying again", failing, failure);
            return;
        }
        jdbc.sql("UPDATE log_consumers SET position = ? WHERE name = ? AND position < ?")
                .params(failing, CONSUMER, failing).update();
        log.error("Engage skipped event {} of the log after it failed {} times on its own", failing,
                SKIP_AFTER_FAILURES, failure);
        failuresOfOne = 0;
        limit = BATCH;
    }

    /** The live profile of each of these user and anonymous ids that has one, by {@link #userKey}/{@link #anonymousKey}.
     */
    private Map<String, Long> owners(List<String> userIds, List<String> anonymousIds) {
        Map<String, Long> owners = new HashMap<>();
        if (userIds.isEmpty() && anonymousIds.isEmpty()) {
            return owners;
        }
        jdbc.sql("""
                SELECT type, value, profile_id FROM identities
                WHERE type = 'user_id' AND value = ANY(?) OR type = 'anonymous_id' AND value = ANY(?)""")
                .params(userIds.stream().distinct().toArray(String[]::new),
                        anonymousIds.stream().distinct().toArray(String[]::new))
                .query(rs -> {
                    String value = rs.getString(2);
                    owners.put(rs.getString(1).equals("user_id") ? userKey(value) : anonymousKey(value), rs.getLong(3));
                });
        return owners;
    }

    private static String userKey(String userId) {
        return "u:" + userId;
    }

    private static String anonymousKey(String anonymousId) {
        return "a:" + anonymousId;
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
