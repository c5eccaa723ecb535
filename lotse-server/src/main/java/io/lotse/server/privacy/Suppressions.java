package io.lotse.server.privacy;

import io.lotse.engine.identity.Identifier;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
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
 * email are kept too. The identifiers of one erasure share an erasure id. The salt
 * is generated per installation so the hashes cannot be matched against other systems. All hashes are held in
 * memory: the check runs for every incoming event and must cost nothing while the list is empty.
 */
@Service
public class Suppressions {

    private final JdbcClient jdbc;
    private final byte[] salt;
    /** Hash to the erasure it belongs to. */
    private final Map<String, UUID> hashes = new ConcurrentHashMap<>();

    Suppressions(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.salt = loadOrCreateSalt(jdbc);
        jdbc.sql("SELECT identifier_hash, erasure_id FROM suppressions")
                .query((rs, row) -> hashes.put(rs.getString(1), rs.getObject(2, UUID.class))).list();
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
        UUID erasure = UUID.randomUUID();
        for (String hash : added) {
            jdbc.sql("""
                    INSERT INTO suppressions (identifier_hash, erased_at, erasure_id) VALUES (?, now(), ?)
                    ON CONFLICT (identifier_hash)
                    DO UPDATE SET erased_at = excluded.erased_at, erasure_id = excluded.erasure_id""")
                    .params(hash, erasure).update();
        }
        added.forEach(hash -> hashes.put(hash, erasure));
    }

    /**
     * Forgets the suppression of the erased people these identifiers belong to, with all their other
     * identifiers, because the person consented again.
     */
    @Transactional
    public void lift(Collection<Identifier> identifiers) {
        Set<UUID> erasures = identifiers.stream().map(this::hash).map(hashes::get).filter(Objects::nonNull)
                .collect(Collectors.toSet());
        if (erasures.isEmpty()) {
            return;
        }
        List<String> lifted = new ArrayList<>();
        for (UUID erasure : erasures) {
            lifted.addAll(jdbc.sql("DELETE FROM suppressions WHERE erasure_id = ? RETURNING identifier_hash")
                    .param(erasure).query(String.class).list());
        }
        hashes.values().removeIf(erasures::contains);
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
