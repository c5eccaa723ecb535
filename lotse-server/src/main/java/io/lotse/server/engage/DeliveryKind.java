package io.lotse.server.engage;

import java.util.Locale;

/** Why a message is sent. */
enum DeliveryKind {
    CAMPAIGN, JOURNEY, TEST, CONFIRMATION;

    String column() {
        return name().toLowerCase(Locale.ROOT);
    }

    static DeliveryKind fromColumn(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    /** Whether it is marketing, needing consent, an unsubscribe link and counting towards frequency caps. */
    boolean marketing() {
        return this == CAMPAIGN || this == JOURNEY;
    }
}
