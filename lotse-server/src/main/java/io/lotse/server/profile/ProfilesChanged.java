package io.lotse.server.profile;

import java.util.Set;

/**
 * Profiles changed: events were folded into them, they were merged (the merged profile is among the ids and no
 * longer live) or rebuilt after an unmerge. Published after each projection round has committed, and within the
 * transaction of an unmerge: a {@code @TransactionalEventListener(fallbackExecution = true)} sees every change
 * after its commit.
 *
 * @param profileIds the profiles whose state changed
 */
public record ProfilesChanged(Set<Long> profileIds) {

    public ProfilesChanged {
        profileIds = Set.copyOf(profileIds);
    }
}
