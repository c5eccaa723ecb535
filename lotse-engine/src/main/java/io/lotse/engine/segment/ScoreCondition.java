package io.lotse.engine.segment;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A condition on a computed score: {@code churn_risk gt 60}, {@code rfm_segment eq AT_RISK},
 * {@code clv_percentile gte 90} (the top 10% by predicted value). A profile without the score satisfies no
 * condition on it but {@code neq}, which holds wherever {@code eq} does not.
 *
 * @param score the score
 * @param op    a comparison for numeric scores; {@code eq}, {@code neq} or {@code in} for the RFM segment;
 *              {@code exists} for either
 * @param value a number, an RFM segment name or a list of them; absent exactly for {@code exists}
 */
public record ScoreCondition(Score score, Operator op, @Nullable RuleValue value) implements Rule {

    static final Set<Operator> NUMERIC_OPERATORS = EnumSet.of(Operator.EQ, Operator.NEQ, Operator.GT, Operator.GTE,
            Operator.LT, Operator.LTE, Operator.EXISTS);
    static final Set<Operator> CATEGORICAL_OPERATORS = EnumSet.of(Operator.EQ, Operator.NEQ, Operator.IN,
            Operator.EXISTS);

    public ScoreCondition {
        Objects.requireNonNull(score, "score");
        Objects.requireNonNull(op, "op");
        List<RuleError> problems = new ArrayList<>();
        check(score, op, value, problems);
        Checks.require(problems);
    }

    static void check(Score score, Operator op, @Nullable RuleValue value, List<RuleError> out) {
        int before = out.size();
        Checks.operator(op, score.categorical() ? CATEGORICAL_OPERATORS : NUMERIC_OPERATORS, score.wireName(), out);
        if (out.size() > before) {
            return;
        }
        if (!score.categorical()) {
            Checks.value(op, value, out);
            if (out.size() == before && value instanceof RuleValue.Numeric number) {
                Checks.range("value", number.number(), score.minimum(), score.maximum(), out);
            }
            return;
        }
        if (op == Operator.EXISTS || value == null) {
            Checks.value(op, value, out);
            return;
        }
        List<RuleValue> names = value instanceof RuleValue.Choices choices ? choices.values() : List.of(value);
        if (op == Operator.IN ? !(value instanceof RuleValue.Choices) : value instanceof RuleValue.Choices) {
            Checks.value(op, value, out);
            return;
        }
        for (RuleValue name : names) {
            if (!(name instanceof RuleValue.Text text)) {
                out.add(RuleError.of("/value", RuleProblem.VALUE_NOT_TEXT, op.wireName()));
                return;
            }
            if (!Score.RFM_SEGMENTS.contains(text.text())) {
                out.add(RuleError.of("/value", RuleProblem.UNKNOWN_RFM_SEGMENT, text.text(),
                        String.join(", ", Score.RFM_SEGMENTS)));
            }
        }
    }

    /**
     * The stored name of an RFM segment written loosely: {@code "At Risk"}, {@code "at-risk"} and
     * {@code "Can't lose them"} become {@code AT_RISK} and {@code CANT_LOSE_THEM}.
     */
    static String rfmName(String written) {
        return written.trim().toUpperCase(Locale.ROOT).replace("'", "").replace("’", "")
                .replaceAll("[\\s-]+", "_");
    }
}
