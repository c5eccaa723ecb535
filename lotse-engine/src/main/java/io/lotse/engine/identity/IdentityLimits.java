package io.lotse.engine.identity;

import java.util.Map;

/**
 * How many identifiers of one type a single profile may hold; a guard against merging many people into one.
 *
 * <p>A profile always holds at most one user id. Types without an entry are unlimited.
 *
 * @param perType maximum count per identity type
 */
public record IdentityLimits(Map<IdentityType, Integer> perType) {

    public IdentityLimits {
        perType = Map.copyOf(perType);
        perType.forEach((type, max) -> {
            if (max < 1) {
                throw new IllegalArgumentException("limit for " + type + " must be at least 1, was " + max);
            }
        });
        if (perType.getOrDefault(IdentityType.USER_ID, 1) != 1) {
            throw new IllegalArgumentException("a profile holds exactly one user id at most");
        }
    }

    /** At most one user id, five emails, five phone numbers and ten devices per profile. */
    public static IdentityLimits defaults() {
        return new IdentityLimits(Map.of(
                IdentityType.USER_ID, 1,
                IdentityType.EMAIL, 5,
                IdentityType.PHONE, 5,
                IdentityType.DEVICE_ID, 10));
    }

    /** The maximum for a type; user ids are always limited to one. */
    public int max(IdentityType type) {
        if (type.equals(IdentityType.USER_ID)) {
            return 1;
        }
        return perType.getOrDefault(type, Integer.MAX_VALUE);
    }
}
