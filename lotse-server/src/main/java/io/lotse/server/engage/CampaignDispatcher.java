package io.lotse.server.engage;

import io.lotse.server.platform.BackgroundLoop;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Sends campaigns: starts the scheduled ones when they are due (puts their audience into the queue), then sends
 * their queued messages in batches until none is left.
 *
 * <p>For each batch it claims due messages, loads the people in bulk and skips those who must not get the message:
 * suppressed addresses, no consent to marketing email, opted out of the campaign's topic, over the frequency cap.
 * Messages to a receiving domain over its rate go back to the queue for later. The rest are rendered and sent in
 * parallel on the pooled SMTP connections, and the outcomes written back in one statement. While one batch is on
 * the wire the next one is claimed and loaded, so the database and the SMTP connections work at the same time.
 */
@Component
class CampaignDispatcher implements SmartLifecycle {

    static final int BATCH = 200;
    private static final Logger log = LoggerFactory.getLogger(CampaignDispatcher.class);

    private final CampaignStore campaigns;
    private final CampaignAudiences audiences;
    private final DeliveryStore deliveries;
    private final TemplateStore templates;
    private final People people;
    private final SuppressionList suppressions;
    private final TopicStore topics;
    private final DomainThrottle throttle;
    private final Outbox outbox;
    private final VariantChooser variants;
    private final EngageProperties properties;
    private final AtomicInteger senderNumber = new AtomicInteger();
    /** The threads that write messages; shut down on stop and made anew on the next start. */
    private volatile ExecutorService senders;
    private final BackgroundLoop loop;
    /** The batch on the wire, whose outcomes are still to be written; touched by the dispatcher thread only. */
    private @Nullable InFlight inFlight;

    /** A batch being sent: the sends under way and what is already decided about the others. */
    private record InFlight(List<Future<DeliveryStore.Outcome>> sending, List<DeliveryStore.Outcome> decided,
                            Map<Instant, List<Long>> deferred) {}

    CampaignDispatcher(CampaignStore campaigns, CampaignAudiences audiences, DeliveryStore deliveries,
                       TemplateStore templates, People people, SuppressionList suppressions, TopicStore topics,
                       DomainThrottle throttle, Outbox outbox, VariantChooser variants, EngageProperties properties) {
        this.campaigns = campaigns;
        this.audiences = audiences;
        this.deliveries = deliveries;
        this.templates = templates;
        this.people = people;
        this.suppressions = suppressions;
        this.topics = topics;
        this.throttle = throttle;
        this.outbox = outbox;
        this.variants = variants;
        this.properties = properties;
        this.senders = newSenders();
        this.loop = BackgroundLoop.named("lotse-campaigns", this::round)
                .waitingWhenIdle(Duration.ofMillis(500))
                .pausingAfterFailure(Duration.ofSeconds(5),
                        e -> log.error("Sending campaigns failed; trying again in 5 s", e))
                .interruptingOnStop()
                .build();
    }

    /** Asks the dispatcher to look for work now rather than at its next round. */
    void wake() {
        loop.wakeUp();
    }

    /** A round over every active campaign; returns whether it handled messages, so that more may be waiting. */
    private boolean round() throws InterruptedException {
        int sent = 0;
        for (Campaign campaign : campaigns.active()) {
            sent += work(campaign);
        }
        if (sent == 0) {
            completeInFlight();
        }
        return sent > 0;
    }

    /** One round for one campaign: start it if due, then send a batch. Returns the messages handled. */
    int work(Campaign campaign) throws InterruptedException {
        if (campaign.status() == CampaignStatus.SCHEDULED) {
            long start = System.nanoTime();
            int queued = audiences.enqueue(campaign);
            campaigns.transition(campaign.id(), List.of(CampaignStatus.SCHEDULED), CampaignStatus.SENDING);
            log.info("Campaign {} started: {} messages queued in {} ms", campaign.id(), queued,
                    (System.nanoTime() - start) / 1_000_000);
            return Math.max(queued, 1);
        }
        List<Delivery> batch = deliveries.claim(campaign.id(), BATCH);
        if (batch.isEmpty()) {
            completeInFlight();
            if (!deliveries.hasPending(campaign.id())) {
                campaigns.transition(campaign.id(), List.of(CampaignStatus.SENDING), CampaignStatus.SENT);
                log.info("Campaign {} sent", campaign.id());
            }
            return 0;
        }
        InFlight next = sendBatch(campaign, batch);
        completeInFlight();
        inFlight = next;
        return batch.size();
    }

    /** Waits for the batch on the wire and writes its outcomes. */
    private void completeInFlight() throws InterruptedException {
        InFlight batch = inFlight;
        if (batch == null) {
            return;
        }
        inFlight = null;
        List<DeliveryStore.Outcome> outcomes = new ArrayList<>(batch.decided());
        for (Future<DeliveryStore.Outcome> future : batch.sending()) {
            try {
                outcomes.add(future.get());
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException("a send task failed", e.getCause());
            }
        }
        deliveries.finish(outcomes);
        batch.deferred().forEach((time, ids) -> deliveries.defer(ids, time));
    }

    private InFlight sendBatch(Campaign campaign, List<Delivery> batch) {
        EmailTemplate template = templates.find(campaign.templateId()).orElseThrow();
        Map<String, Content> contents = variants.contents(campaign, template);
        boolean withRecommendations = contents.values().stream().anyMatch(Content::usesRecommendations);
        Set<String> segmentKeys = new java.util.HashSet<>();
        contents.values().forEach(c -> segmentKeys.addAll(c.segmentKeys()));

        List<Long> profileIds = batch.stream().map(Delivery::profileId).filter(java.util.Objects::nonNull).toList();
        Map<Long, Person> persons = people.load(profileIds, segmentKeys, withRecommendations);
        Set<String> suppressed = suppressions.suppressedAmong(batch.stream().map(Delivery::email).toList());
        Set<Long> optedOut = topics.optedOutAmong(campaign.topic(), profileIds);
        Map<Long, Integer> recent = deliveries.recentMarketingCounts(profileIds, properties.frequencyWindow());

        List<DeliveryStore.Outcome> outcomes = new ArrayList<>(batch.size());
        List<Future<DeliveryStore.Outcome>> sending = new ArrayList<>(batch.size());
        Map<Instant, List<Long>> deferred = new HashMap<>();
        Instant now = Instant.now();
        VariantChooser.Assignment assignment = variants.assignment(campaign);
        for (Delivery delivery : batch) {
            Person person = delivery.profileId() == null ? null : persons.get(delivery.profileId());
            DeliveryStatus skip = null;
            String why = null;
            if (person == null) {
                skip = DeliveryStatus.SKIPPED;
                why = "profile gone";
            } else if (suppressed.contains(delivery.email())) {
                skip = DeliveryStatus.SUPPRESSED;
                why = "suppressed";
            } else if (!person.marketingConsent()) {
                skip = DeliveryStatus.NO_CONSENT;
                why = "no consent to marketing email";
            } else if (optedOut.contains(person.profileId())) {
                skip = DeliveryStatus.SKIPPED;
                why = "opted out of " + campaign.topic();
            } else if (recent.getOrDefault(person.profileId(), 0) >= properties.frequencyCap()) {
                skip = DeliveryStatus.CAPPED;
                why = "frequency cap";
            }
            if (skip != null) {
                outcomes.add(new DeliveryStore.Outcome(delivery.id(), skip, why, null, null, null));
                continue;
            }
            Instant later = throttle.take(delivery.domain(), now);
            if (later != null) {
                deferred.computeIfAbsent(later.plusMillis(50).truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                        .plusSeconds(1), t -> new ArrayList<>()).add(delivery.id());
                continue;
            }
            String variant = assignment.variantOf(delivery);
            Content content = contents.get(variant == null ? VariantChooser.BASE : variant);
            Delivery chosen = variant == null || variant.equals(delivery.variant()) ? delivery
                    : new Delivery(delivery.id(), delivery.kind(), delivery.campaignId(), delivery.profileId(),
                    delivery.userId(), delivery.email(), variant);
            Person recipient = person;
            sending.add(senders.submit(() -> {
                try {
                    return outbox.deliver(chosen, content, recipient, campaign.topic(), campaign.key(), "")
                            .withVariant(variant);
                } catch (RuntimeException e) {
                    log.warn("Message {} of campaign {} failed", chosen.id(), campaign.id(), e);
                    return new DeliveryStore.Outcome(chosen.id(), DeliveryStatus.FAILED, e.toString(), null, null,
                            variant);
                }
            }));
        }
        return new InFlight(sending, outcomes, deferred);
    }

    /** Marks the messages a previous run left on the wire as interrupted, then starts sending. */
    @Override
    public void start() {
        deliveries.interruptStale(Duration.ofMinutes(10));
        if (senders.isShutdown()) {
            senders = newSenders();
        }
        loop.start();
    }

    private ExecutorService newSenders() {
        return Executors.newFixedThreadPool(Math.max(1, properties.mail().connections()), runnable -> {
            Thread sender = new Thread(runnable, "lotse-mail-" + senderNumber.incrementAndGet());
            sender.setDaemon(true);
            return sender;
        });
    }

    @Override
    public void stop() {
        loop.stop();
        senders.shutdown();
    }

    @Override
    public boolean isRunning() {
        return loop.isRunning();
    }
}
