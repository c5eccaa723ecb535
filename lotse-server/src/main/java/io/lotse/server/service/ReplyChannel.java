package io.lotse.server.service;

import tools.jackson.databind.JsonNode;

/** Delivers an answer to the customer on the channel the ticket came from. */
interface ReplyChannel {

    /** The channel name in {@code service_tickets.channel}. */
    String channel();

    /**
     * Sends the answer.
     *
     * @param ticket  the ticket
     * @param replyTo what the channel stored when the message arrived
     * @param text    the answer
     * @return the channel's id of the sent message, or null
     * @throws ReplyFailedException when the answer could not be delivered
     */
    @org.jspecify.annotations.Nullable String send(Ticket ticket, JsonNode replyTo, String text);

    /** Hands the conversation to a person on the channel's side, if the channel has such a notion. */
    default void handOver(Ticket ticket, JsonNode replyTo) {
    }

    /** An answer that could not be delivered. */
    final class ReplyFailedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ReplyFailedException(String message, Throwable cause) {
            super(message, cause);
        }

        ReplyFailedException(String message) {
            super(message);
        }
    }
}
