package io.lotse.engine.segment;

import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of reading a rule: the rule, or every problem found in it (never both).
 *
 * @param rule   the rule; absent exactly when there are errors
 * @param errors every problem, in document order
 */
public record ParsedRule(@Nullable Rule rule, List<RuleError> errors) {

    public ParsedRule {
        errors = List.copyOf(errors);
        if ((rule == null) == errors.isEmpty()) {
            throw new IllegalArgumentException("a parsed rule has either a rule or errors");
        }
    }

    static ParsedRule valid(Rule rule) {
        return new ParsedRule(rule, List.of());
    }

    static ParsedRule invalid(List<RuleError> errors) {
        return new ParsedRule(null, errors);
    }

    public boolean isValid() {
        return rule != null;
    }

    public Optional<Rule> toOptional() {
        return Optional.ofNullable(rule);
    }
}
