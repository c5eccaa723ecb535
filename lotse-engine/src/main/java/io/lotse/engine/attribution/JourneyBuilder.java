package io.lotse.engine.attribution;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Turns a person's touches (campaign clicks) and conversions (orders) into journeys: each conversion ends a journey
 * holding the person's touches since their previous conversion, within a lookback window; touches after the last
 * conversion form a journey that did not convert. A conversion without any touch in the window becomes a journey
 * of the single channel {@link #NO_TOUCH}.
 */
public final class JourneyBuilder {

    /** The channel of a conversion that no campaign touch preceded. */
    public static final String NO_TOUCH = "direct";
    /** Touches older than this before a conversion do not count, as in most analytics tools. */
    public static final Duration DEFAULT_LOOKBACK = Duration.ofDays(30);

    private JourneyBuilder() {}

    /**
     * A touch or a conversion of a person.
     *
     * @param person  whom it belongs to
     * @param at      when it happened
     * @param channel the touch's channel, or null for a conversion
     * @param value   the conversion's value (0 for a touch)
     */
    public record Event(String person, Instant at, @Nullable String channel, double value) {

        /** A campaign touch. */
        public static Event touch(String person, Instant at, String channel) {
            return new Event(person, at, channel, 0);
        }

        /** A conversion worth {@code value}. */
        public static Event conversion(String person, Instant at, double value) {
            return new Event(person, at, null, value);
        }
    }

    /** Builds the journeys of all persons, in any order of the events. */
    public static List<Journey> build(List<Event> events, Duration lookback) {
        Map<String, List<Event>> byPerson = new LinkedHashMap<>();
        for (Event event : events) {
            byPerson.computeIfAbsent(event.person(), p -> new ArrayList<>()).add(event);
        }
        List<Journey> journeys = new ArrayList<>();
        for (List<Event> own : byPerson.values()) {
            // Touches before conversions at the same instant: the click leads to the order.
            own.sort(Comparator.comparing(Event::at).thenComparing(e -> e.channel() == null));
            List<Event> touches = new ArrayList<>();
            for (Event event : own) {
                if (event.channel() != null) {
                    touches.add(event);
                    continue;
                }
                Instant from = event.at().minus(lookback);
                List<String> channels = new ArrayList<>();
                List<Double> ages = new ArrayList<>();
                for (Event touch : touches) {
                    if (!touch.at().isBefore(from)) {
                        channels.add(touch.channel());
                        ages.add(Duration.between(touch.at(), event.at()).toMillis() / 86_400_000.0);
                    }
                }
                if (channels.isEmpty()) {
                    channels.add(NO_TOUCH);
                    ages.add(0.0);
                }
                journeys.add(Journey.single(channels, ages.stream().mapToDouble(Double::doubleValue).toArray(), true,
                        Math.max(0, event.value())));
                touches.clear();
            }
            if (!touches.isEmpty()) {
                Instant end = touches.get(touches.size() - 1).at();
                journeys.add(Journey.single(touches.stream().map(Event::channel).toList(),
                        touches.stream().mapToDouble(t -> Duration.between(t.at(), end).toMillis() / 86_400_000.0)
                                .toArray(), false, 0));
            }
        }
        return journeys;
    }

    /**
     * The channel of a campaign touch from its UTM medium and source: {@code cpc} and the like are paid search,
     * {@code paid_social} and {@code social} paid social, {@code display} and {@code banner} display, and so on;
     * anything else keeps its medium, lower-cased.
     */
    public static String channelOf(@Nullable String medium, @Nullable String source) {
        String m = medium == null ? "" : medium.strip().toLowerCase(Locale.ROOT).replace('-', '_');
        return switch (m) {
            case "cpc", "ppc", "paid_search", "paidsearch", "sem", "search" -> "paid_search";
            case "paid_social", "paidsocial", "social", "social_paid", "paid-social" -> "paid_social";
            case "display", "banner", "programmatic", "cpm" -> "display";
            case "video", "youtube" -> "video";
            case "affiliate", "affiliates", "partner" -> "affiliate";
            case "email", "e_mail", "newsletter", "mail" -> "email";
            case "tv", "ctv" -> "tv";
            case "" -> source == null || source.isBlank() ? "unknown" : source.strip().toLowerCase(Locale.ROOT);
            default -> m;
        };
    }
}
