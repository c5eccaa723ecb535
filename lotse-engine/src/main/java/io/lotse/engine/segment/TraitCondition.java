package io.lotse.engine.segment;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A condition on a trait of the profile.
 *
 * <p>Dots in the trait name reach into nested objects ({@code address.city}). {@code eq}, {@code neq} and
 * {@code in} compare texts and yes/no exactly (case matters) and numbers by value, so that {@code 42} matches the
 * trait {@code 42} as well as {@code "42"}; {@code gt} and the other orderings compare numbers, traits written as
 * numeric texts included; {@code contains} finds a text in a text trait (ignoring case) or an element of a list
 * trait; {@code exists} holds when the trait has a value other than null. {@code neq} holds when {@code eq} does
 * not, for profiles without the trait too.
 *
 * @param trait the trait name or dotted path
 * @param op    the comparison
 * @param value what to compare with; absent exactly for {@code exists}
 */
public record TraitCondition(String trait, Operator op, @Nullable RuleValue value) implements Rule {

    static final EnumSet<Operator> OPERATORS = EnumSet.allOf(Operator.class);

    public TraitCondition {
        Objects.requireNonNull(trait, "trait");
        Objects.requireNonNull(op, "op");
        List<RuleError> problems = new ArrayList<>();
        checkTrait(trait, problems);
        Checks.value(op, value, problems);
        Checks.require(problems);
    }

    /** The trait's path into the traits object, e.g. {@code [address, city]}. */
    public List<String> path() {
        return List.of(trait.split("\\.", -1));
    }

    static void checkTrait(String trait, List<RuleError> out) {
        int before = out.size();
        Checks.name("trait", trait, out);
        if (out.size() == before && (trait.startsWith(".") || trait.endsWith(".") || trait.contains(".."))) {
            out.add(RuleError.of("/trait", RuleProblem.BAD_TRAIT_PATH, trait));
        }
    }
}
