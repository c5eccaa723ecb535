package io.lotse.server.engage;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Opaque, unforgeable tokens in links of messages (unsubscribe, preferences, clicks, confirmations) and keyed
 * hashes of addresses, all from one secret generated per installation and kept in the database.
 *
 * <p>A token is the base64url of a purpose byte, an id and a truncated HMAC-SHA256 over both: it needs no lookup
 * table, cannot be guessed or altered, and a token for one purpose is worthless for another.
 */
@Component
class Tokens {

    /** What a token entitles its holder to. */
    enum Purpose {
        UNSUBSCRIBE(1), PREFERENCES(2), CLICK(3), OPEN(4), CONFIRM(5);

        final byte code;

        Purpose(int code) {
            this.code = (byte) code;
        }
    }

    private static final int MAC_BYTES = 12;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final byte[] key;

    Tokens(JdbcClient jdbc) {
        byte[] fresh = new byte[32];
        new SecureRandom().nextBytes(fresh);
        jdbc.sql("INSERT INTO settings (name, value) VALUES ('engage_secret', ?) ON CONFLICT DO NOTHING")
                .param(HexFormat.of().formatHex(fresh)).update();
        this.key = HexFormat.of().parseHex(jdbc.sql("SELECT value FROM settings WHERE name = 'engage_secret'")
                .query(String.class).single());
    }

    /** A token for an id and a purpose. */
    String token(Purpose purpose, long id) {
        ByteBuffer buffer = ByteBuffer.allocate(1 + 8 + MAC_BYTES);
        buffer.put(purpose.code).putLong(id);
        byte[] mac = mac(buffer.array(), 0, 9);
        buffer.put(mac, 0, MAC_BYTES);
        return ENCODER.encodeToString(buffer.array());
    }

    /** The id of a valid token of that purpose; empty for anything else (malformed, forged, another purpose). */
    Optional<Long> verify(Purpose purpose, String token) {
        byte[] bytes;
        try {
            bytes = DECODER.decode(token);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (bytes.length != 1 + 8 + MAC_BYTES || bytes[0] != purpose.code) {
            return Optional.empty();
        }
        byte[] expected = mac(bytes, 0, 9);
        byte[] given = new byte[MAC_BYTES];
        System.arraycopy(bytes, 9, given, 0, MAC_BYTES);
        byte[] expectedPrefix = new byte[MAC_BYTES];
        System.arraycopy(expected, 0, expectedPrefix, 0, MAC_BYTES);
        if (!MessageDigest.isEqual(expectedPrefix, given)) {
            return Optional.empty();
        }
        return Optional.of(ByteBuffer.wrap(bytes, 1, 8).getLong());
    }

    /** A signature of a text (a click's target address), so links cannot be turned into an open redirect. */
    String sign(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        byte[] mac = mac(bytes, 0, bytes.length);
        return ENCODER.encodeToString(java.util.Arrays.copyOf(mac, MAC_BYTES));
    }

    boolean verifySignature(String text, String signature) {
        return MessageDigest.isEqual(sign(text).getBytes(StandardCharsets.US_ASCII),
                signature.getBytes(StandardCharsets.US_ASCII));
    }

    /** The keyed hash under which an address is kept in the suppression list. */
    String addressHash(String email) {
        byte[] bytes = normalise(email).getBytes(StandardCharsets.UTF_8);
        return HexFormat.of().formatHex(mac(bytes, 0, bytes.length));
    }

    static String normalise(String email) {
        return email.trim().toLowerCase(Locale.ROOT);
    }

    private byte[] mac(byte[] data, int offset, int length) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update(data, offset, length);
            return mac.doFinal();
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
