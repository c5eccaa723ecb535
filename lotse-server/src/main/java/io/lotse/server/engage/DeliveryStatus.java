package io.lotse.server.engage;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where a delivery stands. */
enum DeliveryStatus {
    /** Waiting to be sent, not before its time. */
    QUEUED,
    /** A member of the campaign's holdout group: deliberately not sent, to measure what the campaign adds. */
    HELD_OUT,
    /** Claimed by a sender. */
    SENDING,
    /** Accepted by the SMTP server. */
    SENT,
    /** Not sent: the address is on the suppression list. */
    SUPPRESSED,
    /** Not sent: the person has not consented to marketing email. */
    NO_CONSENT,
    /** Not sent: the person has had enough messages lately (frequency cap). */
    CAPPED,
    /** Not sent: the person is gone (erased) or opted out of the topic. */
    SKIPPED,
    /** The SMTP server did not take it, temporarily or for another reason than the address. */
    FAILED,
    /** The address does not exist (a permanent refusal or a bounce report). */
    BOUNCED,
    /** The process stopped while sending it; whether it went out is unknown, so it is never sent again. */
    INTERRUPTED;

    @JsonValue
    String column() {
        return name().toLowerCase(Locale.ROOT);
    }

    static DeliveryStatus fromColumn(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
