package io.lotse.server.privacy;

import io.lotse.engine.identity.Identifier;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Identifiers of erased people, kept only as salted SHA-256 hashes.
 *
 * <p>After an erasure nothing readable about the person remains, yet a later event carrying one of their
 * identifiers is recognised and dropped, unless that event carries a new consent. The salt is generated per
 * installation so the hashes cannot be matched against other systems. All hashes are held in memory: the check
 * runs for every incoming event and must cost nothing while the list is empty.
 */
@Service
public class Suppressions {

    private final JdbcClient jdbc;
    private final byte[] salt;
    private final Set<String> hashes = ConcurrentHashMap.newKeySet();

    Suppressions(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.salt = loadOrCreateSalt(jdbc);
        hashes.addAll(jdbc.sql("SELECT identifier_hash FROM suppressions").query(String.class).list());
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
            if (hashes.contains(hash(identifier))) {
                return true;
            }
        }
        return false;
    }

    /** Remembers the identifiers of an erased person. */
    @Transactional
    public void suppress(Collection<Identifier> identifiers) {
        List<String> added = identifiers.stream().map(this::hash).distinct().toList();
        for (String hash : added) {
            jdbc.sql("INSERT INTO suppressions (identifier_hash, erased_at) VALUES (?, now()) ON CONFLICT DO NOTHING")
                    .param(hash).update();
        }
        hashes.addAll(added);
    }

    /** Forgets the suppression of these identifiers because the person consented again. */
    @Transactional
    public void lift(Collection<Identifier> identifiers) {
        List<String> lifted = identifiers.stream().map(this::hash).filter(hashes::contains).toList();
        if (lifted.isEmpty()) {
            return;
        }
        jdbc.sql("DELETE FROM suppressions WHERE identifier_hash = ANY(?)")
                .param(lifted.toArray(String[]::new)).update();
        lifted.forEach(hashes::remove);
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
