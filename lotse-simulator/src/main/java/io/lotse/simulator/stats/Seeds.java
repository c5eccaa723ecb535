package io.lotse.simulator.stats;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Derives independent random streams from one seed, so that every entity (a customer, the catalogue, the media
 * plan) draws from its own stream and its values do not depend on how many other entities exist or in which
 * order they are processed.
 */
public final class Seeds {

    private Seeds() {}

    /** A stream for {@code purpose} (e.g. {@code "customer.profile"}) and an entity index. */
    public static SplittableRandom stream(long seed, String purpose, long index) {
        return new SplittableRandom(mix(seed, salt(purpose), index));
    }

    /** Mixes a seed, a salt and an index into a well-distributed 64-bit value (SplitMix64 finaliser, chained). */
    public static long mix(long seed, long salt, long index) {
        long h = finalise(seed + 0x9E3779B97F4A7C15L);
        h = finalise(h ^ salt);
        h = finalise(h + 0x632BE59BD9B4E019L * (index + 1));
        return h;
    }

    /** A deterministic 64-bit hash of a purpose name (FNV-1a over its UTF-8 bytes), stable across JVMs. */
    public static long salt(String purpose) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : purpose.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= 0x100000001b3L;
        }
        return hash;
    }

    /** The SplitMix64 finaliser: a bijection on 64-bit values. */
    public static long finalise(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Whether a hashed decision with the given probability comes out true, without consuming a stream. */
    public static boolean sampled(long seed, String purpose, long index, double probability) {
        long bits = mix(seed, salt(purpose), index) >>> 11;
        return bits * 0x1.0p-53 < probability;
    }
}
