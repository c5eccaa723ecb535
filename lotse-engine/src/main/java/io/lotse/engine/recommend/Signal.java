package io.lotse.engine.recommend;

import java.util.Locale;
import java.util.Optional;

/** A source of evidence the blender weighs: one trained model fed with one kind of input. */
public enum Signal {
    /** EASE over the person's purchases and the products in view. */
    EASE,
    /** Implicit ALS over the person's purchases and the products in view. */
    ALS,
    /** Item-kNN over the person's purchases and the products in view. */
    ITEM_KNN,
    /** What the person buys again. */
    REPEAT,
    /** V-SKNN over the live session's product views. */
    SESSION,
    /** Frequently bought together with the products in view (product page, cart), else with the last order. */
    TOGETHER,
    /** Popular with everybody; the non-personal fallback. */
    POPULAR,
    /** Bought more in the last days than before. */
    TRENDING;

    /** The name used in rules, the API and the database: lower case without separators, e.g. {@code itemknn}. */
    public String wireName() {
        return name().replace("_", "").toLowerCase(Locale.ROOT);
    }

    /** The signal of a wire name, ignoring case. */
    public static Optional<Signal> fromWire(String name) {
        for (Signal signal : values()) {
            if (signal.wireName().equalsIgnoreCase(name.trim())) {
                return Optional.of(signal);
            }
        }
        return Optional.empty();
    }
}
