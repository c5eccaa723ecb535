package io.lotse.server.collect;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The newest events this process appended, in memory, so that the log's followers in this process (profiles,
 * engage) read what was just committed without asking the database for it again.
 *
 * <p>It answers only when it can answer completely: it knows the positions it holds and that no other writer
 * committed in between (every append reserves its positions, and a reservation that does not continue the previous
 * one, or has gaps, means another writer took positions, so everything held before is forgotten). Whenever it
 * cannot, the caller reads
 * the database, which stays the source of truth. Positions reserved by an append that was rolled back are never
 * committed, so the gaps they leave hide no event.
 *
 * <p>Thread-safe: the log writer adds, followers read.
 */
final class RecentAppends {

    /** An appended event as the followers see it. */
    record Entry(LoggedEvent profileFields, @Nullable JsonNode properties) {

        /** This entry at a log position. */
        Entry at(long seq) {
            LoggedEvent e = profileFields;
            return new Entry(new LoggedEvent(seq, e.messageId(), e.type(), e.event(), e.userId(), e.anonymousId(),
                    e.timestamp(), e.receivedAt(), e.payload()), properties);
        }
    }

    private final Entry[] ring;
    /** Index of the oldest entry in {@link #ring}. Guarded by this. */
    private int oldest;
    /** How many entries {@link #ring} holds. Guarded by this. */
    private int size;
    /** The lowest position from which every committed event is held (or was evicted). Guarded by this. */
    private long completeFrom = Long.MAX_VALUE;
    /** The last position this process reserved, or -1. Guarded by this. */
    private long lastReserved = -1;

    RecentAppends(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        this.ring = new Entry[capacity];
    }

    /**
     * Notes a reservation of {@code count} positions from {@code first} to {@code last}, made while holding the
     * append lock. One that does not continue the previous reservation, or has gaps, means another writer took
     * positions in between, so what is held no longer tells the whole story: it is dropped, and nothing up to
     * {@code last} is answered from memory.
     */
    synchronized void reserved(long first, long last, int count) {
        boolean consecutive = last - first + 1 == count;
        if (first != lastReserved + 1 || !consecutive) {
            clear();
            completeFrom = consecutive ? first : last + 1;
        }
        lastReserved = last;
    }

    /**
     * Forgets everything held, for when events were deleted from the log (erasure): nothing appended so far is
     * answered from memory any more, so no follower can read a deleted event back.
     */
    synchronized void forget() {
        clear();
        completeFrom = lastReserved + 1;
    }

    private void clear() {
        oldest = 0;
        size = 0;
        Arrays.fill(ring, null);
    }

    /** Adds committed events, in position order, all from reservations announced through {@link #reserved}. */
    synchronized void committed(List<Entry> entries) {
        for (Entry entry : entries) {
            if (size == ring.length) {
                completeFrom = ring[oldest].profileFields().seq() + 1;
                ring[oldest] = null;
                oldest = (oldest + 1) % ring.length;
                size--;
            }
            ring[(oldest + size) % ring.length] = entry;
            size++;
        }
    }

    /**
     * Up to {@code limit} events after a position, or {@code null} when they must be read from the database: the
     * position lies before what is held, or nothing newer is held (the database may know of events another
     * process appended).
     */
    synchronized @Nullable List<Entry> after(long position, int limit) {
        if (size == 0 || position < completeFrom - 1 || position >= newest()) {
            return null;
        }
        int from = firstAfter(position);
        int count = Math.min(limit, size - from);
        List<Entry> entries = new ArrayList<>(count);
        for (int i = from; i < from + count; i++) {
            entries.add(ring[(oldest + i) % ring.length]);
        }
        return entries;
    }

    /**
     * The track events named {@code names} after {@code position} up to and including {@code upTo}, or
     * {@code null} when they must be read from the database.
     */
    synchronized @Nullable List<Entry> trackEventsBetween(long position, long upTo, Set<String> names) {
        if (size == 0 || position < completeFrom - 1 || upTo > newest()) {
            return null;
        }
        List<Entry> entries = new ArrayList<>();
        for (int i = firstAfter(position); i < size; i++) {
            Entry entry = ring[(oldest + i) % ring.length];
            LoggedEvent event = entry.profileFields();
            if (event.seq() > upTo) {
                break;
            }
            if (event.type() == EventType.TRACK && event.event() != null && names.contains(event.event())) {
                entries.add(entry);
            }
        }
        return entries;
    }

    private long newest() {
        return ring[(oldest + size - 1) % ring.length].profileFields().seq();
    }

    /** The index (from the oldest) of the first entry after the position; {@code size} if there is none. */
    private int firstAfter(long position) {
        int low = 0;
        int high = size;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (ring[(oldest + middle) % ring.length].profileFields().seq() <= position) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    /**
     * The event, at position 0 until {@link Entry#at} places it, as {@link EventLog#readProfileFieldsAfter} reads it
     * from the database, field for field, except that
     * a track event keeps its whole {@code properties} (the profile reads only {@code revenue}, {@code total} and
     * {@code category} of them), and the properties of a track event for engage.
     */
    static Entry entryOf(CollectedEvent event) {
        ObjectNode message = event.payload();
        ObjectNode payload = JsonNodeFactory.instance.objectNode();
        payload.put("type", event.type().wireName());
        putText(payload, "userId", event.userId());
        putText(payload, "anonymousId", event.anonymousId());
        JsonNode traits = message.get("traits");
        if (event.type() == EventType.IDENTIFY) {
            putJson(payload, "traits", traits);
        } else if (traits != null && traits.isObject() && present(traits.get("consent"))) {
            payload.putObject("traits").set("consent", traits.get("consent"));
        }
        putText(payload, "previousId", text(message.get("previousId")));
        JsonNode context = objectOrNull(message.get("context"));
        JsonNode contextTraits = context == null ? null : objectOrNull(context.get("traits"));
        JsonNode device = context == null ? null : objectOrNull(context.get("device"));
        ObjectNode storedContext = payload.putObject("context");
        ObjectNode storedTraits = storedContext.putObject("traits");
        putText(storedTraits, "email", contextTraits == null ? null : text(contextTraits.get("email")));
        putText(storedTraits, "phone", contextTraits == null ? null : text(contextTraits.get("phone")));
        putJson(storedTraits, "consent", contextTraits == null ? null : contextTraits.get("consent"));
        putText(storedContext.putObject("device"), "id", device == null ? null : text(device.get("id")));
        putJson(storedContext, "externalIds", context == null ? null : context.get("externalIds"));
        putJson(storedContext, "consent", context == null ? null : context.get("consent"));
        JsonNode properties = event.type() == EventType.TRACK ? message.get("properties") : null;
        if (properties != null && properties.isObject()) {
            payload.set("properties", properties);
        } else {
            payload.putObject("properties");
            properties = null;
        }
        LoggedEvent fields = new LoggedEvent(0, event.messageId(), event.type(), event.event(), event.userId(),
                event.anonymousId(), BinaryCopyRows.stored(event.timestamp()),
                BinaryCopyRows.stored(event.receivedAt()), payload);
        return new Entry(fields, properties);
    }

    private static @Nullable JsonNode objectOrNull(@Nullable JsonNode node) {
        return node != null && node.isObject() ? node : null;
    }

    private static boolean present(@Nullable JsonNode node) {
        return node != null && !node.isNull() && !node.isMissingNode();
    }

    /** What PostgreSQL's {@code ->>} gives: a string's text, other values as JSON, nothing for null. */
    private static @Nullable String text(@Nullable JsonNode node) {
        if (!present(node)) {
            return null;
        }
        return node.isString() ? node.stringValue() : node.toString();
    }

    private static void putText(ObjectNode node, String field, @Nullable String value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    private static void putJson(ObjectNode node, String field, @Nullable JsonNode value) {
        if (present(value)) {
            node.set(field, value);
        }
    }
}
