package io.lotse.engine.identity;

import io.lotse.engine.identity.Observation.Merge;
import io.lotse.engine.identity.Observation.Refusal;
import io.lotse.engine.identity.Observation.RefusalReason;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Which identifiers belong to which profile, and the rules for joining them.
 *
 * <p>Each {@link #observe observation} is a set of identifiers seen together (one event). The observation goes
 * to the profile that owns its strongest identifier; other profiles owning identifiers of the same observation
 * are merged into it unless a guard refuses:
 * <ul>
 *   <li>two profiles that both hold a user id are different people and never merge; nor does a profile holding
 *   a user id merge into the profile of an observation that carries a user id;</li>
 *   <li>no profile may exceed the {@link IdentityLimits per-type limits};</li>
 *   <li>profiles that a person separated by undoing a merge stay apart.</li>
 * </ul>
 * Refused links are reported, never silently dropped, so that the decision can be explained.
 *
 * <p>The graph may hold only the part of the full graph that an observation touches: callers load every profile
 * owning one of the identifiers, with all of that profile's identifiers and separations, before observing.
 * Not thread-safe.
 */
public final class IdentityGraph {

    private final IdentityLimits limits;
    private final LongSupplier newProfileIds;
    private final Map<Identifier, Long> owners = new HashMap<>();
    private final Map<Long, Set<Identifier>> identifiers = new HashMap<>();
    private final Map<Long, Set<Long>> separations = new HashMap<>();

    /**
     * @param limits        per-type identifier limits
     * @param newProfileIds supplies a fresh, unused profile id each call
     */
    public IdentityGraph(IdentityLimits limits, LongSupplier newProfileIds) {
        this.limits = limits;
        this.newProfileIds = newProfileIds;
    }

    /** Adds known state: the profile owns these identifiers. */
    public void load(long profileId, Collection<Identifier> owned) {
        Set<Identifier> set = identifiers.computeIfAbsent(profileId, id -> new LinkedHashSet<>());
        for (Identifier identifier : owned) {
            Long previous = owners.put(identifier, profileId);
            if (previous != null && previous != profileId) {
                throw new IllegalStateException(identifier + " loaded for profiles " + previous + " and " + profileId);
            }
            set.add(identifier);
        }
    }

    /** Adds known state: the two profiles were separated by undoing a merge and must stay apart. */
    public void separate(long profileA, long profileB) {
        separations.computeIfAbsent(profileA, id -> new HashSet<>()).add(profileB);
        separations.computeIfAbsent(profileB, id -> new HashSet<>()).add(profileA);
    }

    /** The profile owning an identifier, if it is known to this graph. */
    public Optional<Long> owner(Identifier identifier) {
        return Optional.ofNullable(owners.get(identifier));
    }

    /** The identifiers a profile owns, empty for unknown profiles. */
    public Set<Identifier> identifiersOf(long profileId) {
        return Set.copyOf(identifiers.getOrDefault(profileId, Set.of()));
    }

    /** Profiles known to this graph. */
    public Set<Long> profiles() {
        return Set.copyOf(identifiers.keySet());
    }

    /**
     * Resolves identifiers seen together to one profile, merging and attaching as the guards allow.
     *
     * @param observed at least one identifier
     * @return the profile they belong to and every change made
     */
    public Observation observe(List<Identifier> observed) {
        if (observed.isEmpty()) {
            throw new IllegalArgumentException("an observation needs at least one identifier");
        }
        List<Identifier> strongestFirst = new ArrayList<>(new LinkedHashSet<>(observed));
        strongestFirst.sort(Comparator.comparingInt((Identifier id) -> id.type().strength()).reversed());

        Map<Long, List<Identifier>> linkingByOwner = new LinkedHashMap<>();
        List<Identifier> unowned = new ArrayList<>();
        for (Identifier identifier : strongestFirst) {
            Long owner = owners.get(identifier);
            if (owner == null) {
                unowned.add(identifier);
            } else {
                linkingByOwner.computeIfAbsent(owner, id -> new ArrayList<>()).add(identifier);
            }
        }

        List<Refusal> refusals = new ArrayList<>();
        List<Merge> merges = new ArrayList<>();
        Long primary = choosePrimary(strongestFirst, linkingByOwner.keySet());
        boolean created = primary == null;
        long current = created ? createProfile() : primary;
        // the observation's user id goes to the current profile, so it counts as holding one
        boolean userIdObserved = strongestFirst.stream().anyMatch(id -> id.type().equals(IdentityType.USER_ID));
        // observed identifiers owned by the current profile, on both sides of every merge so far
        Set<Identifier> ownedByCurrent = new HashSet<>(linkingByOwner.getOrDefault(current, List.of()));

        for (var entry : linkingByOwner.entrySet()) {
            long other = entry.getKey();
            if (other == current) {
                continue;
            }
            RefusalReason refused = mergeRefusal(current, other, userIdObserved);
            if (refused != null) {
                refusals.add(new Refusal(current, other, entry.getValue().get(0), refused));
                continue;
            }
            boolean otherSurvives = hasUserId(other) || (!hasUserId(current) && other < current);
            long survivor = otherSurvives ? other : current;
            long merged = otherSurvives ? current : other;
            merge(survivor, merged);
            ownedByCurrent.addAll(entry.getValue());
            merges.add(new Merge(survivor, merged, strongestFirst.stream().filter(ownedByCurrent::contains).toList()));
            current = survivor;
        }

        List<Identifier> attached = new ArrayList<>();
        for (Identifier identifier : unowned) {
            if (count(current, identifier.type()) >= limits.max(identifier.type())) {
                refusals.add(new Refusal(current, 0, identifier, RefusalReason.LIMIT_EXCEEDED));
                continue;
            }
            owners.put(identifier, current);
            identifiers.get(current).add(identifier);
            attached.add(identifier);
        }
        return new Observation(current, created, attached, merges, refusals);
    }

    /**
     * The profile an observation goes to: the owner of its user id, else for a new user id the strongest owner
     * that has no user id yet, else the owner of the strongest identifier; {@code null} for a new profile.
     */
    private @Nullable Long choosePrimary(List<Identifier> strongestFirst, Set<Long> owningProfiles) {
        Identifier userId = strongestFirst.stream()
                .filter(id -> id.type().equals(IdentityType.USER_ID))
                .findFirst().orElse(null);
        if (userId != null) {
            Long owner = owners.get(userId);
            if (owner != null) {
                return owner;
            }
            for (Identifier identifier : strongestFirst) {
                Long candidate = owners.get(identifier);
                if (candidate != null && !hasUserId(candidate)) {
                    return candidate;
                }
            }
            return null;
        }
        return owningProfiles.stream().findFirst().orElse(null);
    }

    private @Nullable RefusalReason mergeRefusal(long profile, long other, boolean userIdObserved) {
        if ((hasUserId(profile) || userIdObserved) && hasUserId(other)) {
            return RefusalReason.DIFFERENT_USER_IDS;
        }
        if (separations.getOrDefault(profile, Set.of()).contains(other)) {
            return RefusalReason.SEPARATED;
        }
        Map<IdentityType, Integer> combined = new HashMap<>();
        for (Identifier identifier : identifiers.get(profile)) {
            combined.merge(identifier.type(), 1, Integer::sum);
        }
        for (Identifier identifier : identifiers.get(other)) {
            if (combined.merge(identifier.type(), 1, Integer::sum) > limits.max(identifier.type())) {
                return RefusalReason.LIMIT_EXCEEDED;
            }
        }
        return null;
    }

    private void merge(long survivor, long merged) {
        Set<Identifier> moving = identifiers.remove(merged);
        for (Identifier identifier : moving) {
            owners.put(identifier, survivor);
        }
        identifiers.get(survivor).addAll(moving);
        Set<Long> mergedSeparations = separations.remove(merged);
        if (mergedSeparations != null) {
            for (long other : mergedSeparations) {
                Set<Long> ofOther = separations.get(other);
                ofOther.remove(merged);
                ofOther.add(survivor);
                separations.computeIfAbsent(survivor, id -> new HashSet<>()).add(other);
            }
        }
    }

    private long createProfile() {
        long id = newProfileIds.getAsLong();
        if (identifiers.putIfAbsent(id, new LinkedHashSet<>()) != null) {
            throw new IllegalStateException("profile id " + id + " is already in use");
        }
        return id;
    }

    private boolean hasUserId(long profileId) {
        return count(profileId, IdentityType.USER_ID) > 0;
    }

    private int count(long profileId, IdentityType type) {
        int count = 0;
        for (Identifier identifier : identifiers.getOrDefault(profileId, Set.of())) {
            if (identifier.type().equals(type)) {
                count++;
            }
        }
        return count;
    }
}
