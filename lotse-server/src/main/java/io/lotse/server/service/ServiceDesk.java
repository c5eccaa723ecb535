package io.lotse.server.service;

import io.lotse.engine.text.Entity;
import io.lotse.engine.text.EntityExtractor;
import io.lotse.engine.text.IntentPrediction;
import io.lotse.engine.text.LabelledText;
import io.lotse.engine.text.LanguageDetector;
import io.lotse.engine.text.LanguageGuess;
import io.lotse.engine.text.Sentiment;
import io.lotse.engine.text.ToneAnalyzer;
import io.lotse.engine.text.Urgency;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The service desk: takes a message from any channel, stores it first (so nothing is lost whatever happens
 * next), understands it, gathers the customer's data, fills the answer template, and answers automatically
 * only when the intent is enabled, confidence and margin pass the thresholds chosen for the target precision,
 * and every lookup succeeded; everything else becomes a draft for an agent. A later message on an automatically
 * answered ticket reopens it for a person.
 */
@Service
public class ServiceDesk {

    private static final Logger log = LoggerFactory.getLogger(ServiceDesk.class);

    private final TicketStore tickets;
    private final IntentModel model;
    private final ContextGatherer gatherer;
    private final AnswerTemplates templates;
    private final IntentSettings settings;
    private final ExampleStore examples;
    private final ServiceProperties properties;
    private final JsonMapper json;
    private final MeterRegistry meters;
    private final Map<String, ReplyChannel> channels = new HashMap<>();
    private final LanguageDetector languages = LanguageDetector.builtIn();
    private final EntityExtractor entities = EntityExtractor.withoutCatalogue();
    private final ToneAnalyzer tone = new ToneAnalyzer();

    ServiceDesk(TicketStore tickets, IntentModel model, ContextGatherer gatherer, AnswerTemplates templates,
            IntentSettings settings, ExampleStore examples, ServiceProperties properties, JsonMapper json,
            MeterRegistry meters, List<ReplyChannel> replyChannels) {
        this.tickets = tickets;
        this.model = model;
        this.gatherer = gatherer;
        this.templates = templates;
        this.settings = settings;
        this.examples = examples;
        this.properties = properties;
        this.json = json;
        this.meters = meters;
        replyChannels.forEach(channel -> channels.put(channel.channel(), channel));
    }

    /**
     * Takes a customer message.
     *
     * @return the ticket it opened or continued, with what Lotse prepared and, when it answered automatically,
     *         the answer
     * @throws InvalidServiceMessageException when the message is empty, too long or binary; nothing is stored
     *         then, the caller keeps the input
     */
    public Ticket receive(IncomingMessage message) {
        String text = MessageText.check(message.text(), properties.maxMessageChars());
        Instant now = Instant.now();
        if (message.externalId() != null && tickets.messageKnown(message.externalId())) {
            Optional<Long> known = message.externalRef() == null ? Optional.empty()
                    : tickets.byExternalRef(message.channel(), message.externalRef());
            if (known.isPresent()) {
                return ticket(known.get());
            }
        }
        Optional<Long> continued = Optional.ofNullable(message.ticketId());
        if (continued.isEmpty() && message.externalRef() != null) {
            continued = tickets.byExternalRef(message.channel(), message.externalRef());
        }
        if (continued.isPresent()) {
            long id = continued.get();
            Ticket before = ticket(id);
            tickets.addMessage(id, "in", text, false, message.sender(), message.externalId(), now);
            tickets.customerWroteAgain(id);
            if ("automation".equals(before.answeredBy())) {
                tickets.addNote(id, new Note("reopened", before.channel(),
                        "the customer wrote again after an automatic answer; a person answers now"));
                meters.counter("lotse.service.reopened", "intent", String.valueOf(before.intent())).increment();
                handOver(before);
            }
            return ticket(id);
        }
        long id = tickets.create(new TicketStore.Incoming(message.channel(), message.externalRef(),
                message.externalId(), message.sender(), message.email(), message.userId(), message.subject(), text,
                message.replyTo(), now));
        try {
            prepare(id, message, text);
        } catch (RuntimeException e) {
            log.error("Preparing service ticket {} failed; it waits for an agent", id, e);
            tickets.addNote(id, new Note("analysis_failed", "lotse", String.valueOf(e.getMessage())));
            tickets.status(id, "draft");
        }
        return ticket(id);
    }

    private void prepare(long id, IncomingMessage message, String text) {
        LanguageGuess guess = languages.detect(text);
        String language = "de".equals(guess.language()) ? "de" : "en";
        IntentModel.Trained trained = model.current();
        IntentPrediction prediction = trained.classifier().classify(text);
        List<Entity> found = entities.extract(text);
        Sentiment sentiment = tone.sentiment(text);
        Urgency urgency = tone.urgency(text);
        String email = message.email() != null ? message.email()
                : message.sender().contains("@") ? message.sender() : null;
        GatheredContext context = gatherer.gather(new ContextGatherer.Request(email, message.userId(),
                message.orderNumber(), found, language, id));
        List<String> products = new ArrayList<>();
        context.orders().forEach(order -> order.items().forEach(item -> products.add(item.name())));
        if (!products.isEmpty()) {
            // The customer's own products are the catalogue the message most likely names.
            found = entities.withProducts(products).extract(text);
        }
        String intent = prediction.intent();
        AnswerTemplates.Answer answer = templates.fill(intent, language, context.variables());
        AutomationDecision decision = AutomationDecision.decide(prediction, trained.thresholds(),
                settings.automated(intent), answer, context.lookupsSucceeded());
        boolean automatic = decision.automatic();
        List<Note> notes = new ArrayList<>(context.notes());
        if (!automatic) {
            notes.add(new Note("handed_over", intent, String.join("; ", decision.reasons())));
        }
        tickets.analysed(id, new TicketStore.Analysis(language, intent, prediction.confidence(), prediction.margin(),
                prediction.runnerUp(), prediction.outOfScope(), trained.version(), sentiment.score(), urgency.score(),
                urgency.level().name(), context.customer() == null ? null : context.customer().profileId(),
                json.writeValueAsString(found), json.writeValueAsString(contextJson(context, prediction, urgency)),
                json.writeValueAsString(notes), answer.text(), answer.complete(), "draft"));
        meters.counter("lotse.service.messages", "intent", intent, "outcome", automatic ? "automated" : "handed_over")
                .increment();
        Ticket ticket = ticket(id);
        if (automatic) {
            String sent = answer.text() + AnswerTemplates.AUTOMATED_NOTE.get(language);
            deliver(ticket, sent, true, "lotse");
        } else {
            handOver(ticket);
        }
    }

    private Map<String, Object> contextJson(GatheredContext context, IntentPrediction prediction, Urgency urgency) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("customer", context.customer());
        out.put("order", context.order());
        out.put("orders", context.orders());
        out.put("earlier", context.earlier());
        out.put("lookups", context.lookups());
        out.put("links", context.links());
        out.put("variables", context.variables());
        out.put("lookupsSucceeded", context.lookupsSucceeded());
        out.put("ranking", prediction.ranking());
        out.put("urgencyCues", urgency.cues());
        return out;
    }

    /**
     * Sends an agent's answer (the suggested one when {@code text} is null or blank).
     *
     * @throws TicketNotFoundException when there is no such ticket
     * @throws IllegalStateException when there is nothing to send or the channel refused it
     */
    public Ticket reply(long ticketId, @Nullable String text, String agent) {
        Ticket ticket = ticket(ticketId);
        String answer = text == null || text.isBlank() ? ticket.suggestedAnswer() : text.strip();
        if (answer == null || answer.isBlank()) {
            throw new IllegalStateException("ticket " + ticketId + " has no suggested answer; write one");
        }
        if (!deliver(ticket, answer, false, agent)) {
            throw new IllegalStateException("the answer could not be sent on " + ticket.channel()
                    + "; see the ticket's notes, and try again");
        }
        return ticket(ticketId);
    }

    /**
     * Corrects the intent of a ticket: the example goes into the training data (the model is retrained after
     * enough corrections) and the suggested answer is filled again for the right intent.
     *
     * @throws TicketNotFoundException when there is no such ticket
     * @throws IllegalArgumentException for an unknown intent
     */
    public Ticket correct(long ticketId, String intent, String agent) {
        Ticket ticket = ticket(ticketId);
        if (!templates.intents().contains(intent)) {
            throw new IllegalArgumentException("unknown intent '" + intent + "'");
        }
        String first = ticket.messages().stream().filter(m -> "in".equals(m.direction())).map(Ticket.Message::body)
                .findFirst().orElseThrow();
        tickets.correct(ticketId, intent);
        examples.add(new LabelledText(first, intent), intent.equals(ticket.intent()) ? "confirmation" : "correction",
                ticketId, null);
        if (!intent.equals(ticket.intent())) {
            meters.counter("lotse.service.corrections", "intent", String.valueOf(ticket.intent())).increment();
            model.correctionAdded();
        }
        Map<String, String> variables = new LinkedHashMap<>();
        JsonNode vars = ticket.context().path("variables");
        vars.properties().forEach(entry -> variables.put(entry.getKey(), entry.getValue().asString()));
        if (variables.isEmpty()) {
            variables.putAll(gatherer.gather(new ContextGatherer.Request(ticket.email(), ticket.userId(), null,
                    List.of(), ticket.language(), ticketId)).variables());
        }
        if (ticket.open()) {
            tickets.suggest(ticketId, templates.fill(intent, ticket.language(), variables).text());
        }
        log.info("{} set the intent of ticket {} to {} (predicted {})", agent, ticketId, intent, ticket.intent());
        return ticket(ticketId);
    }

    /** Closes a ticket without an answer (spam, duplicates). */
    public Ticket close(long ticketId) {
        ticket(ticketId);
        tickets.status(ticketId, "closed");
        return ticket(ticketId);
    }

    /**
     * A ticket.
     *
     * @throws TicketNotFoundException when there is none
     */
    public Ticket ticket(long id) {
        return tickets.find(id).orElseThrow(() -> new TicketNotFoundException(id));
    }

    /** Open tickets, most urgent first. */
    public List<Ticket> queue(int limit) {
        return tickets.queue(limit);
    }

    /** The latest tickets. */
    public List<Ticket> recent(int limit) {
        return tickets.recent(limit);
    }

    private boolean deliver(Ticket ticket, String text, boolean automated, String author) {
        ReplyChannel channel = channel(ticket.channel());
        String externalId;
        try {
            externalId = channel.send(ticket, tickets.replyTo(ticket.id()), text);
        } catch (ReplyChannel.ReplyFailedException e) {
            log.warn("Answer to ticket {} could not be sent on {}: {}", ticket.id(), ticket.channel(), e.getMessage());
            tickets.addNote(ticket.id(), new Note("reply_failed", ticket.channel(), e.getMessage()));
            tickets.status(ticket.id(), "draft");
            return false;
        }
        Instant now = Instant.now();
        tickets.addMessage(ticket.id(), "out", text, automated, author, externalId, now);
        tickets.answered(ticket.id(), automated ? "auto_answered" : "answered", automated ? "automation" : "agent",
                now);
        if (ticket.firstAnswerAt() == null) {
            meters.timer("lotse.service.first.answer", "intent", String.valueOf(ticket.effectiveIntent()), "by",
                    automated ? "automation" : "agent").record(Duration.between(ticket.createdAt(), now));
        }
        return true;
    }

    private void handOver(Ticket ticket) {
        try {
            channel(ticket.channel()).handOver(ticket, tickets.replyTo(ticket.id()));
        } catch (ReplyChannel.ReplyFailedException e) {
            tickets.addNote(ticket.id(), new Note("reply_failed", ticket.channel(), e.getMessage()));
        }
    }

    private ReplyChannel channel(String name) {
        ReplyChannel channel = channels.get(name);
        return channel != null ? channel : channels.get("api");
    }
}
