package io.lotse.server.identity;

import java.time.Instant;

/**
 * An identifier of a profile.
 *
 * @param type            identity type name, e.g. {@code email}
 * @param value           normalised value
 * @param originProfileId the profile it was first attached to
 * @param firstSeen       when it was first seen
 */
public record IdentityRecord(String type, String value, long originProfileId, Instant firstSeen) {}
