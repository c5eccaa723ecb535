package io.lotse.server.recommend;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** Where recommendations are shown; each placement has its own blend and rules. */
public enum Placement {
    /** The home page: personal picks. */
    HOME,
    /** A product page: related to the product in view. */
    PRODUCT,
    /** The cart: what goes with its items. */
    CART,
    /** An email: personal picks without the live session. */
    EMAIL;

    /** The name in URLs, the API and the database, e.g. {@code home}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Placement> fromWire(String name) {
        return Arrays.stream(values()).filter(p -> p.wireName().equalsIgnoreCase(name.trim())).findFirst();
    }

    /** The wire names, for error messages. */
    static String names() {
        return Arrays.stream(values()).map(Placement::wireName).collect(Collectors.joining(", "));
    }
}
