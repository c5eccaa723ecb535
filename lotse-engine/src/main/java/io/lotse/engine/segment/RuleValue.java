package io.lotse.engine.segment;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/** A value a condition compares with: a text, a number, yes or no, or a list of those for {@link Operator#IN}. */
public sealed interface RuleValue {

    record Text(String text) implements RuleValue {
        public Text {
            Objects.requireNonNull(text, "text");
        }
    }

    record Numeric(BigDecimal number) implements RuleValue {
        public Numeric {
            Objects.requireNonNull(number, "number");
        }

        public static Numeric of(long number) {
            return new Numeric(BigDecimal.valueOf(number));
        }
    }

    record Bool(boolean value) implements RuleValue {}

    /** One of several values; never nested, never empty. */
    record Choices(List<RuleValue> values) implements RuleValue {
        public Choices {
            values = List.copyOf(values);
            if (values.isEmpty()) {
                throw new IllegalArgumentException("a list of values needs at least one value");
            }
            if (values.stream().anyMatch(Choices.class::isInstance)) {
                throw new IllegalArgumentException("lists of values do not nest");
            }
        }
    }
}
