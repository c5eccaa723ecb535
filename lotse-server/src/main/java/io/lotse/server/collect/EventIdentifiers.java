package io.lotse.server.collect;

import io.lotse.engine.identity.Identifier;
import io.lotse.engine.identity.IdentifierNormaliser;
import io.lotse.engine.identity.IdentityType;
import io.lotse.engine.identity.IdentityLimits;
import io.lotse.server.platform.LotseProperties;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Reads the identifiers of a person out of a Segment message: user id, anonymous id, email and phone from
 * the traits of identify calls and from {@code context.traits}, the device id, and custom ids from {@code context.externalIds}. All values are normalised and junk
 * values dropped, so two messages of the same person yield equal identifiers.
 */
@Component
public class EventIdentifiers {

    private final IdentifierNormaliser normaliser;
    private final IdentityLimits limits;

    EventIdentifiers(LotseProperties properties) {
        Set<String> blocklist = new HashSet<>(IdentifierNormaliser.DEFAULT_BLOCKLIST);
        blocklist.addAll(properties.identity().blocklist());
        this.normaliser = new IdentifierNormaliser(blocklist, properties.identity().phoneRegion());
        var limits = new java.util.HashMap<IdentityType, Integer>(IdentityLimits.defaults().perType());
        properties.identity().limits().forEach((type, max) -> limits.put(IdentityType.of(type), max));
        this.limits = new IdentityLimits(limits);
    }

    /** The configured normaliser, shared by everything that turns raw values into identifiers. */
    public IdentifierNormaliser normaliser() {
        return normaliser;
    }

    /** The configured per-profile identifier limits. */
    public IdentityLimits limits() {
        return limits;
    }

    /**
     * All identifiers of a message; an alias's {@code previousId} is not among them because its type is unknown
     * (see {@link #previousId}).
     */
    public List<Identifier> of(JsonNode message) {
        List<Identifier> identifiers = new ArrayList<>(4);
        add(identifiers, IdentityType.USER_ID, text(message.get("userId")));
        add(identifiers, IdentityType.ANONYMOUS_ID, text(message.get("anonymousId")));
        JsonNode context = message.path("context");
        // A group call's traits describe the group, not the person.
        JsonNode ownTraits = "identify".equals(message.path("type").asString("")) ? message.path("traits")
                : tools.jackson.databind.node.MissingNode.getInstance();
        for (JsonNode traits : List.of(ownTraits, context.path("traits"))) {
            add(identifiers, IdentityType.EMAIL, text(traits.get("email")));
            add(identifiers, IdentityType.PHONE, text(traits.get("phone")));
        }
        add(identifiers, IdentityType.DEVICE_ID, text(context.path("device").get("id")));
        JsonNode externalIds = context.path("externalIds");
        if (externalIds.isArray()) {
            for (JsonNode external : externalIds) {
                String type = text(external.get("type"));
                String id = text(external.get("id"));
                if (type != null && id != null && type.matches("[A-Za-z0-9_.-]{1,60}")) {
                    IdentityType identityType = switch (type.toLowerCase(java.util.Locale.ROOT)) {
                        case "email" -> IdentityType.EMAIL;
                        case "phone" -> IdentityType.PHONE;
                        case "user_id", "userid" -> IdentityType.USER_ID;
                        default -> IdentityType.external(type);
                    };
                    add(identifiers, identityType, id);
                }
            }
        }
        return identifiers.stream().distinct().toList();
    }

    /** The {@code previousId} of an alias message as it would be stored under the given type. */
    public @Nullable Identifier previousId(JsonNode message, IdentityType type) {
        String previous = text(message.get("previousId"));
        return previous == null ? null : normaliser.normalise(type, previous).orElse(null);
    }

    private void add(List<Identifier> identifiers, IdentityType type, @Nullable String raw) {
        if (raw != null) {
            normaliser.normalise(type, raw).ifPresent(identifiers::add);
        }
    }

    private static @Nullable String text(@Nullable JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isString()) {
            return node.stringValue();
        }
        if (node.isIntegralNumber()) {
            return node.asString();
        }
        return null;
    }
}
