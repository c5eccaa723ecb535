package io.lotse.server.collect;

import java.util.Locale;
import java.util.Optional;

/** The six Segment call types. */
public enum EventType {
    IDENTIFY, TRACK, PAGE, SCREEN, GROUP, ALIAS;

    private final String wireName = name().toLowerCase(Locale.ROOT);

    /** The name on the wire and in the log, e.g. {@code track}. */
    public String wireName() {
        return wireName;
    }

    /** Parses a wire name, case-insensitively. */
    public static Optional<EventType> fromWire(String name) {
        for (EventType type : values()) {
            if (type.wireName().equalsIgnoreCase(name)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
