package io.lotse.server.segment;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A member of a segment, or of a preview.
 *
 * @param profileId the profile
 * @param name      a display name from the traits, if any
 * @param email     the email trait, if any
 * @param userId    the user id, if known
 * @param since     when the profile entered the segment; for a preview, when it was last seen
 */
public record SegmentMember(long profileId, @Nullable String name, @Nullable String email, @Nullable String userId,
                            Instant since) {}
