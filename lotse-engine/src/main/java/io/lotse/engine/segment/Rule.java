package io.lotse.engine.segment;

import java.util.List;
import java.util.Objects;

/**
 * Who belongs to a segment: a tree of conditions combined with {@link All}, {@link Any} and {@link Not}.
 *
 * <p>Every rule is two-valued: a profile lacking the data a condition asks about (no such trait, no score yet)
 * does not satisfy it, and does satisfy its negation. Instances are always valid; {@link RuleJson#parse} builds
 * them from their JSON form and reports every problem with its path.
 */
public sealed interface Rule permits Rule.All, Rule.Any, Rule.Not, TraitCondition, FigureCondition,
        BehaviourCondition, ScoreCondition, ConsentCondition, SegmentCondition {

    /** Every one of the rules holds. */
    record All(List<Rule> rules) implements Rule {
        public All {
            rules = nonEmpty(rules, "all");
        }
    }

    /** At least one of the rules holds. */
    record Any(List<Rule> rules) implements Rule {
        public Any {
            rules = nonEmpty(rules, "any");
        }
    }

    /** The rule does not hold. */
    record Not(Rule rule) implements Rule {
        public Not {
            Objects.requireNonNull(rule, "rule");
        }
    }

    private static List<Rule> nonEmpty(List<Rule> rules, String group) {
        List<Rule> copy = List.copyOf(rules);
        if (copy.isEmpty()) {
            throw new IllegalArgumentException("an '" + group + "' group needs at least one condition");
        }
        return copy;
    }
}
