package io.lotse.engine.segment;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The person's latest choice for a consent purpose: granted ({@code {"consent": "email"}}) or explicitly refused
 * ({@code "granted": false}). Someone who never chose satisfies neither; "has not agreed" is the negation of the
 * granted form.
 *
 * @param purpose the purpose, lower-case as profiles store it
 * @param granted whether the choice must be "granted" or "refused"
 */
public record ConsentCondition(String purpose, boolean granted) implements Rule {

    public ConsentCondition {
        Objects.requireNonNull(purpose, "purpose");
        purpose = purpose.trim().toLowerCase(Locale.ROOT);
        List<RuleError> problems = new ArrayList<>();
        Checks.name("consent", purpose, problems);
        Checks.require(problems);
    }

    public static ConsentCondition granted(String purpose) {
        return new ConsentCondition(purpose, true);
    }
}
