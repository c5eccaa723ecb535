package io.lotse.engine.segment;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How often the person did something: "did {@code Order Completed} at least 2 times in the last 90 days",
 * "viewed a product of category {@code Shoes}", "never opened the app" (at most 0 times).
 *
 * <p>Counts track events by name (exactly, case matters) and, when given, by their {@code properties.category}.
 * A window of {@code n} days is today (UTC) and the {@code n - 1} days before it.
 *
 * @param event      the track event's name
 * @param category   the category the event must have, if any
 * @param atLeast    the smallest count that qualifies
 * @param atMost     the largest count that qualifies, if bounded
 * @param withinDays the window in days, absent for all time
 */
public record BehaviourCondition(String event, @Nullable String category, int atLeast, @Nullable Integer atMost,
                                 @Nullable Integer withinDays) implements Rule {

    public static final int MAX_COUNT = 1_000_000;
    public static final int MAX_DAYS = 3650;

    public BehaviourCondition {
        Objects.requireNonNull(event, "event");
        List<RuleError> problems = new ArrayList<>();
        check(event, category, atLeast, atMost, withinDays, problems);
        Checks.require(problems);
    }

    /** Did the event at least once, ever. */
    public static BehaviourCondition did(String event) {
        return new BehaviourCondition(event, null, 1, null, null);
    }

    static void check(String event, @Nullable String category, int atLeast, @Nullable Integer atMost,
                      @Nullable Integer withinDays, List<RuleError> out) {
        Checks.name("event", event, out);
        if (category != null) {
            Checks.name("category", category, out);
        }
        count("atLeast", atLeast, out);
        if (atMost != null) {
            count("atMost", atMost, out);
            if (atMost < atLeast) {
                out.add(RuleError.of("/atMost", RuleProblem.EMPTY_COUNT_RANGE, atLeast, atMost));
            }
        } else if (atLeast < 1) {
            out.add(RuleError.of("/atLeast", RuleProblem.ALWAYS_TRUE));
        }
        if (withinDays != null && (withinDays < 1 || withinDays > MAX_DAYS)) {
            out.add(RuleError.of("/withinDays", RuleProblem.OUT_OF_RANGE, "withinDays", 1, MAX_DAYS, withinDays));
        }
    }

    private static void count(String field, int count, List<RuleError> out) {
        if (count < 0 || count > MAX_COUNT) {
            out.add(RuleError.of("/" + field, RuleProblem.OUT_OF_RANGE, field, 0, MAX_COUNT, count));
        }
    }
}
