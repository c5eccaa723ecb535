package io.lotse.server.engage;

import org.jspecify.annotations.Nullable;

/**
 * What the SMTP server said to one message.
 *
 * @param accepted  whether it took the message for delivery
 * @param permanent for a refusal: whether it is final (5xx, the address does not exist) rather than temporary
 * @param detail    the server's answer or the failure, for a refusal
 */
record SendResult(boolean accepted, boolean permanent, @Nullable String detail) {

    static final SendResult ACCEPTED = new SendResult(true, false, null);

    static SendResult refused(boolean permanent, String detail) {
        return new SendResult(false, permanent, detail);
    }
}
