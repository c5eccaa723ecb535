package io.lotse.server.collect;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Consent choices per purpose carried by a message: {@code context.consent.categoryPreferences} (Segment's
 * consent format) and a {@code consent} object in the traits, each mapping a purpose to {@code true} or
 * {@code false}. Purposes are lower-cased; later sources in that order win.
 */
public final class ConsentSignals {

    private ConsentSignals() {}

    /** Purpose to granted, in the order found; empty when the message says nothing about consent. */
    public static Map<String, Boolean> of(JsonNode message) {
        JsonNode context = message.path("context");
        JsonNode traits = message.path("traits");
        if (!context.has("consent") && !context.path("traits").has("consent") && !traits.has("consent")) {
            return Map.of();
        }
        Map<String, Boolean> choices = new LinkedHashMap<>();
        collect(message.path("context").path("consent").path("categoryPreferences"), choices);
        collect(message.path("context").path("traits").path("consent"), choices);
        collect(message.path("traits").path("consent"), choices);
        return choices;
    }

    /** Whether the message grants at least one purpose. */
    public static boolean grantsAny(JsonNode message) {
        return of(message).containsValue(Boolean.TRUE);
    }

    private static void collect(JsonNode preferences, Map<String, Boolean> choices) {
        if (!preferences.isObject()) {
            return;
        }
        for (var entry : preferences.properties()) {
            if (entry.getValue().isBoolean() && entry.getKey().length() <= 100) {
                choices.put(entry.getKey().trim().toLowerCase(Locale.ROOT), entry.getValue().booleanValue());
            }
        }
    }
}
