package io.lotse.server.engage;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A person moved to another stage of the lead lifecycle; published for every change.
 *
 * @param profileId the person
 * @param from      the stage before, null for a person's first stage
 * @param to        the stage now
 * @param reason    what moved them: points, a score, a milestone event or a person's decision
 * @param changedAt when
 */
public record LifecycleStageChanged(long profileId, @Nullable String from, String to, String reason, Instant changedAt) {}
