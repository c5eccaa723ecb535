package io.lotse.server.mix;

import java.util.Locale;

/** What the marketing-mix model explains: weekly revenue or weekly orders, from the log's completed orders. */
public enum MixOutcome {
    REVENUE,
    ORDERS;

    /** The wire name: {@code revenue} or {@code orders}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The outcome of a wire name, with a clear error for anything else. */
    public static MixOutcome fromKey(String key) {
        for (MixOutcome outcome : values()) {
            if (outcome.key().equalsIgnoreCase(key.strip())) {
                return outcome;
            }
        }
        throw new IllegalArgumentException("unknown outcome '" + key + "': use revenue or orders");
    }
}
