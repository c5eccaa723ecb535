package io.lotse.server.engage;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Why an address must not be mailed again. */
public enum SuppressionReason {
    /** The receiving server said the address does not exist. */
    HARD_BOUNCE,
    /** The person marked a message as spam. */
    COMPLAINT,
    /** The person unsubscribed. */
    UNSUBSCRIBE,
    /** The person objected to direct marketing (Art. 21 (2) GDPR). */
    OBJECTION;

    @JsonValue
    String column() {
        return name().toLowerCase(Locale.ROOT);
    }

    static SuppressionReason fromColumn(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    /** Whether a new, confirmed opt-in by the person lifts it; bounces and complaints are never lifted so. */
    boolean liftedByNewConsent() {
        return this == UNSUBSCRIBE || this == OBJECTION;
    }
}
