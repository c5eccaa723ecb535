package io.lotse.engine.segment;

import java.util.List;
import java.util.Objects;

/**
 * One problem of a rule.
 *
 * @param path      where in the rule's JSON form, as a JSON pointer (RFC 6901), e.g. {@code /all/2/op}; the empty
 *                  string is the whole rule
 * @param problem   what is wrong
 * @param arguments the particulars the message names, in the order of the problem's pattern
 */
public record RuleError(String path, RuleProblem problem, List<String> arguments) {

    public RuleError {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(problem, "problem");
        arguments = List.copyOf(arguments);
    }

    public static RuleError of(String path, RuleProblem problem, Object... arguments) {
        return new RuleError(path, problem, java.util.Arrays.stream(arguments).map(String::valueOf).toList());
    }

    /** The problem's stable code, e.g. {@code unknown_operator}. */
    public String code() {
        return problem.code();
    }

    /** The English message. */
    public String message() {
        return problem.message(arguments);
    }
}
