package io.lotse.server.profile;

import io.lotse.server.identity.IdentityRecord;
import io.lotse.server.identity.MergeRecord;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * One person as Lotse knows them.
 *
 * @param id         profile id
 * @param firstSeen  time of the earliest event
 * @param lastSeen   time of the latest event
 * @param stats      activity figures
 * @param traits     current trait values
 * @param identities every identifier of the person
 * @param consents   the latest choice per purpose
 * @param merges     merges into or out of this profile, newest first
 */
public record Profile(
        long id,
        Instant firstSeen,
        Instant lastSeen,
        Stats stats,
        Map<String, JsonNode> traits,
        List<IdentityRecord> identities,
        Map<String, Consent> consents,
        List<MergeRecord> merges) {

    /**
     * @param events   events attributed to the person
     * @param sessions visits, split by 30 minutes without activity
     * @param orders   completed orders
     * @param revenue  sum of the orders' revenue
     */
    public record Stats(long events, int sessions, int orders, BigDecimal revenue) {}

    /**
     * @param granted   whether the person agreed to the purpose
     * @param at        when they said so
     * @param messageId the event that carried the choice
     */
    public record Consent(boolean granted, Instant at, String messageId) {}
}
