package io.lotse.server.profile;

import io.lotse.server.collect.ConsentSignals;
import io.lotse.server.collect.EventType;
import io.lotse.server.collect.LoggedEvent;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The derived state of one profile, folded from its events in log order.
 *
 * <p>Traits and consents follow "latest value wins by event time": an event that arrives late with an older
 * timestamp does not overwrite a newer value. A session is a run of events with gaps under 30 minutes.
 */
final class ProfileState {

    static final Duration SESSION_GAP = Duration.ofMinutes(30);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    final long id;
    Instant createdAt;
    @Nullable Instant firstSeen;
    @Nullable Instant lastSeen;
    long events;
    int sessions;
    int orders;
    BigDecimal revenue = BigDecimal.ZERO;
    ObjectNode traits = NODES.objectNode();
    ObjectNode traitTimes = NODES.objectNode();
    ObjectNode consents = NODES.objectNode();
    /**
     * Whether traits and consents are loaded. Most events only move the figures, so the projection loads and
     * writes the JSON columns only for profiles whose traits or consents an event of the batch touches.
     */
    boolean detailsLoaded = true;
    final List<TraitChange> traitChanges = new ArrayList<>();
    /** Track events counted since the state was loaded or last saved, to be added to the stored counts. */
    final Map<EventDay, Integer> eventDays = new HashMap<>();

    /** A trait took a new value. */
    record TraitChange(String trait, JsonNode value, Instant at, long seq) {}

    /**
     * One day's track events of one name and category.
     *
     * @param epochDay the day (UTC) as days since 1970-01-01
     * @param event    the event name, at most {@value #MAX_NAME_LENGTH} characters
     * @param category {@code properties.category} of the event, at most as long; empty when it has none
     */
    record EventDay(int epochDay, String event, String category) {}

    /** Longer event names and categories are cut, so that the counts' index entries stay small. */
    static final int MAX_NAME_LENGTH = 200;

    ProfileState(long id, Instant createdAt) {
        this.id = id;
        this.createdAt = createdAt;
    }

    /** Whether folding this event changes traits or consents, so that they must be loaded first. */
    static boolean touchesDetails(LoggedEvent event) {
        return event.type() == EventType.IDENTIFY && event.payload().path("traits") instanceof ObjectNode
                || !ConsentSignals.of(event.payload()).isEmpty();
    }

    void apply(LoggedEvent event) {
        apply(event, categoryOf(event.payload()));
    }

    /**
     * Folds an event whose payload may lack {@code properties.category} (the projection reads a slim payload).
     *
     * @param category the event's category, empty when it has none
     */
    void apply(LoggedEvent event, String category) {
        if (!detailsLoaded && touchesDetails(event)) {
            throw new IllegalStateException("traits of profile " + id + " must be loaded before event " + event.seq());
        }
        Instant at = event.timestamp();
        events++;
        if (lastSeen == null || at.isAfter(lastSeen.plus(SESSION_GAP))) {
            sessions++;
        }
        firstSeen = firstSeen == null || at.isBefore(firstSeen) ? at : firstSeen;
        lastSeen = lastSeen == null || at.isAfter(lastSeen) ? at : lastSeen;
        if (event.type() == EventType.TRACK && event.event() != null) {
            EventDay day = new EventDay((int) Math.floorDiv(at.getEpochSecond(), 86_400L), cut(event.event()),
                    cut(category));
            eventDays.merge(day, 1, Integer::sum);
        }
        if (event.type() == EventType.TRACK && isOrder(event.event())) {
            orders++;
            revenue = revenue.add(orderValue(event.payload().path("properties")));
        }
        if (event.type() == EventType.IDENTIFY && event.payload().path("traits") instanceof ObjectNode given) {
            for (Map.Entry<String, JsonNode> trait : given.properties()) {
                setTrait(trait.getKey(), trait.getValue(), at, event.seq());
            }
        }
        ConsentSignals.of(event.payload()).forEach((purpose, granted) -> {
            JsonNode current = consents.get(purpose);
            if (current == null || !Instant.parse(current.path("at").asString()).isAfter(at)) {
                ObjectNode consent = NODES.objectNode();
                consent.put("granted", granted);
                consent.put("at", at.toString());
                consent.put("messageId", event.messageId());
                consents.set(purpose, consent);
            }
        });
    }

    private void setTrait(String name, JsonNode value, Instant at, long seq) {
        JsonNode time = traitTimes.get(name);
        if (time != null && Instant.parse(time.asString()).isAfter(at)) {
            return;
        }
        traitTimes.put(name, at.toString());
        if (!value.equals(traits.get(name))) {
            traits.set(name, value);
            traitChanges.add(new TraitChange(name, value, at, seq));
        }
    }

    /** Takes over the state of a profile merged into this one. */
    void absorb(ProfileState merged) {
        if (!detailsLoaded || !merged.detailsLoaded) {
            throw new IllegalStateException("merging profiles " + merged.id + " into " + id + " needs their traits");
        }
        events += merged.events;
        sessions += merged.sessions;
        orders += merged.orders;
        revenue = revenue.add(merged.revenue);
        if (merged.firstSeen != null && (firstSeen == null || merged.firstSeen.isBefore(firstSeen))) {
            firstSeen = merged.firstSeen;
        }
        if (merged.lastSeen != null && (lastSeen == null || merged.lastSeen.isAfter(lastSeen))) {
            lastSeen = merged.lastSeen;
        }
        merged.eventDays.forEach((day, count) -> eventDays.merge(day, count, Integer::sum));
        if (merged.createdAt.isBefore(createdAt)) {
            createdAt = merged.createdAt;
        }
        for (Map.Entry<String, JsonNode> trait : merged.traits.properties()) {
            Instant at = Instant.parse(merged.traitTimes.path(trait.getKey()).asString(Instant.EPOCH.toString()));
            setTrait(trait.getKey(), trait.getValue(), at, 0);
        }
        traitChanges.removeIf(change -> change.seq() == 0);
        for (Map.Entry<String, JsonNode> consent : merged.consents.properties()) {
            JsonNode current = consents.get(consent.getKey());
            if (current == null || Instant.parse(current.path("at").asString())
                    .isBefore(Instant.parse(consent.getValue().path("at").asString()))) {
                consents.set(consent.getKey(), consent.getValue());
            }
        }
    }

    /** The {@code properties.category} of a track event when it is a text, else empty. */
    static String categoryOf(JsonNode payload) {
        JsonNode category = payload.path("properties").path("category");
        return category.isString() ? category.stringValue() : "";
    }

    private static String cut(String name) {
        return name.length() <= MAX_NAME_LENGTH || name.codePointCount(0, name.length()) <= MAX_NAME_LENGTH
                ? name : name.substring(0, name.offsetByCodePoints(0, MAX_NAME_LENGTH));
    }

    /** Segment's e-commerce spec names a purchase "Order Completed". */
    static boolean isOrder(@Nullable String event) {
        if (event == null) {
            return false;
        }
        String name = event.trim().toLowerCase(Locale.ROOT).replace('_', ' ');
        return name.equals("order completed");
    }

    private static final BigDecimal MAX_ORDER_VALUE = new BigDecimal("1e12");

    /**
     * Revenue of an order: {@code revenue}, else {@code total}, as number or numeric string; 0 if neither or if
     * the value is implausibly large (a malformed event must not corrupt the customer's totals).
     */
    static BigDecimal orderValue(JsonNode properties) {
        BigDecimal value = rawOrderValue(properties);
        return value.abs().compareTo(MAX_ORDER_VALUE) >= 0 ? BigDecimal.ZERO : value;
    }

    private static BigDecimal rawOrderValue(JsonNode properties) {
        for (String field : List.of("revenue", "total")) {
            JsonNode value = properties.get(field);
            if (value == null) {
                continue;
            }
            if (value.isNumber()) {
                return value.decimalValue();
            }
            if (value.isString()) {
                try {
                    return new BigDecimal(value.stringValue().trim());
                } catch (NumberFormatException notANumber) {
                    return BigDecimal.ZERO;
                }
            }
        }
        return BigDecimal.ZERO;
    }
}
