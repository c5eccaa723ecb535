package io.lotse.bench;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Pairwise agreement between a clustering (profiles) and the truth (persons) over the same identifiers.
 *
 * @param identifiers  identifiers of the truth
 * @param persons      distinct true persons
 * @param profiles     distinct profiles, counting each unresolved identifier as its own
 * @param unresolved   identifiers of the truth that no profile holds
 * @param together     pairs placed in one profile that belong to one person
 * @param sameProfile  pairs placed in one profile
 * @param samePerson   pairs that belong to one person
 */
record PairCounts(long identifiers, long persons, long profiles, long unresolved, long together,
                  long sameProfile, long samePerson) {

    /** Share of pairs placed together that belong together; 1 when nothing was placed together. */
    double precision() {
        return sameProfile == 0 ? 1 : (double) together / sameProfile;
    }

    /** Share of pairs that belong together that were placed together; 1 when no person has two identifiers. */
    double recall() {
        return samePerson == 0 ? 1 : (double) together / samePerson;
    }

    static PairCounts of(Map<String, String> personOf, Map<String, Long> profileOf) {
        Map<String, Long> perPerson = new HashMap<>();
        Map<String, Long> perProfile = new HashMap<>();
        Map<String, Long> perCell = new HashMap<>();
        Set<String> persons = new HashSet<>();
        long unresolved = 0;
        for (var entry : personOf.entrySet()) {
            Long profile = profileOf.get(entry.getKey());
            String cluster = profile == null ? "unresolved:" + entry.getKey() : "profile:" + profile;
            if (profile == null) {
                unresolved++;
            }
            persons.add(entry.getValue());
            perPerson.merge(entry.getValue(), 1L, Long::sum);
            perProfile.merge(cluster, 1L, Long::sum);
            perCell.merge(cluster + "|" + entry.getValue(), 1L, Long::sum);
        }
        return new PairCounts(personOf.size(), persons.size(), perProfile.size(), unresolved,
                pairs(perCell), pairs(perProfile), pairs(perPerson));
    }

    private static long pairs(Map<String, Long> sizes) {
        long pairs = 0;
        for (long n : sizes.values()) {
            pairs += n * (n - 1) / 2;
        }
        return pairs;
    }
}
