package io.lotse.engine.segment;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/** An activity figure every profile has, counted from its events. */
public enum Figure {
    EVENT_COUNT("event_count", BigDecimal.ZERO),
    SESSION_COUNT("session_count", BigDecimal.ZERO),
    ORDER_COUNT("order_count", BigDecimal.ZERO),
    /** Sum of the completed orders' revenue. */
    REVENUE("revenue", null),
    /** Whole days since the first event. */
    FIRST_SEEN_DAYS_AGO("first_seen_days_ago", BigDecimal.ZERO),
    /** Whole days since the latest event. */
    LAST_SEEN_DAYS_AGO("last_seen_days_ago", BigDecimal.ZERO);

    private final String wireName;
    private final @Nullable BigDecimal minimum;

    Figure(String wireName, @Nullable BigDecimal minimum) {
        this.wireName = wireName;
        this.minimum = minimum;
    }

    public String wireName() {
        return wireName;
    }

    /** The smallest value the figure takes, if bounded. */
    public @Nullable BigDecimal minimum() {
        return minimum;
    }

    public static Optional<Figure> fromWire(String name) {
        return Arrays.stream(values()).filter(f -> f.wireName.equals(name)).findFirst();
    }

    static String names() {
        return Arrays.stream(values()).map(Figure::wireName).collect(Collectors.joining(", "));
    }
}
