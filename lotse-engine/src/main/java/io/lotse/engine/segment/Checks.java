package io.lotse.engine.segment;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The checks shared by the conditions' constructors and {@link RuleJson}: each adds its findings to a list,
 * with paths relative to the condition (e.g. {@code /value}).
 */
final class Checks {

    /** Longest name of a trait, event, category or consent purpose. */
    static final int MAX_NAME_LENGTH = 200;
    /** Most values of one {@code in} list. */
    static final int MAX_VALUES = 500;

    private Checks() {}

    static void name(String field, String value, List<RuleError> out) {
        if (value.isBlank()) {
            out.add(RuleError.of("/" + field, RuleProblem.BLANK, field));
        } else if (value.length() > MAX_NAME_LENGTH) {
            out.add(RuleError.of("/" + field, RuleProblem.TOO_LONG, field, MAX_NAME_LENGTH));
        }
    }

    static void operator(Operator op, Set<Operator> allowed, String subject, List<RuleError> out) {
        if (!allowed.contains(op)) {
            out.add(RuleError.of("/op", RuleProblem.OPERATOR_NOT_APPLICABLE, op.wireName(), subject,
                    Operator.names(allowed)));
        }
    }

    /** The value must be there (except for {@code exists}, which takes none) and be of the kind the operator needs. */
    static void value(Operator op, @Nullable RuleValue value, List<RuleError> out) {
        if (op == Operator.EXISTS) {
            if (value != null) {
                out.add(RuleError.of("/value", RuleProblem.VALUE_NOT_ALLOWED, op.wireName()));
            }
            return;
        }
        if (value == null) {
            out.add(RuleError.of("/value", RuleProblem.MISSING, "value"));
            return;
        }
        switch (op) {
            case GT, GTE, LT, LTE -> {
                if (!(value instanceof RuleValue.Numeric)) {
                    out.add(RuleError.of("/value", RuleProblem.VALUE_NOT_NUMBER, op.wireName()));
                }
            }
            case CONTAINS -> {
                if (!(value instanceof RuleValue.Text text)) {
                    out.add(RuleError.of("/value", RuleProblem.VALUE_NOT_TEXT, op.wireName()));
                } else if (text.text().isEmpty()) {
                    out.add(RuleError.of("/value", RuleProblem.BLANK, "value"));
                }
            }
            case IN -> {
                if (!(value instanceof RuleValue.Choices choices)) {
                    out.add(RuleError.of("/value", RuleProblem.VALUE_NOT_LIST, op.wireName()));
                } else if (choices.values().size() > MAX_VALUES) {
                    out.add(RuleError.of("/value", RuleProblem.TOO_MANY_VALUES, "value", MAX_VALUES));
                }
            }
            default -> {
                if (value instanceof RuleValue.Choices) {
                    out.add(RuleError.of("/value", RuleProblem.VALUE_NOT_SCALAR, op.wireName()));
                }
            }
        }
    }

    static void range(String field, BigDecimal value, @Nullable BigDecimal min, @Nullable BigDecimal max,
                      List<RuleError> out) {
        if (min != null && max != null && (value.compareTo(min) < 0 || value.compareTo(max) > 0)) {
            out.add(RuleError.of("/" + field, RuleProblem.OUT_OF_RANGE, field, plain(min), plain(max), plain(value)));
        } else if (min != null && value.compareTo(min) < 0) {
            out.add(RuleError.of("/" + field, RuleProblem.BELOW_MINIMUM, field, plain(min), plain(value)));
        }
    }

    static String plain(BigDecimal number) {
        return number.stripTrailingZeros().toPlainString();
    }

    /** Throws for the first problem; the constructors' guard, after {@link RuleJson} reported them all. */
    static void require(List<RuleError> problems) {
        if (!problems.isEmpty()) {
            RuleError first = problems.get(0);
            throw new IllegalArgumentException(first.path().substring(1) + ": " + first.message());
        }
    }
}
