package io.lotse.server.profile;

import io.lotse.server.collect.EventIdentifiers;
import io.lotse.server.collect.EventLog;
import io.lotse.server.collect.EventType;
import io.lotse.server.collect.EventsAppended;
import io.lotse.server.collect.LoggedEvent;
import io.lotse.engine.identity.Identifier;
import io.lotse.engine.identity.IdentityType;
import io.lotse.server.identity.IdentityResolution;
import io.lotse.server.identity.ProfileMerged;
import io.lotse.server.identity.ResolvedBatch;
import io.lotse.server.identity.Sighting;
import io.lotse.server.platform.BackgroundLoop;
import io.lotse.server.platform.LotseProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Builds profiles from the event log, asynchronously and in log order (so in order per person).
 *
 * <p>Each round reads the next events after its position, resolves their identities, folds them into the
 * profiles they belong to, and stores the profiles together with the new position in one transaction: a crash
 * at any moment replays at most the uncommitted round, and nothing is counted twice. The position row is
 * locked for the round, which also serialises the projection with unmerges and erasures.
 */
@Component
class ProfileProjection implements SmartLifecycle {

    static final String CONSUMER = "profiles";
    private static final Logger log = LoggerFactory.getLogger(ProfileProjection.class);

    private final EventLog eventLog;
    private final EventIdentifiers identifiers;
    private final IdentityResolution identities;
    private final ProfileStore store;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher publisher;
    private final int batchSize;
    private final AtomicLong backlog = new AtomicLong();
    private final Timer lag;
    private final Counter skipped;
    private final BackgroundLoop loop;
    /** How many events the next round reads, and how often one event failed in a row; the loop's thread only. */
    private int limit;
    private int failuresOfOne;

    ProfileProjection(EventLog eventLog, EventIdentifiers identifiers, IdentityResolution identities,
                      ProfileStore store, JdbcClient jdbc, TransactionTemplate transactions,
                      ApplicationEventPublisher publisher, LotseProperties properties, MeterRegistry meters) {
        this.eventLog = eventLog;
        this.identifiers = identifiers;
        this.identities = identities;
        this.store = store;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.publisher = publisher;
        this.batchSize = properties.ingest().profileBatchSize();
        this.lag = Timer.builder("lotse.profile.lag")
                .description("Time from receiving an event to its profile being updated")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(10))
                .register(meters);
        this.skipped = Counter.builder("lotse.profile.skipped")
                .description("Events that could not be folded into a profile").register(meters);
        Gauge.builder("lotse.profile.backlog", backlog, AtomicLong::get).baseUnit("events")
                .description("Logged events not yet applied to profiles").register(meters);
        this.loop = BackgroundLoop.named("profile-projection", this::nextRound)
                .waitingWhenIdle(Duration.ofMillis(250))
                .pausingAfterFailure(Duration.ofSeconds(1), this::roundFailed)
                .build();
    }

    @EventListener
    void on(EventsAppended appended) {
        loop.wakeUp();
    }

    /** Runs a round of the current size; returns whether it read a whole batch, so that more may be waiting. */
    private boolean nextRound() {
        int processed = round(limit);
        limit = batchSize;
        failuresOfOne = 0;
        return processed >= batchSize;
    }

    /**
     * A round that fails is retried with a tenth of the events, down to a single event; an event that still fails
     * three times is skipped (logged and counted), so that one bad event can never stop every profile from being
     * updated.
     */
    private void roundFailed(RuntimeException e) {
        log.error("Profile projection round of up to {} events failed", limit, e);
        if (limit > 1) {
            limit = Math.max(1, limit / 10);
        } else if (++failuresOfOne >= 3) {
            skipNextEvent();
            failuresOfOne = 0;
            limit = batchSize;
        }
    }

    /**
     * Applies up to {@code limit} next events and, once committed, announces the profiles they changed; returns
     * how many events were read.
     */
    private int round(int limit) {
        List<LoggedEvent> applied = new ArrayList<>();
        Set<Long> changed = new HashSet<>();
        Integer read = transactions.execute(status -> {
            long position = lockPosition();
            List<LoggedEvent> events = eventLog.readProfileFieldsAfter(position, limit);
            if (events.isEmpty()) {
                backlog.set(0);
                return 0;
            }
            long newPosition = events.get(events.size() - 1).seq();
            changed.addAll(apply(events, position, newPosition));
            jdbc.sql("UPDATE log_consumers SET position = ? WHERE name = ?").params(newPosition, CONSUMER).update();
            backlog.set(events.size() < limit ? 0 : Math.max(0, eventLog.head() - newPosition));
            applied.addAll(events);
            return events.size();
        });
        Instant now = Instant.now();
        for (LoggedEvent event : applied) {
            lag.record(Duration.between(event.receivedAt(), now));
        }
        if (!changed.isEmpty()) {
            publisher.publishEvent(new ProfilesChanged(changed));
        }
        return read == null ? 0 : read;
    }

    private void skipNextEvent() {
        transactions.executeWithoutResult(status -> {
            long position = lockPosition();
            List<LoggedEvent> next = eventLog.readProfileFieldsAfter(position, 1);
            if (!next.isEmpty()) {
                LoggedEvent event = next.get(0);
                log.error("Skipping event {} (message id {}) for profiles: it failed every time", event.seq(),
                        event.messageId());
                skipped.increment();
                jdbc.sql("UPDATE log_consumers SET position = ? WHERE name = ?").params(event.seq(), CONSUMER)
                        .update();
            }
        });
    }

    /** Locks this consumer's position for the current transaction and returns it. */
    long lockPosition() {
        return jdbc.sql("SELECT position FROM log_consumers WHERE name = ? FOR UPDATE").param(CONSUMER)
                .query(Long.class).single();
    }

    /** Folds the events into their profiles and stores them; returns the ids of the profiles changed. */
    private Set<Long> apply(List<LoggedEvent> events, long fromPosition, long toPosition) {
        List<Sighting> sightings = new ArrayList<>(events.size());
        List<LoggedEvent> identified = new ArrayList<>(events.size());
        for (LoggedEvent event : events) {
            List<Identifier> ids = new ArrayList<>(identifiers.of(event.payload()));
            if (event.type() == EventType.ALIAS) {
                Identifier previous = identifiers.previousId(event.payload(), IdentityType.ANONYMOUS_ID);
                if (previous != null) {
                    ids.add(previous);
                }
            }
            if (ids.isEmpty()) {
                // Every id of the event was junk (e.g. anonymousId "undefined"): nobody to attribute it to.
                skipped.increment();
                continue;
            }
            sightings.add(new Sighting(event.seq(), event.messageId(), event.timestamp(), ids));
            identified.add(event);
        }
        ResolvedBatch resolved = identities.resolve(sightings, fromPosition, toPosition);

        Set<Long> involved = new HashSet<>(resolved.profileBySeq().values());
        for (ProfileMerged merge : resolved.merges()) {
            involved.add(merge.survivorId());
            involved.add(merge.mergedId());
        }
        Map<Long, ProfileState> states = new LinkedHashMap<>(store.loadFigures(involved));
        Set<Long> needDetails = new HashSet<>();
        for (ProfileMerged merge : resolved.merges()) {
            needDetails.add(merge.survivorId());
            needDetails.add(merge.mergedId());
        }
        for (LoggedEvent event : identified) {
            if (ProfileState.touchesDetails(event)) {
                needDetails.add(resolved.profileBySeq().get(event.seq()));
            }
        }
        Map<Long, ProfileState> detailed = new HashMap<>();
        needDetails.forEach(id -> {
            ProfileState state = states.get(id);
            if (state != null) {
                detailed.put(id, state);
            }
        });
        store.loadDetails(detailed);
        for (ProfileMerged merge : resolved.merges()) {
            ProfileState survivor = stateOf(states, merge.survivorId(), merge.mergedAt());
            ProfileState merged = states.remove(merge.mergedId());
            if (merged != null) {
                survivor.absorb(merged);
            }
            store.markMerged(merge.mergedId(), merge.survivorId());
        }
        for (LoggedEvent event : identified) {
            ProfileState state = stateOf(states, resolved.profileBySeq().get(event.seq()), event.timestamp());
            try {
                state.apply(event);
            } catch (RuntimeException e) {
                log.warn("Skipping event {} ({}) for profile {}: {}", event.seq(), event.messageId(), state.id,
                        e.toString());
                skipped.increment();
            }
        }
        store.save(states.values());
        Set<Long> changed = new HashSet<>(states.keySet());
        resolved.merges().forEach(merge -> changed.add(merge.mergedId()));
        return changed;
    }

    private static ProfileState stateOf(Map<Long, ProfileState> states, long id, Instant at) {
        return states.computeIfAbsent(id, key -> new ProfileState(key, at));
    }

    /**
     * Recomputes profiles from their events up to the current position; used after their identities changed
     * (unmerge). Must run in the transaction that holds the position lock.
     */
    void rebuild(Set<Long> profileIds, long position) {
        List<ProfileState> rebuilt = new ArrayList<>();
        for (long id : profileIds) {
            var ids = identities.identitiesOf(id);
            List<String> userIds = ids.stream().filter(i -> i.type().equals(IdentityType.USER_ID.name()))
                    .map(i -> i.value()).toList();
            List<String> anonymousIds = ids.stream()
                    .filter(i -> i.type().equals(IdentityType.ANONYMOUS_ID.name())).map(i -> i.value()).toList();
            List<LoggedEvent> events = eventLog.eventsOfUpTo(userIds, anonymousIds, position);
            if (events.isEmpty()) {
                continue;
            }
            ProfileState state = new ProfileState(id, events.get(0).timestamp());
            events.forEach(state::apply);
            store.clearHistory(id);
            rebuilt.add(state);
        }
        store.save(rebuilt);
    }

    @Override
    public void start() {
        limit = batchSize;
        failuresOfOne = 0;
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
