package io.lotse.server.service;

import io.lotse.engine.text.LabelledText;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

/** The customer-service admin API: messages in, tickets, answers, corrections, automation, model, figures. */
@RestController
@RequestMapping("/api/v1/service")
class ServiceController {

    /** Largest request body read; a message is much smaller. */
    static final int MAX_BODY_BYTES = 1 << 20;
    private static final Set<String> API_CHANNELS = Set.of("api", "chat");

    private final ServiceDesk desk;
    private final TicketStore tickets;
    private final IntentSettings settings;
    private final ExampleStore examples;
    private final IntentModel model;
    private final ServiceFigures figures;
    private final JsonMapper json;

    ServiceController(ServiceDesk desk, TicketStore tickets, IntentSettings settings, ExampleStore examples,
            IntentModel model, ServiceFigures figures, JsonMapper json) {
        this.desk = desk;
        this.tickets = tickets;
        this.settings = settings;
        this.examples = examples;
        this.model = model;
        this.figures = figures;
        this.json = json;
    }

    /**
     * A customer message: {@code {"sender", "text", "channel" ("api" or "chat"), "subject", "email", "userId",
     * "orderNumber", "ticketId"}}. Answers 201 with the ticket.
     */
    @PostMapping("/messages")
    ResponseEntity<Ticket> message(HttpServletRequest request) throws IOException {
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(MAX_BODY_BYTES + 1);
        }
        try {
            if (body.length > MAX_BODY_BYTES) {
                throw new InvalidServiceMessageException("the request body is larger than " + MAX_BODY_BYTES
                        + " bytes; a message may have at most " + MAX_BODY_BYTES + " bytes");
            }
            JsonNode node = parse(MessageText.utf8(body));
            String channel = optional(node, "channel");
            channel = channel == null ? "api" : channel;
            if (!API_CHANNELS.contains(channel)) {
                throw new InvalidServiceMessageException("'channel' must be 'api' or 'chat', was '" + channel + "'");
            }
            String text = required(node, "text");
            String sender = required(node, "sender");
            JsonNode ticketId = node.get("ticketId");
            if (ticketId != null && !ticketId.isNull() && !ticketId.canConvertToLong()) {
                throw new InvalidServiceMessageException("'ticketId' must be a number");
            }
            IncomingMessage message = new IncomingMessage(channel, sender, text, optional(node, "subject"),
                    optional(node, "email"), optional(node, "userId"), optional(node, "orderNumber"),
                    ticketId == null || ticketId.isNull() ? null : ticketId.asLong(), null, null,
                    JsonNodeFactory.instance.objectNode());
            return ResponseEntity.status(HttpStatus.CREATED).body(desk.receive(message));
        } catch (InvalidServiceMessageException e) {
            long kept = tickets.reject("api", e.getMessage(), body.length > MAX_BODY_BYTES
                    ? java.util.Arrays.copyOf(body, MAX_BODY_BYTES) : body, Instant.now());
            throw new RejectedMessageException(e.getMessage(), kept);
        }
    }

    private JsonNode parse(String body) {
        try {
            JsonNode node = json.readTree(body);
            if (node == null || !node.isObject()) {
                throw new InvalidServiceMessageException("the body must be a JSON object with 'sender' and 'text'");
            }
            return node;
        } catch (JacksonException e) {
            throw new InvalidServiceMessageException("the body is not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static String required(JsonNode node, String field) {
        String value = optional(node, field);
        if (value == null) {
            throw new InvalidServiceMessageException("'" + field + "' is required and must be a string"
                    + ("text".equals(field) ? "; the message is empty" : ""));
        }
        return value;
    }

    private static @Nullable String optional(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            throw new InvalidServiceMessageException("'" + field + "' must be a string");
        }
        return value.asString().isBlank() && !"text".equals(field) ? null : value.asString();
    }

    @GetMapping("/tickets")
    Map<String, Object> list(@RequestParam(defaultValue = "open") String status,
            @RequestParam(defaultValue = "50") int limit) {
        int capped = Math.max(1, Math.min(500, limit));
        return Map.of("tickets", "open".equals(status) ? desk.queue(capped) : desk.recent(capped));
    }

    @GetMapping("/tickets/{id}")
    Ticket ticket(@PathVariable long id) {
        return desk.ticket(id);
    }

    /** Sends an answer: {@code {"text": "..."}}, or the suggested answer when there is no text. */
    @PostMapping("/tickets/{id}/reply")
    Ticket reply(@PathVariable long id, @RequestBody(required = false) @Nullable Map<String, String> body) {
        return desk.reply(id, body == null ? null : body.get("text"), "admin-api");
    }

    /** Sets the right intent: {@code {"intent": "return_item"}}. */
    @PostMapping("/tickets/{id}/intent")
    Ticket correct(@PathVariable long id, @RequestBody Map<String, String> body) {
        String intent = body.get("intent");
        if (intent == null || intent.isBlank()) {
            throw new IllegalArgumentException("'intent' is required");
        }
        return desk.correct(id, intent.strip(), "admin-api");
    }

    @PostMapping("/tickets/{id}/close")
    Ticket close(@PathVariable long id) {
        return desk.close(id);
    }

    /** Which intents are answered automatically. */
    @GetMapping("/intents")
    Map<String, Boolean> intents() {
        return settings.all();
    }

    /** Turns automation on or off per intent: {@code {"where_is_my_order": true, "complaint": false}}. */
    @PutMapping("/intents")
    Map<String, Boolean> automate(@RequestBody Map<String, Boolean> changes) {
        changes.forEach(settings::set);
        return settings.all();
    }

    /**
     * Adds labelled examples: {@code [{"text": "...", "intent": "...", "group": "..."}]}, the group (optional) naming
     * the phrasings an example belongs to, e.g. the template it was written from; retrain to use them.
     */
    @PostMapping("/examples")
    Map<String, Object> addExamples(@RequestBody List<Map<String, String>> body) {
        Set<String> known = Set.copyOf(settings.all().keySet());
        int added = 0;
        for (Map<String, String> entry : body) {
            String text = entry.get("text");
            String intent = entry.get("intent");
            if (text == null || text.isBlank() || intent == null || !known.contains(intent)) {
                throw new IllegalArgumentException("example " + added + " needs 'text' and a known 'intent'");
            }
            String group = entry.get("group");
            if (group != null && group.length() > 200) {
                throw new IllegalArgumentException("example " + added + ": a group name has at most 200 characters");
            }
            examples.add(new LabelledText(MessageText.check(text, 20_000), intent), "api", null,
                    group == null || group.isBlank() ? null : group.strip());
            added++;
        }
        return Map.of("added", added);
    }

    /** Retrains the intent model now and answers with its provenance. */
    @PostMapping("/model/retrain")
    Map<String, Object> retrain() {
        return describe(model.retrain());
    }

    @GetMapping("/model")
    Map<String, Object> currentModel() {
        return describe(model.current());
    }

    private static Map<String, Object> describe(IntentModel.Trained trained) {
        var provenance = trained.classifier().provenance();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("version", trained.version());
        out.put("trainedAt", trained.trainedAt());
        out.put("examples", provenance.examples());
        out.put("validationExamples", provenance.validationExamples());
        out.put("validationAccuracy", finite(provenance.validationAccuracy()));
        out.put("embedding", provenance.embedding());
        out.put("temperature", provenance.temperature());
        out.put("outOfScopeThreshold", provenance.outOfScopeThreshold());
        out.put("trainingMillis", provenance.trainingMillis());
        Map<String, Object> thresholds = new LinkedHashMap<>();
        thresholds.put("minConfidence", finite(trained.thresholds().minConfidence()));
        thresholds.put("minMargin", finite(trained.thresholds().minMargin()));
        thresholds.put("targetPrecision", trained.thresholds().targetPrecision());
        thresholds.put("expectedPrecision", finite(trained.thresholds().expectedPrecision()));
        thresholds.put("coverage", trained.thresholds().coverage());
        thresholds.put("support", trained.thresholds().support());
        thresholds.put("validation", trained.thresholdValidation());
        out.put("automation", thresholds);
        return out;
    }

    private static @Nullable Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }

    /** Automation rate, auto-answer precision and time to first answer per intent, over the last days. */
    @GetMapping("/metrics")
    ServiceFigures.Metrics metrics(@RequestParam(defaultValue = "30") int days) {
        return figures.metrics(Math.max(1, Math.min(365, days)));
    }

    /** Pain-volume index per topic, new topics among unmatched messages, and the two lists. */
    @GetMapping("/friction")
    ServiceFigures.Friction friction(@RequestParam(defaultValue = "30") int days) {
        return figures.friction(Math.max(1, Math.min(365, days)));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> rejected(RejectedMessageException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle("Message not accepted");
        problem.setProperty("rejectionId", e.rejectionId);
        return ResponseEntity.badRequest().body(problem);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> invalid(InvalidServiceMessageException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle("Message not accepted");
        return ResponseEntity.badRequest().body(problem);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> notFound(TicketNotFoundException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
        problem.setTitle("Ticket not found");
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> badRequest(IllegalArgumentException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle("Invalid request");
        return ResponseEntity.badRequest().body(problem);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> conflict(IllegalStateException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        problem.setTitle("Not possible now");
        return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
    }

    /** A message refused with its reason; the input is kept under {@code rejectionId}. */
    static final class RejectedMessageException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final long rejectionId;

        RejectedMessageException(String message, long rejectionId) {
            super(message, null, false, false);
            this.rejectionId = rejectionId;
        }
    }
}
