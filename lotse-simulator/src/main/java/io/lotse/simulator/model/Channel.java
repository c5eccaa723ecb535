package io.lotse.simulator.model;

import java.util.List;
import java.util.Locale;

/** Marketing channels: the seven with media spend, and the two unpaid ones that make up the baseline. */
public enum Channel {
    PAID_SEARCH("paid_search", true),
    PAID_SOCIAL("paid_social", true),
    DISPLAY("display", true),
    VIDEO("video", true),
    AFFILIATE("affiliate", true),
    EMAIL("email", true),
    TV("tv", true),
    ORGANIC("organic", false),
    DIRECT("direct", false);

    private static final List<Channel> MEDIA = List.of(PAID_SEARCH, PAID_SOCIAL, DISPLAY, VIDEO, AFFILIATE, EMAIL,
            TV);

    private final String key;
    private final boolean media;

    Channel(String key, boolean media) {
        this.key = key;
        this.media = media;
    }

    /** The name used in files, e.g. {@code paid_search}. */
    public String key() {
        return key;
    }

    /** Whether the channel has media spend. */
    public boolean media() {
        return media;
    }

    /** The channels with media spend, in a fixed order. */
    public static List<Channel> mediaChannels() {
        return MEDIA;
    }

    /** The channel with the given key. */
    public static Channel fromKey(String key) {
        return valueOf(key.toUpperCase(Locale.ROOT));
    }
}
