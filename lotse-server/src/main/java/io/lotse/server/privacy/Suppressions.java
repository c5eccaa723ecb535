package io.lotse.server.privacy;

import io.lotse.engine.identity.Identifier;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Identifiers of erased people, kept only as salted SHA-256 hashes.
 *
 * <p>After an erasure nothing readable about the person remains, yet a later event carrying one of their
 * identifiers is recognised and dropped, unless that event carries a new consent: then the suppression of every
 * identifier of that erasure is lifted, so that the person's later events from another device or with their
 * email are kept too. The identifiers of one erasure share its time, which serves as the erasure's key. The salt
 * is generated per installation so the hashes cannot be matched against other systems. All hashes are held in
 * memory: the check runs for every incoming event and must cost nothing while the list is empty.
 */
@Service
public class Suppressions {

    private final JdbcClient jdbc;
    private final byte[] salt;
    /** Hash to the erasure it belongs to, the erasure's time. */
    private final Map<String, Instant> hashes = new ConcurrentHashMap<>();
    private final AtomicReference<Instant> lastErasure = new AtomicReference<>(Instant.EPOCH);

    Suppressions(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.salt = loadOrCreateSalt(jdbc);
        jdbc.sql("SELECT identifier_hash, erased_at FROM suppressions")
                .query((rs, row) -> hashes.put(rs.getString(1), rs.getTimestamp(2).toInstant())).list();
    }

    /** Whether no one is suppressed; then no event needs checking. */
    public boolean isEmpty() {
        return hashes.isEmpty();
    }

    /** Whether any of the identifiers belongs to an erased person. */
    public boolean suppresses(Collection<Identifier> identifiers) {
        if (hashes.isEmpty()) {
            return false;
        }
        for (Identifier identifier : identifiers) {
            if (hashes.containsKey(hash(identifier))) {
                return true;
            }
        }
        return false;
    }

    /** Remembers the identifiers of an erased person, as one erasure. */
    @Transactional
    public void suppress(Collection<Identifier> identifiers) {
        List<String> added = identifiers.stream().map(this::hash).distinct().toList();
        if (added.isEmpty()) {
            return;
        }
        Instant erasure = nextErasureTime();
        for (String hash : added) {
            jdbc.sql("""
                    INSERT INTO suppressions (identifier_hash, erased_at) VALUES (?, ?)
                    ON CONFLICT (identifier_hash) DO UPDATE SET erased_at = excluded.erased_at""")
                    .params(hash, Timestamp.from(erasure)).update();
        }
        added.forEach(hash -> hashes.put(hash, erasure));
    }

    /**
     * Forgets the suppression of the erased people these identifiers belong to, with all their other
     * identifiers, because the person consented again.
     */
    @Transactional
    public void lift(Collection<Identifier> identifiers) {
        Set<Instant> erasures = identifiers.stream().map(this::hash).map(hashes::get).filter(Objects::nonNull)
                .collect(Collectors.toSet());
        if (erasures.isEmpty()) {
            return;
        }
        List<String> lifted = new ArrayList<>();
        for (Instant erasure : erasures) {
            lifted.addAll(jdbc.sql("DELETE FROM suppressions WHERE erased_at = ? RETURNING identifier_hash")
                    .param(Timestamp.from(erasure)).query(String.class).list());
        }
        hashes.values().removeIf(erasures::contains);
        lifted.forEach(hashes::remove);
    }

    /** A time unique to this erasure, to the microsecond the database keeps. */
    private Instant nextErasureTime() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return lastErasure.updateAndGet(last -> now.isAfter(last) ? now : last.plus(1, ChronoUnit.MICROS));
    }

    private String hash(Identifier identifier) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(salt);
            digest.update(identifier.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static byte[] loadOrCreateSalt(JdbcClient jdbc) {
        byte[] fresh = new byte[32];
        new SecureRandom().nextBytes(fresh);
        jdbc.sql("INSERT INTO settings (name, value) VALUES ('suppression_salt', ?) ON CONFLICT DO NOTHING")
                .param(HexFormat.of().formatHex(fresh)).update();
        String stored = jdbc.sql("SELECT value FROM settings WHERE name = 'suppression_salt'")
                .query(String.class).single();
        return HexFormat.of().parseHex(stored);
    }
}
