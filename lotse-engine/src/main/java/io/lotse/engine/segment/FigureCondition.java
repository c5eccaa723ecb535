package io.lotse.engine.segment;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A condition on an activity figure of the profile, e.g. {@code order_count gte 3} or
 * {@code last_seen_days_ago gt 30}.
 *
 * @param figure the figure
 * @param op     one of {@link Operator#COMPARISONS}
 * @param value  the number to compare with
 */
public record FigureCondition(Figure figure, Operator op, BigDecimal value) implements Rule {

    public FigureCondition {
        Objects.requireNonNull(figure, "figure");
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(value, "value");
        List<RuleError> problems = new ArrayList<>();
        check(figure, op, value, problems);
        Checks.require(problems);
    }

    static void check(Figure figure, Operator op, BigDecimal value, List<RuleError> out) {
        Checks.operator(op, Operator.COMPARISONS, figure.wireName(), out);
        Checks.range("value", value, figure.minimum(), null, out);
    }
}
