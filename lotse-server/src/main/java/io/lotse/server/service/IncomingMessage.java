package io.lotse.server.service;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A customer message from any channel.
 *
 * @param channel      {@code api}, {@code chat}, {@code email} or {@code chatwoot}
 * @param sender       who wrote: an email address or the channel's id of the sender
 * @param text         the message
 * @param subject      subject line, if any
 * @param email        the sender's email, when known
 * @param userId       the logged-in user id, when known
 * @param orderNumber  the order the channel says the message is about, if any
 * @param ticketId     an existing ticket the message continues, if any
 * @param externalRef  the channel's id of the conversation (continues the ticket with the same id), if any
 * @param externalId   the channel's id of this message (a message seen before is not taken twice), if any
 * @param replyTo      what the channel needs later to answer
 */
public record IncomingMessage(String channel, String sender, String text, @Nullable String subject,
        @Nullable String email, @Nullable String userId, @Nullable String orderNumber, @Nullable Long ticketId,
        @Nullable String externalRef, @Nullable String externalId, JsonNode replyTo) {
}
