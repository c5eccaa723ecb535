package io.lotse.server.engage;

import io.lotse.engine.identity.IdentityType;
import io.lotse.server.collect.EventLog;
import io.lotse.server.collect.LoggedEvent;
import io.lotse.server.identity.IdentityRecord;
import io.lotse.server.identity.IdentityResolution;
import io.lotse.server.platform.BackgroundLoop;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Moves people through journeys, each step exactly once, also across restarts.
 *
 * <p>A person's whole state is their run row. Steps without an effect outside (wait, wait until, condition, random
 * split, exit) are recorded and the run advanced in one transaction. A step with an effect (send email, set trait,
 * segment, webhook, notify) is first recorded as begun in its own transaction, then acts, then is finished with the
 * run's advance; every effect carries a key made of run and step (the message's delivery row, the event's message
 * id, the webhook's {@code Idempotency-Key}), so a step begun before a crash and met again after the restart acts
 * no second time: an email already recorded is not sent again, an event already in the log is not stored again.
 */
@Component
class JourneyRunner implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(JourneyRunner.class);
    private static final int STEPS_PER_PASS = 20;
    /** How long a run is held while a step with an effect acts; a run still held after it is replayed. */
    private static final Duration LEASE = Duration.ofMinutes(5);

    private final JourneyStore store;
    private final TransactionTemplate transactions;
    private final People people;
    private final TemplateStore templates;
    private final DeliveryStore deliveries;
    private final SuppressionList suppressions;
    private final Outbox outbox;
    private final EngageEvents events;
    private final EventLog eventLog;
    private final IdentityResolution identities;
    private final EngageProperties properties;
    private final JsonMapper json;
    private final QuietHours quietHours;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final SplittableRandom random = new SplittableRandom();
    private final BackgroundLoop loop;

    JourneyRunner(JourneyStore store, TransactionTemplate transactions, People people, TemplateStore templates,
                  DeliveryStore deliveries, SuppressionList suppressions, Outbox outbox, EngageEvents events,
                  EventLog eventLog, IdentityResolution identities, EngageProperties properties, JsonMapper json) {
        this.store = store;
        this.transactions = transactions;
        this.people = people;
        this.templates = templates;
        this.deliveries = deliveries;
        this.suppressions = suppressions;
        this.outbox = outbox;
        this.events = events;
        this.eventLog = eventLog;
        this.identities = identities;
        this.properties = properties;
        this.json = json;
        this.quietHours = QuietHours.parse(properties.quietHours(), properties.zone());
        this.loop = BackgroundLoop.named("lotse-journeys", () -> pass() > 0)
                .waitingWhenIdle(Duration.ofMillis(500))
                .pausingAfterFailure(Duration.ofSeconds(5),
                        e -> log.error("Moving people through journeys failed; trying again in 5 s", e))
                .interruptingOnStop()
                .build();
    }

    void wake() {
        loop.wakeUp();
    }

    /** Works on every due run once; returns how many were due. */
    int pass() {
        List<Long> due = store.due(200);
        for (long runId : due) {
            try {
                process(runId);
            } catch (RuntimeException e) {
                log.error("Journey run {} failed at its current step; it is tried again in a minute", runId, e);
                store.postpone(runId, Instant.now().plus(Duration.ofMinutes(1)));
            }
        }
        return due.size();
    }

    /** Takes one run as far as it goes now: until it waits, ends, or has done a pass's worth of steps. */
    void process(long runId) {
        for (int i = 0; i < STEPS_PER_PASS; i++) {
            Optional<Pending> pending = transactions.execute(status -> next(runId));
            if (pending == null || pending.isEmpty()) {
                return;
            }
            Pending effect = pending.get();
            String outcome = act(effect);
            transactions.executeWithoutResult(status -> {
                store.finishStep(runId, effect.step().id(), outcome);
                String following = effect.journey().definition().following(effect.step(), effect.step().next());
                moveTo(runId, following);
            });
        }
    }

    /** A step with an effect, recorded as begun, to be carried out outside the transaction. */
    private record Pending(Journey journey, JourneyStore.Run run, JourneyDefinition.LinearStep step,
            boolean replay) {}

    /**
     * In one transaction: locks the run, does every step without an effect, and stops at a step with an effect
     * (recorded as begun), at a wait, or at the end. Empty when there is nothing to act on now.
     */
    private Optional<Pending> next(long runId) {
        Optional<JourneyStore.Run> locked = store.lock(runId);
        if (locked.isEmpty()) {
            return Optional.empty();
        }
        JourneyStore.Run run = locked.get();
        if (!run.status().equals("active") && !run.status().equals("waiting") || run.nextAt().isAfter(Instant.now())) {
            return Optional.empty();
        }
        Journey journey = store.find(run.journeyId()).orElseThrow();
        if (!journey.status().equals("active")) {
            return Optional.empty();
        }
        String current = run.currentStep();
        while (current != null) {
            Optional<JourneyDefinition.Step> found = journey.definition().step(current);
            if (found.isEmpty()) {
                store.advance(runId, "failed", current, Instant.now(), null);
                log.warn("Journey {} has no step '{}' any more; run {} ends", journey.id(), current, runId);
                return Optional.empty();
            }
            JourneyDefinition.Step step = found.get();
            if (step instanceof JourneyDefinition.LinearStep effect && effect.hasEffect()) {
                if (step instanceof JourneyDefinition.SendEmail || step instanceof JourneyDefinition.NotifySalesperson) {
                    Instant quietEnd = quietHours.endIfQuiet(Instant.now());
                    if (quietEnd != null) {
                        store.postpone(runId, quietEnd);
                        return Optional.empty();
                    }
                }
                boolean fresh = store.begin(runId, step.id(), "begun");
                store.postpone(runId, Instant.now().plus(LEASE));
                return Optional.of(new Pending(journey, run, effect, !fresh));
            }
            Decision decision = decide(journey, run, step);
            if (decision.waitUntil() != null) {
                store.advance(runId, decision.waitEvent() == null ? "active" : "waiting", step.id(),
                        decision.waitUntil(), decision.waitEvent());
                return Optional.empty();
            }
            current = decision.next();
            if (current == null) {
                store.advance(runId, step instanceof JourneyDefinition.Exit ? "exited" : "done", null, Instant.now(),
                        null);
                return Optional.empty();
            }
            store.advance(runId, "active", current, Instant.now(), null);
        }
        return Optional.empty();
    }

    /** Where a step without an effect leads: on to a step (or the end), or to wait until a time. */
    private record Decision(@Nullable String next, @Nullable Instant waitUntil, @Nullable String waitEvent) {}

    private Decision decide(Journey journey, JourneyStore.Run run, JourneyDefinition.Step step) {
        JourneyDefinition definition = journey.definition();
        Instant now = Instant.now();
        if (step instanceof JourneyDefinition.Wait wait) {
            if (store.begin(run.id(), step.id(), "waiting")) {
                return new Decision(null, now.plus(wait.duration()), null);
            }
            JourneyStore.StepRecord record = store.step(run.id(), step.id()).orElseThrow();
            if (now.isBefore(record.startedAt().plus(wait.duration()))) {
                return new Decision(null, record.startedAt().plus(wait.duration()), null);
            }
            store.finishStep(run.id(), step.id(), "waited");
            return new Decision(definition.following(step, wait.next()), null, null);
        }
        if (step instanceof JourneyDefinition.WaitUntil until) {
            if (store.begin(run.id(), step.id(), "waiting")) {
                return new Decision(null, now.plus(until.timeout()), until.event());
            }
            JourneyStore.StepRecord record = store.step(run.id(), step.id()).orElseThrow();
            // waiting from the start, the journey watches from its trigger (an order right after the cart counts)
            Instant since = step == definition.first() ? run.enteredAt() : record.startedAt();
            if (happenedSince(run.profileId(), until.event(), since)) {
                store.finishStep(run.id(), step.id(), "event");
                return new Decision(definition.following(step, until.onEvent()), null, null);
            }
            Instant deadline = record.startedAt().plus(until.timeout());
            if (now.isBefore(deadline)) {
                return new Decision(null, deadline, until.event());
            }
            store.finishStep(run.id(), step.id(), "timeout");
            return new Decision(until.onTimeout() != null ? until.onTimeout() : definition.following(step, null), null,
                    null);
        }
        if (step instanceof JourneyDefinition.Condition condition) {
            boolean yes = holds(condition.rule(), run);
            store.begin(run.id(), step.id(), yes ? "yes" : "no");
            store.finishStep(run.id(), step.id(), yes ? "yes" : "no");
            return new Decision(definition.following(step, yes ? condition.yes() : condition.no()), null, null);
        }
        if (step instanceof JourneyDefinition.RandomSplit split) {
            int roll = random.nextInt(100);
            int sum = 0;
            String chosen = split.branches().get(split.branches().size() - 1).next();
            for (JourneyDefinition.Branch branch : split.branches()) {
                sum += branch.percent();
                if (roll < sum) {
                    chosen = branch.next();
                    break;
                }
            }
            store.begin(run.id(), step.id(), "to " + chosen);
            store.finishStep(run.id(), step.id(), "to " + chosen);
            return new Decision(chosen, null, null);
        }
        store.begin(run.id(), step.id(), "exited");
        store.finishStep(run.id(), step.id(), "exited");
        return new Decision(null, null, null);
    }

    private void moveTo(long runId, @Nullable String step) {
        if (step == null) {
            store.advance(runId, "done", null, Instant.now(), null);
        } else {
            store.advance(runId, "active", step, Instant.now(), null);
        }
    }

    /** Carries out a step's effect; returns its outcome. */
    private String act(Pending pending) {
        JourneyDefinition.Step step = pending.step();
        long runId = pending.run().id();
        String key = "journey-" + runId + "-" + step.id();
        Person person = people.load(List.of(pending.run().profileId()), Set.of(), step instanceof JourneyDefinition.SendEmail)
                .get(pending.run().profileId());
        if (person == null) {
            return "profile gone";
        }
        if (step instanceof JourneyDefinition.SendEmail send) {
            return sendEmail(pending, send, person);
        }
        if (step instanceof JourneyDefinition.SetTrait set) {
            ObjectNode traits = JsonNodeFactory.instance.objectNode();
            traits.set(set.trait(), set.value());
            events.identify(key, person.userId(), person.email(), traits);
            return "set";
        }
        if (step instanceof JourneyDefinition.Segment segment) {
            ObjectNode traits = JsonNodeFactory.instance.objectNode();
            traits.put("segment_" + segment.key(), segment.add());
            events.identify(key, person.userId(), person.email(), traits);
            return segment.add() ? "added" : "removed";
        }
        if (step instanceof JourneyDefinition.Webhook webhook) {
            return callWebhook(webhook, pending, person, key);
        }
        if (step instanceof JourneyDefinition.NotifySalesperson notify) {
            return notifySalesperson(notify, pending, person);
        }
        return "nothing to do";
    }

    private String sendEmail(Pending pending, JourneyDefinition.SendEmail send, Person person) {
        long runId = pending.run().id();
        if (pending.replay()) {
            Optional<DeliveryStatus> earlier = deliveries.journeyDeliveryStatus(runId, send.id());
            if (earlier.isPresent()) {
                return earlier.get() == DeliveryStatus.SENDING ? "interrupted" : earlier.get().column();
            }
        }
        if (!person.marketingConsent()) {
            return "no_consent";
        }
        if (suppressions.isSuppressed(person.email())) {
            return "suppressed";
        }
        int recent = deliveries.recentMarketingCounts(List.of(person.profileId()), properties.frequencyWindow())
                .getOrDefault(person.profileId(), 0);
        if (recent >= properties.frequencyCap()) {
            return "capped";
        }
        Optional<EmailTemplate> template = templates.find(send.templateId());
        if (template.isEmpty() || !template.get().sendable()) {
            return "template missing or not approved";
        }
        Optional<Delivery> delivery = deliveries.startJourney(runId, send.id(), person.profileId(), person.userId(),
                person.email());
        if (delivery.isEmpty()) {
            return deliveries.journeyDeliveryStatus(runId, send.id()).map(DeliveryStatus::column).orElse("interrupted");
        }
        DeliveryStore.Outcome outcome = outbox.deliver(delivery.get(), template.get().compile(), person, send.topic(),
                "journey-" + pending.journey().id(), "");
        deliveries.finish(List.of(outcome));
        return outcome.status().column();
    }

    private String callWebhook(JourneyDefinition.Webhook webhook, Pending pending, Person person, String key) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("journeyId", pending.journey().id());
        body.put("journey", pending.journey().name());
        body.put("step", webhook.id());
        body.put("profileId", person.profileId());
        if (person.userId() != null) {
            body.put("userId", person.userId());
        }
        body.put("email", person.email());
        body.set("traits", person.traits());
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(webhook.url()))
                    .timeout(Duration.ofSeconds(15)).header("Content-Type", "application/json")
                    .header("Idempotency-Key", key)
                    .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))).build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode() / 100 == 2 ? "called" : "failed: HTTP " + response.statusCode();
        } catch (java.io.IOException e) {
            return "failed: " + e.getClass().getSimpleName();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private String notifySalesperson(JourneyDefinition.NotifySalesperson notify, Pending pending, Person person) {
        if (pending.replay() && deliveries.journeyDeliveryStatus(pending.run().id(), notify.id()).isPresent()) {
            return "sent";
        }
        String name = person.traits().path("firstName").asString("") + " " + person.traits().path("lastName").asString("");
        String text = "Journey \"" + pending.journey().name() + "\" asks you to contact " + name.strip() + " <"
                + person.email() + ">, profile " + person.profileId() + ".";
        Content content = Content.compile("Lead to contact: " + (name.isBlank() ? person.email() : name.strip())
                .replace("{{", "{ {"), "", text.replace("{{", "{ {"));
        Person salesperson = new Person(0, null, notify.email(), JsonNodeFactory.instance.objectNode(), false, Map.of(),
                List.of(), Set.of());
        Optional<Delivery> delivery = deliveries.startJourney(pending.run().id(), notify.id(), person.profileId(), null,
                notify.email());
        if (delivery.isEmpty()) {
            return "sent";
        }
        Delivery notification = new Delivery(delivery.get().id(), DeliveryKind.NOTIFICATION, null, null, null,
                notify.email(), null);
        DeliveryStore.Outcome outcome = outbox.deliver(notification, content, salesperson, "notification", null, "");
        deliveries.finish(List.of(outcome));
        return outcome.status().column();
    }

    /** Whether the person did the event at or after a time, as the log shows. */
    boolean happenedSince(long profileId, String event, Instant since) {
        List<IdentityRecord> ids = identities.identitiesOf(profileId);
        List<String> userIds = ids.stream().filter(i -> i.type().equals(IdentityType.USER_ID.name()))
                .map(IdentityRecord::value).toList();
        List<String> anonymousIds = ids.stream().filter(i -> i.type().equals(IdentityType.ANONYMOUS_ID.name()))
                .map(IdentityRecord::value).toList();
        if (userIds.isEmpty() && anonymousIds.isEmpty()) {
            return false;
        }
        for (LoggedEvent logged : eventLog.eventsOf(userIds, anonymousIds, Long.MAX_VALUE, 500)) {
            if (logged.timestamp().isBefore(since)) {
                return false;
            }
            if (event.equals(logged.event()) && "track".equals(logged.type().wireName())) {
                return true;
            }
        }
        return false;
    }

    private boolean holds(JsonNode rule, JourneyStore.Run run) {
        if (rule.has("event")) {
            return happenedSince(run.profileId(), rule.path("event").asString(), run.enteredAt());
        }
        Person person = people.load(List.of(run.profileId()), Set.of(), false).get(run.profileId());
        if (person == null) {
            return false;
        }
        if (rule.has("consent")) {
            return person.marketingConsent();
        }
        if (rule.has("score")) {
            Double score = person.scores().get(rule.path("score").asString());
            if (score == null) {
                return false;
            }
            return rule.has("above") ? score > rule.path("above").asDouble() : score < rule.path("below").asDouble();
        }
        JsonNode value = person.traits();
        for (String part : rule.path("trait").asString().split("\\.")) {
            value = value.path(part);
        }
        if (rule.has("equals")) {
            return value.equals(rule.get("equals")) || value.isValueNode() && rule.get("equals").isValueNode()
                    && value.asString().equals(rule.get("equals").asString());
        }
        return !value.isMissingNode() && !value.isNull();
    }

    @Override
    public void start() {
        loop.start();
    }

    @Override
    public void stop() {
        loop.stop();
    }

    @Override
    public boolean isRunning() {
        return loop.isRunning();
    }
}
