package io.lotse.server.identity;

import io.lotse.engine.identity.Identifier;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The identity graph of recently active profiles, kept in memory so that most rounds of the profile projection
 * need no identity queries.
 *
 * <p>It is complete for every profile it holds (all identifiers) and for separations (all of them: undone merges
 * are rare). It is only valid as a continuation of the log position it was last committed at: if the position a
 * round starts from is another (another Lotse process ran a round, or a round rolled back), or identities were
 * changed outside the projection (unmerge, erasure), it is cleared and refilled from the database.
 */
final class IdentityCache {

    private final int maxIdentifiers;
    private final Map<Identifier, Long> owners = new HashMap<>();
    private final Map<Long, List<Identifier>> identifiers = new HashMap<>();
    private final Map<Long, Set<Long>> separations = new HashMap<>();
    private boolean separationsLoaded;
    private long validAt = -1;

    IdentityCache(int maxIdentifiers) {
        this.maxIdentifiers = maxIdentifiers;
    }

    /** Starts a round at a log position; clears everything unless the cache continues from exactly there. */
    synchronized void beginRound(long position) {
        if (validAt != position || owners.size() > maxIdentifiers) {
            clear();
        }
        validAt = -1;
    }

    /** The round that began at its start position committed up to this position. */
    synchronized void committed(long position) {
        validAt = position;
    }

    /** Forgets everything; the next round reads from the database. */
    synchronized void clear() {
        owners.clear();
        identifiers.clear();
        separations.clear();
        separationsLoaded = false;
        validAt = -1;
    }

    synchronized Long owner(Identifier identifier) {
        return owners.get(identifier);
    }

    synchronized boolean holds(long profileId) {
        return identifiers.containsKey(profileId);
    }

    synchronized List<Identifier> identifiersOf(long profileId) {
        return identifiers.getOrDefault(profileId, List.of());
    }

    /** Stores the complete identifier set of a profile, replacing what was there. */
    synchronized void put(long profileId, Set<Identifier> all) {
        remove(profileId);
        identifiers.put(profileId, List.copyOf(all));
        for (Identifier identifier : all) {
            owners.put(identifier, profileId);
        }
    }

    synchronized void remove(long profileId) {
        List<Identifier> previous = identifiers.remove(profileId);
        if (previous != null) {
            for (Identifier identifier : previous) {
                owners.remove(identifier, profileId);
            }
        }
    }

    synchronized boolean separationsLoaded() {
        return separationsLoaded;
    }

    synchronized void separations(Map<Long, Set<Long>> all) {
        separations.clear();
        all.forEach((profile, others) -> separations.put(profile, new HashSet<>(others)));
        separationsLoaded = true;
    }

    synchronized Set<Long> separatedFrom(long profileId) {
        return Set.copyOf(separations.getOrDefault(profileId, Set.of()));
    }

    synchronized boolean hasSeparations(long profileId) {
        return separations.containsKey(profileId);
    }
}
