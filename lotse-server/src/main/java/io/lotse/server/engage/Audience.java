package io.lotse.server.engage;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Who a campaign goes to.
 *
 * @param kind {@code all_subscribers} (everyone with an address who granted marketing email), {@code profiles}
 *             (listed profile ids) or the kind of an {@link AudienceSource}, e.g. {@code segment}
 * @param key  the audience's key for a source, e.g. a segment key
 * @param ids  the profile ids of a {@code profiles} audience
 */
record Audience(String kind, @Nullable String key, List<Long> ids) {

    static final String ALL_SUBSCRIBERS = "all_subscribers";
    static final String PROFILES = "profiles";

    Audience {
        ids = List.copyOf(ids);
        if (kind.isBlank()) {
            throw new IllegalArgumentException("an audience needs a kind");
        }
        if (kind.equals(PROFILES) && ids.isEmpty()) {
            throw new IllegalArgumentException("an audience of profiles needs at least one profile id");
        }
        if (!kind.equals(PROFILES) && !kind.equals(ALL_SUBSCRIBERS) && (key == null || key.isBlank())) {
            throw new IllegalArgumentException("an audience of kind '" + kind + "' needs a key");
        }
    }
}
