package io.lotse.server.engage;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * An email campaign.
 *
 * @param id             campaign id
 * @param name           its name
 * @param templateId     the template sent
 * @param topic          the list it belongs to; people who opted out of the topic are skipped
 * @param audience       who it goes to
 * @param status         where it stands
 * @param scheduledAt    when sending starts, once scheduled
 * @param holdoutPercent share of the audience deliberately left out, to measure what the campaign adds
 * @param experiment     an experiment on the message, or null
 * @param warning        a warning raised while sending (complaint rate), or null
 * @param stopReason     why it was stopped, or null
 * @param createdAt      when it was created
 * @param startedAt      when sending started
 * @param finishedAt     when the last message was sent or it was stopped
 */
record Campaign(long id, String name, long templateId, String topic, Audience audience, CampaignStatus status,
                @Nullable Instant scheduledAt, int holdoutPercent, @Nullable ExperimentPlan experiment,
                @Nullable String warning, @Nullable String stopReason, Instant createdAt,
                @Nullable Instant startedAt, @Nullable Instant finishedAt) {

    /** The key added to tracked links as {@code utm_campaign}. */
    String key() {
        return "lotse-" + id;
    }
}
