package io.lotse.server.engage;

import io.lotse.engine.experiment.ThompsonSampling;
import io.lotse.engine.experiment.VariantCounts;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Which variant of a campaign's experiment each person gets. In A/B/n mode the variant is fixed when the person
 * is queued (an even split by a hash of campaign and person). In bandit mode it is chosen when the message is sent,
 * by Thompson sampling over the clicks or conversions each variant has earned so far; the counts are read at most
 * every five seconds per campaign.
 */
@Component
class VariantChooser {

    /** The content key of a campaign without an experiment. */
    static final String BASE = "";
    private static final Duration COUNTS_MAX_AGE = Duration.ofSeconds(5);

    private final JdbcClient jdbc;
    private final TemplateStore templates;
    private final Map<Long, CachedCounts> counts = new ConcurrentHashMap<>();

    VariantChooser(JdbcClient jdbc, TemplateStore templates) {
        this.jdbc = jdbc;
        this.templates = templates;
    }

    /** The compiled content per variant name, or under {@link #BASE} without an experiment. */
    Map<String, Content> contents(Campaign campaign, EmailTemplate template) {
        ExperimentPlan plan = campaign.experiment();
        Map<String, Content> contents = new LinkedHashMap<>();
        if (plan == null) {
            contents.put(BASE, template.compile());
            return contents;
        }
        for (ExperimentPlan.Variant variant : plan.variants()) {
            EmailTemplate source = variant.templateId() == null ? template
                    : templates.find(variant.templateId()).orElseThrow(() -> new IllegalStateException(
                    "variant '" + variant.name() + "' names template " + variant.templateId() + ", which is gone"));
            String subject = variant.subject() == null ? source.subject() : variant.subject();
            contents.put(variant.name(), new EmailTemplate(source.id(), source.name(), subject, source.html(),
                    source.text(), source.aiGenerated(), source.approvedBy(), source.approvedAt(), source.updatedAt())
                    .compile());
        }
        return contents;
    }

    /** The variant a person is queued with: fixed in A/B/n mode, null (chosen at sending) otherwise. */
    static @Nullable String queuedVariant(Campaign campaign, long profileId) {
        ExperimentPlan plan = campaign.experiment();
        if (plan == null || plan.mode() == ExperimentPlan.Mode.BANDIT) {
            return null;
        }
        int index = Math.floorMod(mix(campaign.id() * 31 + profileId), plan.variants().size());
        return plan.variants().get(index).name();
    }

    /** Whether a person belongs to the campaign's holdout, by a hash independent of the variant split. */
    static boolean heldOut(Campaign campaign, long profileId) {
        return campaign.holdoutPercent() > 0
                && Math.floorMod(mix(campaign.id() * 17 + profileId * 7919 + 1), 100) < campaign.holdoutPercent();
    }

    private static long mix(long value) {
        long z = value + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** How to pick the variant for the messages of one batch. */
    interface Assignment {
        @Nullable String variantOf(Delivery delivery);
    }

    Assignment assignment(Campaign campaign) {
        ExperimentPlan plan = campaign.experiment();
        if (plan == null) {
            return delivery -> null;
        }
        if (plan.mode() == ExperimentPlan.Mode.AB) {
            return delivery -> delivery.variant() != null ? delivery.variant() : queuedVariant(campaign,
                    delivery.profileId() == null ? delivery.id() : delivery.profileId());
        }
        List<VariantCounts> arms = armCounts(campaign, plan);
        SplittableRandom random = new SplittableRandom(mix(campaign.id()) ^ System.nanoTime());
        return delivery -> plan.variants().get(ThompsonSampling.choose(arms, random)).name();
    }

    /** Sent messages and successes (unique clickers or converted people) per variant, in the plan's order. */
    List<VariantCounts> armCounts(Campaign campaign, ExperimentPlan plan) {
        CachedCounts cached = counts.get(campaign.id());
        if (cached != null && Duration.between(cached.at, Instant.now()).compareTo(COUNTS_MAX_AGE) < 0) {
            return cached.arms;
        }
        Map<String, long[]> byVariant = new HashMap<>();
        String success = plan.metric() == ExperimentPlan.Metric.CLICK
                ? "EXISTS (SELECT 1 FROM engage_interactions i WHERE i.delivery_id = d.id AND i.kind = 'click')"
                : "EXISTS (SELECT 1 FROM engage_conversions c WHERE c.delivery_id = d.id)";
        jdbc.sql("SELECT variant, count(*), count(*) FILTER (WHERE " + success + ") FROM engage_deliveries d "
                        + "WHERE campaign_id = ? AND status IN ('sent', 'bounced') AND variant IS NOT NULL GROUP BY variant")
                .param(campaign.id())
                .query((rs, n) -> byVariant.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3)})).list();
        List<VariantCounts> arms = new ArrayList<>();
        for (ExperimentPlan.Variant variant : plan.variants()) {
            long[] c = byVariant.getOrDefault(variant.name(), new long[2]);
            arms.add(new VariantCounts(variant.name(), c[0], c[1]));
        }
        counts.put(campaign.id(), new CachedCounts(List.copyOf(arms), Instant.now()));
        return arms;
    }

    private record CachedCounts(List<VariantCounts> arms, Instant at) {}
}
