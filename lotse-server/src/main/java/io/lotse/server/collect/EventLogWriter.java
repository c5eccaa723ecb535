package io.lotse.server.collect;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.lotse.server.platform.LotseProperties;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The single writer of the event log.
 *
 * <p>Requests hand their events over and wait; the writer takes everything waiting, up to a maximum, and writes
 * it in one transaction with {@code COPY} (group commit): one fsync serves many requests, which is what makes
 * durable ingestion fast. A future completes only after the commit, so an acknowledged event is on disk.
 *
 * <p>Duplicates are filtered before the copy by looking their message ids up; the unique index stays as the
 * last line of defence. Every append transaction holds an advisory lock, so appends from several Lotse
 * processes on one database are serialised too: log positions are then assigned in commit order, which lets
 * consumers read "everything after position p" without ever skipping an event committed late.
 */
@Component
class EventLogWriter implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EventLogWriter.class);
    static final long APPEND_LOCK = 0x4C4F_5453_454C_4F47L; // "LOTSELOG"
    private static final String UNIQUE_VIOLATION = "23505";

    private final DataSource dataSource;
    private final JsonMapper json;
    private final ApplicationEventPublisher events;
    private final int maxEventsPerAppend;
    private final LinkedBlockingQueue<PendingAppend> queue = new LinkedBlockingQueue<>();
    private final Timer appendTimer;
    private final DistributionSummary groupSize;
    private final Counter stored;
    private final Counter duplicates;
    private final RecentAppends recent;
    /** The sequence behind the log positions; looked up once. Writer thread only. */
    private @Nullable String positionSequence;
    private volatile boolean running;
    private Thread thread = new Thread(() -> {});

    EventLogWriter(DataSource dataSource, JsonMapper json, ApplicationEventPublisher events,
                   LotseProperties properties, MeterRegistry meters) {
        this.dataSource = dataSource;
        this.json = json;
        this.events = events;
        this.maxEventsPerAppend = properties.ingest().maxEventsPerAppend();
        this.appendTimer = Timer.builder("lotse.events.append").description("Time to commit one group of events")
                .publishPercentileHistogram().register(meters);
        this.groupSize = DistributionSummary.builder("lotse.events.append.size")
                .description("Events per append transaction").register(meters);
        this.stored = Counter.builder("lotse.events.stored").description("Events written to the log").register(meters);
        this.duplicates = Counter.builder("lotse.events.duplicates")
                .description("Events dropped because their message id was already logged").register(meters);
        this.recent = new RecentAppends(properties.ingest().recentEvents());
    }

    /** The events this process appended most recently. */
    RecentAppends recent() {
        return recent;
    }

    /**
     * Queues events for the log; the future completes once they are committed. Rows (and the followers' view of
     * each event) are prepared here, on the caller's thread, so that the single writer thread only copies bytes.
     */
    CompletableFuture<AppendResult> submit(List<StoredEvent> events) {
        List<EncodedEvent> batch = new ArrayList<>(events.size());
        for (StoredEvent event : events) {
            batch.add(encode(event));
        }
        var pending = new PendingAppend(batch, new CompletableFuture<>());
        if (!running) {
            pending.done().completeExceptionally(new IllegalStateException("the event log is not running"));
            return pending.done();
        }
        queue.add(pending);
        return pending.done();
    }

    private void runLoop() {
        while (running || !queue.isEmpty()) {
            try {
                PendingAppend first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                List<PendingAppend> group = new ArrayList<>();
                group.add(first);
                int count = first.events().size();
                PendingAppend next;
                while ((next = queue.peek()) != null && count + next.events().size() <= maxEventsPerAppend) {
                    group.add(queue.poll());
                    count += next.events().size();
                }
                write(group, count);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.error("Event log writer failed unexpectedly; continuing", e);
            }
        }
    }

    private void write(List<PendingAppend> group, int count) {
        long start = System.nanoTime();
        try {
            commit(group);
        } catch (SQLException | RuntimeException e) {
            if (group.size() == 1) {
                log.error("Could not append {} events to the log", count, e);
                group.get(0).done().completeExceptionally(e);
                return;
            }
            // One request's events may be what the database refused; write each request on its own so that
            // only that request fails and the others of the group are still acknowledged.
            log.warn("Appending a group of {} requests failed ({}); writing them one by one", group.size(),
                    e.toString());
            for (PendingAppend pending : group) {
                write(List.of(pending), pending.events().size());
            }
            return;
        }
        appendTimer.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        groupSize.record(count);
        events.publishEvent(new EventsAppended(count));
    }

    private void commit(List<PendingAppend> group) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            List<AppendResult> results;
            try {
                results = append(connection, group);
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
            List<RecentAppends.Entry> committed = new ArrayList<>();
            for (PendingAppend pending : group) {
                for (EncodedEvent event : pending.events()) {
                    if (event.seq() > 0) {
                        committed.add(event.entry().at(event.seq()));
                    }
                }
            }
            recent.committed(committed);
            for (int i = 0; i < group.size(); i++) {
                group.get(i).done().complete(results.get(i));
            }
        }
    }

    /**
     * Copies the group optimistically: duplicates are rare (client retries), and the unique index checks every
     * message id during the copy anyway. Only when it finds one is the copy rolled back to a savepoint and
     * repeated without the ids already logged.
     */
    private List<AppendResult> append(Connection connection, List<PendingAppend> group) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
            lock.setLong(1, APPEND_LOCK);
            lock.execute();
        }
        Set<String> seen = new HashSet<>();
        boolean repeatedInGroup = false;
        for (PendingAppend pending : group) {
            for (EncodedEvent event : pending.events()) {
                repeatedInGroup |= !seen.add(event.messageId());
            }
        }
        if (!repeatedInGroup) {
            Savepoint beforeCopy = connection.setSavepoint();
            try {
                List<Integer> storedPerAppend = copy(connection, group, new HashSet<>());
                connection.releaseSavepoint(beforeCopy);
                return countStored(group, storedPerAppend);
            } catch (SQLException e) {
                if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    throw e;
                }
                connection.rollback(beforeCopy);
            }
        }
        Set<String> known = existingMessageIds(connection, group);
        return countStored(group, copy(connection, group, known));
    }

    /**
     * Copies the events whose message ids are not in {@code known}, at positions reserved for them in log order;
     * returns how many of each append. Events not copied keep position 0.
     */
    private List<Integer> copy(Connection connection, List<PendingAppend> group, Set<String> known)
            throws SQLException {
        List<Integer> storedPerAppend = new ArrayList<>(group.size());
        List<EncodedEvent> toCopy = new ArrayList<>();
        for (PendingAppend pending : group) {
            int storedHere = 0;
            for (EncodedEvent event : pending.events()) {
                event.seq(0);
                if (known.add(event.messageId())) {
                    toCopy.add(event);
                    storedHere++;
                }
            }
            storedPerAppend.add(storedHere);
        }
        if (toCopy.isEmpty()) {
            return storedPerAppend;
        }
        long[] positions = reservePositions(connection, toCopy.size());
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(BinaryCopyRows.COPY_EVENTS);
        try {
            copy.writeToCopy(BinaryCopyRows.HEADER, 0, BinaryCopyRows.HEADER.length);
            for (int i = 0; i < positions.length; i++) {
                EncodedEvent event = toCopy.get(i);
                event.seq(positions[i]);
                BinaryCopyRows.setSeq(event.copyRow(), positions[i]);
                copy.writeToCopy(event.copyRow(), 0, event.copyRow().length);
            }
            copy.writeToCopy(BinaryCopyRows.TRAILER, 0, BinaryCopyRows.TRAILER.length);
            copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
        return storedPerAppend;
    }

    /**
     * Takes the next {@code count} log positions from the sequence behind them, in ascending order. Appends hold
     * the append lock, so among Lotse processes the positions are consecutive; a bulk load into the table that
     * does not take the lock may interleave, which {@link RecentAppends#reserved} notices.
     */
    private long[] reservePositions(Connection connection, int count) throws SQLException {
        if (positionSequence == null) {
            try (PreparedStatement find = connection.prepareStatement(
                    "SELECT pg_get_serial_sequence('events', 'seq')");
                 ResultSet rs = find.executeQuery()) {
                rs.next();
                positionSequence = rs.getString(1);
            }
        }
        long[] positions = new long[count];
        try (PreparedStatement reserve = connection.prepareStatement(
                "SELECT nextval(?::regclass) FROM generate_series(1, ?)")) {
            reserve.setString(1, positionSequence);
            reserve.setInt(2, count);
            try (ResultSet rs = reserve.executeQuery()) {
                for (int i = 0; i < count && rs.next(); i++) {
                    positions[i] = rs.getLong(1);
                }
            }
        }
        Arrays.sort(positions);
        recent.reserved(positions[0], positions[count - 1], count);
        return positions;
    }

    private List<AppendResult> countStored(List<PendingAppend> group, List<Integer> storedPerAppend) {
        List<AppendResult> results = new ArrayList<>(group.size());
        int total = 0;
        for (int i = 0; i < group.size(); i++) {
            int storedHere = storedPerAppend.get(i);
            results.add(new AppendResult(storedHere, group.get(i).events().size() - storedHere));
            total += storedHere;
        }
        int duplicateCount = results.stream().mapToInt(AppendResult::duplicates).sum();
        stored.increment(total);
        duplicates.increment(duplicateCount);
        return results;
    }

    private static Set<String> existingMessageIds(Connection connection, List<PendingAppend> group)
            throws SQLException {
        List<String> ids = new ArrayList<>();
        group.forEach(p -> p.events().forEach(e -> ids.add(e.messageId())));
        Set<String> existing = new HashSet<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT message_id FROM events WHERE message_id = ANY(?)")) {
            select.setArray(1, connection.createArrayOf("text", ids.toArray()));
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    existing.add(rs.getString(1));
                }
            }
        }
        return existing;
    }

    /** The stored form of an event that came without one: its payload serialised. */
    StoredEvent stored(CollectedEvent event) {
        return new StoredEvent(event, json.writeValueAsBytes(event.payload()));
    }

    private static EncodedEvent encode(StoredEvent stored) {
        return new EncodedEvent(stored.event().messageId(), BinaryCopyRows.row(stored.event(), stored.json()),
                RecentAppends.entryOf(stored.event()));
    }

    @Override
    public void start() {
        running = true;
        thread = new Thread(this::runLoop, "event-log-writer");
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        try {
            thread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Starts before and stops after the web server, so requests in flight still get their events written. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }

    /** An event ready for the copy; its position is set by the append that copies it. */
    private static final class EncodedEvent {
        private final String messageId;
        private final byte[] copyRow;
        private final RecentAppends.Entry entry;
        /** Its log position once copied, else 0. Writer thread only. */
        private long seq;

        EncodedEvent(String messageId, byte[] copyRow, RecentAppends.Entry entry) {
            this.messageId = messageId;
            this.copyRow = copyRow;
            this.entry = entry;
        }

        String messageId() {
            return messageId;
        }

        byte[] copyRow() {
            return copyRow;
        }

        RecentAppends.Entry entry() {
            return entry;
        }

        long seq() {
            return seq;
        }

        void seq(long position) {
            seq = position;
        }
    }

    private record PendingAppend(List<EncodedEvent> events, CompletableFuture<AppendResult> done) {}
}
