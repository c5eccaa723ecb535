package io.lotse.server.engage;

import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Addresses that must never be mailed again: hard bounces, complaints, unsubscribes and objections to direct
 * marketing. Checked before every single send.
 *
 * <p>Only a keyed hash of each normalised address is stored, so the list can outlive the erasure of the person
 * without keeping their address. Entries added by this process are also held in memory, so that a suppression
 * arriving while a batch is being sent stops the batch's remaining messages to that address; other processes'
 * entries are seen through {@link #suppressedAmong}, which every batch asks right before sending.
 */
@Component
class SuppressionList {

    private final JdbcClient jdbc;
    private final Tokens tokens;
    private final Set<String> recent = ConcurrentHashMap.newKeySet();

    SuppressionList(JdbcClient jdbc, Tokens tokens) {
        this.jdbc = jdbc;
        this.tokens = tokens;
    }

    /** Adds an address; an address already on the list keeps its first reason. Returns whether it was new. */
    boolean suppress(String email, SuppressionReason reason, String source) {
        String hash = tokens.addressHash(email);
        recent.add(hash);
        return jdbc.sql("""
                INSERT INTO engage_suppressions (address_hash, domain, reason, source, created_at)
                VALUES (?, ?, ?, ?, ?) ON CONFLICT (address_hash) DO NOTHING""")
                .params(hash, domainOf(email), reason.column(), source, java.sql.Timestamp.from(Instant.now()))
                .update() == 1;
    }

    /** Lifts an unsubscribe or objection after a new confirmed opt-in; bounces and complaints stay. */
    void liftAfterNewConsent(String email) {
        String hash = tokens.addressHash(email);
        int lifted = jdbc.sql("DELETE FROM engage_suppressions WHERE address_hash = ? AND reason IN (?, ?)")
                .params(hash, SuppressionReason.UNSUBSCRIBE.column(), SuppressionReason.OBJECTION.column()).update();
        if (lifted > 0 && jdbc.sql("SELECT count(*) FROM engage_suppressions WHERE address_hash = ?").param(hash)
                .query(Long.class).single() == 0) {
            recent.remove(hash);
        }
    }

    /** Whether the address is suppressed, asking the database. */
    boolean isSuppressed(String email) {
        String hash = tokens.addressHash(email);
        return recent.contains(hash) || jdbc.sql("SELECT count(*) FROM engage_suppressions WHERE address_hash = ?")
                .param(hash).query(Long.class).single() > 0;
    }

    /** Why the address is suppressed, if it is. */
    java.util.Optional<SuppressionReason> reasonOf(String email) {
        return jdbc.sql("SELECT reason FROM engage_suppressions WHERE address_hash = ?").param(tokens.addressHash(email))
                .query(String.class).optional().map(SuppressionReason::fromColumn);
    }

    /** The given addresses that are suppressed, in one query. */
    Set<String> suppressedAmong(Collection<String> emails) {
        Map<String, String> byHash = new java.util.HashMap<>();
        for (String email : emails) {
            byHash.put(tokens.addressHash(email), email);
        }
        Set<String> suppressed = new HashSet<>();
        List<String> hits = jdbc.sql("SELECT address_hash FROM engage_suppressions WHERE address_hash = ANY(?)")
                .param(byHash.keySet().toArray(String[]::new)).query(String.class).list();
        for (String hash : hits) {
            suppressed.add(byHash.get(hash));
        }
        return suppressed;
    }

    /** Whether this process suppressed the address since it started; a last check right before each send. */
    boolean suppressedJustNow(String email) {
        return !recent.isEmpty() && recent.contains(tokens.addressHash(email));
    }

    /** Entries per reason, for the overview. */
    Map<String, Long> countsByReason() {
        Map<String, Long> counts = new java.util.TreeMap<>();
        for (SuppressionReason reason : SuppressionReason.values()) {
            counts.put(reason.column(), 0L);
        }
        jdbc.sql("SELECT reason, count(*) FROM engage_suppressions GROUP BY reason")
                .query((rs, row) -> counts.put(rs.getString(1), rs.getLong(2))).list();
        return counts;
    }

    static String domainOf(String email) {
        int at = email.lastIndexOf('@');
        return at < 0 ? "" : Tokens.normalise(email.substring(at + 1));
    }
}
