package io.lotse.server.engage;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Creating, previewing, test-sending, scheduling and stopping campaigns, and their statistics. */
@Service
class Campaigns {

    private final CampaignStore store;
    private final TemplateStore templates;
    private final TopicStore topics;
    private final CampaignAudiences audiences;
    private final CampaignDispatcher dispatcher;
    private final People people;
    private final MessageRenderer renderer;
    private final Outbox outbox;
    private final JdbcClient jdbc;

    Campaigns(CampaignStore store, TemplateStore templates, TopicStore topics, CampaignAudiences audiences,
              CampaignDispatcher dispatcher, People people, MessageRenderer renderer, Outbox outbox, JdbcClient jdbc) {
        this.store = store;
        this.templates = templates;
        this.topics = topics;
        this.audiences = audiences;
        this.dispatcher = dispatcher;
        this.people = people;
        this.renderer = renderer;
        this.outbox = outbox;
        this.jdbc = jdbc;
    }

    /**
     * Creates a draft campaign.
     *
     * @throws IllegalArgumentException naming what is wrong: no name, an unknown template, topic or audience kind,
     *                                  a holdout outside 0 to 50 percent, an experiment naming an unknown template
     */
    Campaign create(String name, long templateId, String topic, Audience audience, int holdoutPercent,
                    @Nullable ExperimentPlan experiment) {
        if (name.isBlank()) {
            throw new IllegalArgumentException("A campaign needs a name.");
        }
        if (templates.find(templateId).isEmpty()) {
            throw new IllegalArgumentException("There is no template " + templateId + ".");
        }
        if (!topics.exists(topic)) {
            throw new IllegalArgumentException("There is no topic '" + topic + "'.");
        }
        if (!audiences.supports(audience.kind())) {
            throw new IllegalArgumentException("Audiences of kind '" + audience.kind() + "' are not available.");
        }
        if (holdoutPercent < 0 || holdoutPercent > 50) {
            throw new IllegalArgumentException("The holdout must be 0 to 50 percent, was " + holdoutPercent + ".");
        }
        if (experiment != null) {
            for (ExperimentPlan.Variant variant : experiment.variants()) {
                if (variant.templateId() != null && templates.find(variant.templateId()).isEmpty()) {
                    throw new IllegalArgumentException("Variant '" + variant.name() + "' names template "
                            + variant.templateId() + ", which does not exist.");
                }
                if (variant.subject() != null) {
                    Content.compile(variant.subject(), "", "");
                }
            }
        }
        return store.create(name, templateId, topic, audience, holdoutPercent, experiment);
    }

    Optional<Campaign> find(long id) {
        return store.find(id);
    }

    List<Campaign> list() {
        return store.list();
    }

    /**
     * Schedules a draft (or paused) campaign to start at a time; now or earlier starts at once.
     *
     * @throws IllegalStateException when the campaign is not a draft, or its content is generated and not approved
     */
    Campaign schedule(long id, @Nullable Instant at) {
        Campaign campaign = store.find(id).orElseThrow(() -> new NotFoundException("campaign", id));
        if (campaign.status() != CampaignStatus.DRAFT) {
            throw new IllegalStateException("Only a draft can be scheduled; campaign " + id + " is "
                    + campaign.status().column() + ".");
        }
        requireSendable(campaign);
        store.schedule(id, at == null ? Instant.now() : at);
        dispatcher.wake();
        return store.find(id).orElseThrow();
    }

    private void requireSendable(Campaign campaign) {
        EmailTemplate template = templates.find(campaign.templateId()).orElseThrow();
        if (!template.sendable()) {
            throw new IllegalStateException("The template '" + template.name()
                    + "' is AI-generated and must be approved by a person before it is sent.");
        }
        if (campaign.experiment() != null) {
            for (ExperimentPlan.Variant variant : campaign.experiment().variants()) {
                if (variant.templateId() != null
                        && !templates.find(variant.templateId()).map(EmailTemplate::sendable).orElse(false)) {
                    throw new IllegalStateException("The template of variant '" + variant.name()
                            + "' is AI-generated and must be approved by a person before it is sent.");
                }
            }
        }
    }

    boolean pause(long id) {
        return store.transition(id, List.of(CampaignStatus.SENDING, CampaignStatus.SCHEDULED), CampaignStatus.PAUSED);
    }

    boolean resume(long id) {
        boolean resumed = store.transition(id, List.of(CampaignStatus.PAUSED), CampaignStatus.SENDING);
        dispatcher.wake();
        return resumed;
    }

    boolean stop(long id, String reason) {
        return store.stop(id, reason);
    }

    /**
     * Renders a template as it would reach a chosen person (links lead nowhere in a preview).
     *
     * @throws NotFoundException for an unknown template or person
     */
    RenderedMessage preview(long templateId, long profileId) {
        EmailTemplate template = templates.find(templateId).orElseThrow(() -> new NotFoundException("template", templateId));
        Content content = template.compile();
        Person person = people.load(List.of(profileId), content.segmentKeys(), true).get(profileId);
        if (person == null) {
            throw new NotFoundException("profile with an email address", profileId);
        }
        return renderer.render(content, person, 0, null, false);
    }

    /**
     * Sends a template, rendered as a chosen person, to a test address; the subject is marked {@code [Test]}.
     * The suppression list applies to test addresses too.
     */
    DeliveryStore.Outcome testSend(long templateId, long profileId, String to) {
        if (!EmailAddresses.valid(to)) {
            throw new IllegalArgumentException("'" + to + "' is not an email address.");
        }
        EmailTemplate template = templates.find(templateId).orElseThrow(() -> new NotFoundException("template", templateId));
        Content content = template.compile();
        Person person = people.load(List.of(profileId), content.segmentKeys(), true).get(profileId);
        if (person == null) {
            throw new NotFoundException("profile with an email address", profileId);
        }
        return outbox.sendNow(DeliveryKind.TEST, null, person, to, content, "test", "[Test] ", false);
    }

    CampaignStats stats(long id) {
        Map<String, Long> byStatus = new LinkedHashMap<>();
        jdbc.sql("SELECT status, count(*) FROM engage_deliveries WHERE campaign_id = ? GROUP BY status ORDER BY status")
                .param(id).query((rs, n) -> byStatus.put(rs.getString(1), rs.getLong(2))).list();
        Map<String, long[]> interactions = new LinkedHashMap<>();
        jdbc.sql("SELECT kind, count(DISTINCT delivery_id), count(*) FROM engage_interactions WHERE campaign_id = ? "
                        + "GROUP BY kind")
                .param(id).query((rs, n) -> interactions.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3)}))
                .list();
        long[] conversions = new long[1];
        BigDecimal[] revenue = {BigDecimal.ZERO};
        jdbc.sql("SELECT count(*), coalesce(sum(revenue), 0) FROM engage_conversions WHERE campaign_id = ? AND clicked")
                .param(id).query(rs -> {
                    conversions[0] = rs.getLong(1);
                    revenue[0] = rs.getBigDecimal(2);
                });
        double percentile = jdbc.sql("SELECT coalesce(percentile_cont(0.99) WITHIN GROUP (ORDER BY render_ms), -1) "
                        + "FROM engage_deliveries WHERE campaign_id = ? AND render_ms IS NOT NULL")
                .param(id).query(Double.class).single();
        Double p99 = percentile < 0 ? null : percentile;
        long sent = byStatus.getOrDefault("sent", 0L) + byStatus.getOrDefault("bounced", 0L);
        long complaints = interactions.getOrDefault("complaint", new long[2])[0];
        return new CampaignStats(byStatus, sent, byStatus.getOrDefault("held_out", 0L),
                interactions.getOrDefault("click", new long[2])[0], interactions.getOrDefault("click", new long[2])[1],
                interactions.getOrDefault("open", new long[2])[0],
                interactions.getOrDefault("unsubscribe", new long[2])[0], complaints,
                interactions.getOrDefault("bounce", new long[2])[0], conversions[0], revenue[0],
                sent == 0 ? 0 : (double) complaints / sent, p99);
    }
}
