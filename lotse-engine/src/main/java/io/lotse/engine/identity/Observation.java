package io.lotse.engine.identity;

import java.util.List;

/**
 * The outcome of resolving one observed set of identifiers.
 *
 * @param profileId the profile the observation belongs to
 * @param created   whether that profile was created by this observation
 * @param attached  identifiers newly attached to the profile
 * @param merges    profiles merged into another by this observation
 * @param refusals  links the guards refused, with their reasons
 */
public record Observation(
        long profileId,
        boolean created,
        List<Identifier> attached,
        List<Merge> merges,
        List<Refusal> refusals) {

    public Observation {
        attached = List.copyOf(attached);
        merges = List.copyOf(merges);
        refusals = List.copyOf(refusals);
    }

    /**
     * One profile merged into another.
     *
     * @param survivorId the profile that remains
     * @param mergedId   the profile whose identifiers moved to the survivor
     * @param linking    the identifiers of the observation that tied the two together
     */
    public record Merge(long survivorId, long mergedId, List<Identifier> linking) {
        public Merge {
            linking = List.copyOf(linking);
        }
    }

    /**
     * A link the guards refused.
     *
     * @param profileId    the profile the observation went to
     * @param otherProfile the profile that was not merged, or {@code 0} when an identifier was not attached
     * @param identifier   the identifier involved
     * @param reason       why the link was refused
     */
    public record Refusal(long profileId, long otherProfile, Identifier identifier, RefusalReason reason) {}

    /** Why the resolver refused to join identifiers or profiles. */
    public enum RefusalReason {
        /** Both profiles hold a user id, or receive one from the observation, so they are different people. */
        DIFFERENT_USER_IDS,
        /** Joining would exceed the per-type identifier limit. */
        LIMIT_EXCEEDED,
        /** A person separated these profiles before by undoing a merge. */
        SEPARATED
    }
}
