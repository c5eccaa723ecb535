package io.lotse.server.segment;

import io.lotse.engine.segment.ParsedRule;
import io.lotse.engine.segment.Rule;
import io.lotse.engine.segment.RuleJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Rules between Jackson and the engine: JSON is read by Jackson into the plain tree {@link RuleJson} reads (maps,
 * lists, texts, exact decimal numbers, booleans), and written back from the engine's canonical tree.
 */
@Component
class RuleCodec {

    private final JsonMapper json;

    RuleCodec(JsonMapper json) {
        this.json = json;
    }

    ParsedRule parse(@Nullable JsonNode rule) {
        return RuleJson.parse(rule == null ? null : plain(rule));
    }

    /** A rule stored by Lotse, which was valid when it was stored. */
    Rule read(String stored) {
        ParsedRule parsed = parse(json.readTree(stored));
        return parsed.toOptional().orElseThrow(() -> new IllegalStateException(
                "a stored rule no longer reads: " + parsed.errors().get(0).message()));
    }

    JsonNode toJson(Rule rule) {
        return json.valueToTree(RuleJson.toTree(rule));
    }

    String toText(Rule rule) {
        return json.writeValueAsString(RuleJson.toTree(rule));
    }

    private static @Nullable Object plain(JsonNode node) {
        if (node.isObject()) {
            Map<String, @Nullable Object> map = new LinkedHashMap<>();
            node.properties().forEach(e -> map.put(e.getKey(), plain(e.getValue())));
            return map;
        }
        if (node.isArray()) {
            List<@Nullable Object> list = new ArrayList<>();
            for (JsonNode item : node) {
                list.add(plain(item));
            }
            return list;
        }
        if (node.isString()) {
            return node.stringValue();
        }
        if (node.isNumber()) {
            return node.decimalValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        return null;
    }
}
