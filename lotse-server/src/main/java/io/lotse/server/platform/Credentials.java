package io.lotse.server.platform;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The write key that tracking clients send and the admin token of the API and UI.
 *
 * <p>Only SHA-256 hashes are stored: both secrets are 256-bit random strings when generated, so a fast hash is
 * enough and keeps the per-request check cheap. A configured value replaces the stored one; a missing one is
 * generated on first start and printed once.
 */
@Component
public class Credentials {

    private static final Logger log = LoggerFactory.getLogger(Credentials.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The two kinds of secret. */
    public enum Kind {
        WRITE_KEY("write_key"), ADMIN_TOKEN("admin_token");

        private final String column;

        Kind(String column) {
            this.column = column;
        }
    }

    private final JdbcClient jdbc;
    private final Map<Kind, byte[]> hashes = new ConcurrentHashMap<>();
    private final Map<Kind, String> generated = new EnumMap<>(Kind.class);

    /** Stores the configured secrets and generates missing ones before any request is served. */
    Credentials(JdbcClient jdbc, LotseProperties properties) {
        this.jdbc = jdbc;
        ensure(Kind.WRITE_KEY, properties.writeKey(), generated);
        ensure(Kind.ADMIN_TOKEN, properties.adminToken(), generated);
    }

    /** The secrets generated at this start, to be shown once; empty when all were configured or stored. */
    Map<Kind, String> generatedAtStart() {
        return Map.copyOf(generated);
    }

    private void ensure(Kind kind, @Nullable String configured, Map<Kind, String> generated) {
        if (configured != null && !configured.isBlank()) {
            store(kind, configured.trim());
            return;
        }
        var stored = jdbc.sql("SELECT hash FROM credentials WHERE kind = ?").param(kind.column)
                .query(String.class).optional();
        if (stored.isPresent()) {
            hashes.put(kind, HexFormat.of().parseHex(stored.get()));
            return;
        }
        String secret = generate(kind);
        store(kind, secret);
        generated.put(kind, secret);
        log.info("Generated a new {}", kind.column);
    }

    private void store(Kind kind, String secret) {
        byte[] hash = sha256(secret);
        jdbc.sql("""
                INSERT INTO credentials (kind, hash, created_at) VALUES (?, ?, now())
                ON CONFLICT (kind) DO UPDATE SET hash = excluded.hash, created_at = excluded.created_at
                WHERE credentials.hash <> excluded.hash""")
                .params(kind.column, HexFormat.of().formatHex(hash)).update();
        hashes.put(kind, hash);
    }

    /** Whether the given value is the current secret of that kind; constant time. */
    public boolean matches(Kind kind, @Nullable String candidate) {
        byte[] expected = hashes.get(kind);
        if (expected == null || candidate == null || candidate.isEmpty()) {
            return false;
        }
        return MessageDigest.isEqual(expected, sha256(candidate));
    }

    private static String generate(Kind kind) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String prefix = kind == Kind.WRITE_KEY ? "wk_" : "lt_";
        return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
