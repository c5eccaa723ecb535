package io.lotse.server.profile;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A profile in a result list.
 *
 * @param id       profile id
 * @param name     a display name from the traits, if any
 * @param email    the email trait, if any
 * @param userId   the user id, if known
 * @param lastSeen time of the latest event
 * @param events   events attributed to the person
 */
public record ProfileSummary(long id, @Nullable String name, @Nullable String email, @Nullable String userId,
                             Instant lastSeen, long events) {}
