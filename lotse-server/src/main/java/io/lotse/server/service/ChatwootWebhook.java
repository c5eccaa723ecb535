package io.lotse.server.service;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The webhook of a Chatwoot agent bot: Chatwoot posts every event of the inboxes the bot serves; Lotse takes
 * {@code message_created} events of {@code incoming} messages and ignores the rest (its own answers come back as
 * outgoing messages). Authenticated by the secret {@code lotse.service.chatwoot.webhook-token}, given in the
 * webhook URL as {@code ?token=}; it lives beside the tracking API under {@code /v1} because Chatwoot cannot send
 * the admin token.
 */
@RestController
class ChatwootWebhook {

    private final ServiceDesk desk;
    private final TicketStore tickets;
    private final ServiceProperties properties;
    private final JsonMapper json;

    ChatwootWebhook(ServiceDesk desk, TicketStore tickets, ServiceProperties properties, JsonMapper json) {
        this.desk = desk;
        this.tickets = tickets;
        this.properties = properties;
        this.json = json;
    }

    @PostMapping("/v1/service/chatwoot")
    ResponseEntity<?> event(@RequestParam(required = false) @Nullable String token, HttpServletRequest request)
            throws IOException {
        String expected = properties.chatwoot().webhookToken();
        if (expected == null || expected.isBlank()) {
            return problem(HttpStatus.NOT_FOUND, "Chatwoot webhook off",
                    "set lotse.service.chatwoot.webhook-token to receive Chatwoot events");
        }
        if (token == null || !MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8),
                expected.getBytes(StandardCharsets.UTF_8))) {
            return problem(HttpStatus.UNAUTHORIZED, "Wrong webhook token",
                    "the webhook URL must carry ?token=<lotse.service.chatwoot.webhook-token>");
        }
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(ServiceController.MAX_BODY_BYTES + 1);
        }
        try {
            if (body.length > ServiceController.MAX_BODY_BYTES) {
                throw new InvalidServiceMessageException("the event is larger than " + ServiceController.MAX_BODY_BYTES
                        + " bytes");
            }
            JsonNode event;
            try {
                event = json.readTree(MessageText.utf8(body));
            } catch (JacksonException e) {
                throw new InvalidServiceMessageException("the event is not valid JSON: " + e.getOriginalMessage());
            }
            if (event == null || !event.isObject()) {
                throw new InvalidServiceMessageException("the event must be a JSON object");
            }
            if (!"message_created".equals(event.path("event").asString())
                    || !"incoming".equals(event.path("message_type").asString())) {
                return ResponseEntity.ok(Map.of("ignored", "only incoming message_created events are handled"));
            }
            JsonNode conversation = event.path("conversation");
            JsonNode account = event.path("account");
            if (!conversation.has("id") || !account.has("id")) {
                throw new InvalidServiceMessageException("the event has no conversation.id or account.id");
            }
            String content = event.path("content").isString() ? event.path("content").asString() : "";
            JsonNode sender = event.path("sender");
            String email = text(sender.get("email"));
            if (email == null) {
                email = text(conversation.path("meta").path("sender").get("email"));
            }
            String senderId = email != null ? email : "chatwoot-contact:" + sender.path("id").asString();
            ObjectNode replyTo = json.createObjectNode();
            replyTo.put("account", account.get("id").asString());
            replyTo.put("conversation", conversation.get("id").asString());
            String ref = account.get("id").asString() + ":" + conversation.get("id").asString();
            String messageId = event.has("id") ? "chatwoot-in:" + ref + ":" + event.get("id").asString() : null;
            Ticket ticket = desk.receive(new IncomingMessage("chatwoot", senderId, content, null, email, null, null,
                    null, ref, messageId, replyTo));
            return ResponseEntity.ok(Map.of("ticketId", ticket.id(), "status", ticket.status()));
        } catch (InvalidServiceMessageException e) {
            long kept = tickets.reject("chatwoot", e.getMessage(), body.length > ServiceController.MAX_BODY_BYTES
                    ? java.util.Arrays.copyOf(body, ServiceController.MAX_BODY_BYTES) : body, Instant.now());
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
            problem.setTitle("Message not accepted");
            problem.setProperty("rejectionId", kept);
            return ResponseEntity.badRequest().body(problem);
        }
    }

    private static @Nullable String text(@Nullable JsonNode node) {
        return node == null || !node.isString() || node.asString().isBlank() ? null : node.asString();
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return ResponseEntity.status(status).body(problem);
    }
}
