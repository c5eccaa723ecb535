package io.lotse.server.engage;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Reads a journey's trigger and steps from JSON, as the API and the editor send them, refusing anything unclear
 * with the step and the reason. Durations are ISO 8601 ({@code PT2H}, {@code P3D}).
 */
final class JourneyJson {

    private JourneyJson() {}

    /**
     * @throws IllegalArgumentException naming the step and what is wrong
     */
    static JourneyDefinition parse(JsonNode trigger, JsonNode steps) {
        if (!trigger.isObject()) {
            throw new IllegalArgumentException("'trigger' must be an object such as {\"kind\": \"event\", \"value\": \"Product Added\"}");
        }
        if (!steps.isArray()) {
            throw new IllegalArgumentException("'steps' must be a list of steps");
        }
        JourneyDefinition.Trigger parsedTrigger = new JourneyDefinition.Trigger(text(trigger, "kind", "trigger"),
                text(trigger, "value", "trigger"));
        List<JourneyDefinition.Step> parsed = new ArrayList<>();
        int index = 0;
        for (JsonNode step : steps) {
            index++;
            String where = "step " + index;
            String id = text(step, "id", where);
            where = "step '" + id + "'";
            String type = text(step, "type", where);
            String next = optional(step, "next");
            parsed.add(switch (type) {
                case "wait" -> new JourneyDefinition.Wait(id, duration(step, "duration", where), next);
                case "wait_until" -> new JourneyDefinition.WaitUntil(id, text(step, "event", where),
                        duration(step, "timeout", where), optional(step, "onEvent"), optional(step, "onTimeout"));
                case "condition" -> {
                    JsonNode rule = step.path("rule");
                    if (!rule.isObject() || !(rule.has("trait") || rule.has("score") || rule.has("event")
                            || rule.has("consent"))) {
                        throw new IllegalArgumentException(where + " needs a 'rule' with 'trait', 'score', 'event' "
                                + "or 'consent'");
                    }
                    yield new JourneyDefinition.Condition(id, rule, optional(step, "yes"), optional(step, "no"));
                }
                case "random_split" -> {
                    List<JourneyDefinition.Branch> branches = new ArrayList<>();
                    for (JsonNode branch : step.path("branches")) {
                        if (!branch.path("percent").isIntegralNumber()) {
                            throw new IllegalArgumentException(where + ": each branch needs a whole 'percent'");
                        }
                        branches.add(new JourneyDefinition.Branch(branch.path("percent").asInt(),
                                text(branch, "next", where)));
                    }
                    yield new JourneyDefinition.RandomSplit(id, branches);
                }
                case "send_email" -> {
                    if (!step.path("templateId").isIntegralNumber()) {
                        throw new IllegalArgumentException(where + " needs a 'templateId'");
                    }
                    String topic = optional(step, "topic");
                    yield new JourneyDefinition.SendEmail(id, step.path("templateId").asLong(),
                            topic == null ? "newsletter" : topic, next);
                }
                case "set_trait" -> {
                    if (!step.has("value")) {
                        throw new IllegalArgumentException(where + " needs a 'value'");
                    }
                    yield new JourneyDefinition.SetTrait(id, text(step, "trait", where), step.get("value"), next);
                }
                case "add_to_segment", "remove_from_segment" -> new JourneyDefinition.Segment(id,
                        text(step, "segment", where), type.equals("add_to_segment"), next);
                case "webhook" -> {
                    String url = text(step, "url", where);
                    if (!url.startsWith("https://") && !url.startsWith("http://")) {
                        throw new IllegalArgumentException(where + ": the webhook 'url' must be http or https");
                    }
                    yield new JourneyDefinition.Webhook(id, url, next);
                }
                case "notify_salesperson" -> {
                    String email = text(step, "email", where);
                    if (!EmailAddresses.valid(email)) {
                        throw new IllegalArgumentException(where + ": '" + email + "' is not an email address");
                    }
                    yield new JourneyDefinition.NotifySalesperson(id, email, next);
                }
                case "exit" -> new JourneyDefinition.Exit(id);
                default -> throw new IllegalArgumentException(where + " has the unknown type '" + type + "'");
            });
        }
        return new JourneyDefinition(parsedTrigger, parsed);
    }

    private static String text(JsonNode node, String field, String where) {
        JsonNode value = node.path(field);
        if (!value.isString() || value.stringValue().isBlank()) {
            throw new IllegalArgumentException(where + " needs '" + field + "'");
        }
        return value.stringValue().strip();
    }

    private static @Nullable String optional(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isString() && !value.stringValue().isBlank() ? value.stringValue().strip() : null;
    }

    private static Duration duration(JsonNode node, String field, String where) {
        String text = text(node, field, where);
        try {
            Duration duration = Duration.parse(text);
            if (duration.isNegative()) {
                throw new IllegalArgumentException(where + ": '" + field + "' must not be negative");
            }
            return duration;
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(where + ": '" + field + "' must be an ISO 8601 duration such as PT2H, "
                    + "was '" + text + "'");
        }
    }
}
