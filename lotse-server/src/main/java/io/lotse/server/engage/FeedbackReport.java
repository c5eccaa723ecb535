package io.lotse.server.engage;

import org.jspecify.annotations.Nullable;

/**
 * A bounce or complaint about a message, from a DSN (RFC 3464), an ARF report (RFC 5965) or a webhook.
 *
 * @param kind          what happened
 * @param recipient     the address concerned, if the report names it
 * @param deliveryToken the {@code X-Lotse-Delivery} token of the original message, if the report carries it
 * @param detail        the status or feedback type, for the record
 */
record FeedbackReport(Kind kind, @Nullable String recipient, @Nullable String deliveryToken, String detail) {

    enum Kind {
        /** The address does not exist or refuses mail for good (a 5.x.x status). */
        HARD_BOUNCE,
        /** A temporary failure (4.x.x); nothing is suppressed. */
        SOFT_BOUNCE,
        /** The person reported the message as spam. */
        COMPLAINT
    }
}
