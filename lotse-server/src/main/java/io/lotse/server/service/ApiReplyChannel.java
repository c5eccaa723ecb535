package io.lotse.server.service;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Messages posted to the API (chat widgets, other systems): the answer is stored on the ticket, returned with it
 * and fetched by the caller; nothing is pushed.
 */
@Component
class ApiReplyChannel implements ReplyChannel {

    @Override
    public String channel() {
        return "api";
    }

    @Override
    public @Nullable String send(Ticket ticket, JsonNode replyTo, String text) {
        return null;
    }
}
