package io.lotse.server.web;

import io.lotse.engine.identity.IdentityType;
import io.lotse.server.identity.IdentityRecord;
import io.lotse.server.identity.MergeRecord;
import io.lotse.server.profile.Profile;
import io.lotse.server.profile.TimelineEntry;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Everything the profile page shows about one person.
 *
 * @param id         profile id
 * @param name       display name from the traits, if any
 * @param email      email trait, if any
 * @param stats      activity figures
 * @param firstSeen  time of the earliest event
 * @param lastSeen   time of the latest event
 * @param identities identifiers, the types that single out a person most reliably first
 * @param traits     trait values by name
 * @param consents   the latest choice per purpose
 * @param merges     merges into or out of the profile, newest first
 * @param timeline   the first page of events
 */
record ProfilePage(long id, @Nullable String name, @Nullable String email, Profile.Stats stats, Instant firstSeen,
                   Instant lastSeen, List<IdentityRecord> identities, List<Trait> traits, List<ConsentChoice> consents,
                   List<MergeRecord> merges, Timeline timeline) {

    static ProfilePage of(Profile profile, Timeline timeline) {
        Map<String, JsonNode> traits = profile.traits();
        List<IdentityRecord> identities = profile.identities().stream()
                .sorted(Comparator.comparingInt((IdentityRecord i) -> -IdentityType.of(i.type()).strength())
                        .thenComparing(IdentityRecord::firstSeen))
                .toList();
        return new ProfilePage(profile.id(), displayName(traits), text(traits.get("email")), profile.stats(),
                profile.firstSeen(), profile.lastSeen(), identities,
                traits.entrySet().stream()
                        .map(e -> new Trait(e.getKey(), render(e.getValue())))
                        .sorted(Comparator.comparing(Trait::name, String.CASE_INSENSITIVE_ORDER))
                        .toList(),
                profile.consents().entrySet().stream()
                        .map(e -> new ConsentChoice(e.getKey(), e.getValue().granted(), e.getValue().at()))
                        .sorted(Comparator.comparing(ConsentChoice::purpose))
                        .toList(),
                profile.merges(), timeline);
    }

    private static @Nullable String displayName(Map<String, JsonNode> traits) {
        String name = text(traits.get("name"));
        if (name != null) {
            return name;
        }
        String first = firstText(traits, "firstName", "first_name");
        String last = firstText(traits, "lastName", "last_name");
        String joined = String.join(" ", first == null ? "" : first, last == null ? "" : last).trim();
        return joined.isEmpty() ? null : joined;
    }

    private static @Nullable String firstText(Map<String, JsonNode> traits, String... names) {
        for (String name : names) {
            String value = text(traits.get(name));
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    private static @Nullable String text(@Nullable JsonNode value) {
        return value != null && value.isString() && !value.asString().isBlank() ? value.asString() : null;
    }

    /** Text as it is, everything else (numbers, objects, lists) as JSON. */
    private static String render(JsonNode value) {
        return value.isString() ? value.asString() : value.toString();
    }

    /**
     * @param name  trait name
     * @param value its current value, as text
     */
    record Trait(String name, String value) {}

    /**
     * @param purpose consent purpose, e.g. {@code marketing}
     * @param granted whether the person agreed
     * @param at      when they said so
     */
    record ConsentChoice(String purpose, boolean granted, Instant at) {}

    /**
     * A page of the timeline.
     *
     * @param events events, newest first
     * @param next   the cursor for older events; absent on the last page
     */
    record Timeline(List<Event> events, @Nullable Long next) {

        static Timeline of(List<TimelineEntry> entries, int pageSize) {
            List<Event> events = entries.stream().limit(pageSize).map(Event::of).toList();
            Long next = entries.size() > pageSize ? entries.get(pageSize - 1).seq() : null;
            return new Timeline(events, next);
        }
    }

    /**
     * @param seq       log position
     * @param type      call type, e.g. {@code track}
     * @param name      event or page name, if any
     * @param timestamp when it happened
     * @param payload   the stored message, indented for reading
     */
    record Event(long seq, String type, @Nullable String name, Instant timestamp, String payload) {

        static Event of(TimelineEntry entry) {
            return new Event(entry.seq(), entry.type(), entry.name(), entry.timestamp(),
                    entry.payload().toPrettyString());
        }
    }
}
