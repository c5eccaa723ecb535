package io.lotse.server.segment;

import io.lotse.engine.segment.BehaviourCondition;
import io.lotse.engine.segment.ConsentCondition;
import io.lotse.engine.segment.FigureCondition;
import io.lotse.engine.segment.Operator;
import io.lotse.engine.segment.Rule;
import io.lotse.engine.segment.RuleValue;
import io.lotse.engine.segment.Score;
import io.lotse.engine.segment.ScoreCondition;
import io.lotse.engine.segment.SegmentCondition;
import io.lotse.engine.segment.TraitCondition;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A rule compiled to one SQL condition over {@code profiles p} (and {@code profile_scores s} when
 * {@link #usesScores}), with named parameters: every value of the rule is bound, never written into the SQL.
 *
 * <p>Conditions on behaviour and on other segments become {@code p.id IN (subquery)}, which PostgreSQL runs
 * once as a hashed set for a whole-population evaluation. With a restriction to some profiles
 * ({@code :ids}), the subqueries are restricted too, so that they read only those profiles' rows.
 *
 * <p>SQL is three-valued, rules are not: a missing trait makes {@code traits->>'x' = 'y'} null, and
 * {@code NOT null} is null again. Conditions under a {@code NOT} are therefore wrapped in
 * {@code coalesce(..., false)}; elsewhere null already acts as false.
 *
 * @param condition  the SQL boolean expression
 * @param parameters values of the named parameters it uses, besides {@code :ids}
 * @param usesScores whether it reads {@code s}, the profile's scores
 */
record SqlRule(String condition, Map<String, Object> parameters, boolean usesScores) {

    /** Matches texts that PostgreSQL casts to numeric, so that numbers sent as texts compare as numbers. */
    private static final String NUMERIC_TEXT = "'^\\s*-?[0-9]+(\\.[0-9]+)?\\s*$'";

    /**
     * @param rule       the rule
     * @param segmentIds ids of the segments the rule may refer to, by key
     * @param asOf       the evaluation time: "days ago" and "within n days" count from it
     * @param restricted whether the query is restricted to the profiles in {@code :ids}
     * @throws IllegalStateException when the rule refers to a segment not in {@code segmentIds}
     */
    static SqlRule compile(Rule rule, Map<String, Long> segmentIds, Instant asOf, boolean restricted) {
        Compiler compiler = new Compiler(segmentIds, asOf, restricted);
        String condition = compiler.compile(rule, false);
        return new SqlRule(condition, compiler.parameters, compiler.usesScores);
    }

    /** The FROM clause the condition needs. */
    String from() {
        return usesScores ? "profiles p LEFT JOIN profile_scores s ON s.profile_id = p.id" : "profiles p";
    }

    /** Live profiles satisfying the rule, restricted to {@code :ids} when compiled so. */
    String where(boolean restricted) {
        return "p.merged_into IS NULL" + (restricted ? " AND p.id = ANY(:ids)" : "") + " AND (" + condition + ")";
    }

    private static final class Compiler {

        private final Map<String, Long> segmentIds;
        private final Instant asOf;
        private final LocalDate today;
        private final boolean restricted;
        private final Map<String, Object> parameters = new LinkedHashMap<>();
        private boolean usesScores;

        Compiler(Map<String, Long> segmentIds, Instant asOf, boolean restricted) {
            this.segmentIds = segmentIds;
            this.asOf = asOf;
            this.today = LocalDate.ofInstant(asOf, ZoneOffset.UTC);
            this.restricted = restricted;
        }

        private String bind(Object value) {
            String name = "p" + parameters.size();
            parameters.put(name, value);
            return ":" + name;
        }

        String compile(Rule rule, boolean negated) {
            if (rule instanceof Rule.All all) {
                return group(all.rules(), " AND ", negated);
            }
            if (rule instanceof Rule.Any any) {
                return group(any.rules(), " OR ", negated);
            }
            if (rule instanceof Rule.Not not) {
                return "NOT " + compile(not.rule(), true);
            }
            if (rule instanceof BehaviourCondition behaviour) {
                return behaviour(behaviour);
            }
            if (rule instanceof SegmentCondition segment) {
                return segment(segment);
            }
            String condition;
            if (rule instanceof TraitCondition trait) {
                condition = trait(trait);
            } else if (rule instanceof FigureCondition figure) {
                condition = figure(figure);
            } else if (rule instanceof ScoreCondition score) {
                condition = score(score);
            } else {
                condition = consent((ConsentCondition) rule);
            }
            return negated ? "coalesce(" + condition + ", false)" : condition;
        }

        private String group(List<Rule> rules, String joiner, boolean negated) {
            return rules.stream().map(r -> compile(r, negated)).collect(Collectors.joining(joiner, "(", ")"));
        }

        private String trait(TraitCondition trait) {
            List<String> path = trait.path();
            String json;
            String text;
            if (path.size() == 1) {
                String key = bind(path.get(0));
                json = "(p.traits -> " + key + ")";
                text = "(p.traits ->> " + key + ")";
            } else {
                String keys = bind(path.toArray(String[]::new)) + "::text[]";
                json = "(p.traits #> " + keys + ")";
                text = "(p.traits #>> " + keys + ")";
            }
            String number = "CASE WHEN jsonb_typeof(" + json + ") = 'number' THEN " + json + "::numeric"
                    + " WHEN jsonb_typeof(" + json + ") = 'string' AND " + text + " ~ " + NUMERIC_TEXT
                    + " THEN trim(" + text + ")::numeric END";
            RuleValue value = trait.value();
            switch (trait.op()) {
                case EXISTS:
                    return "coalesce(jsonb_typeof(" + json + "), 'null') <> 'null'";
                case CONTAINS:
                    String part = bind(((RuleValue.Text) value).text());
                    return "CASE jsonb_typeof(" + json + ") WHEN 'string' THEN strpos(lower(" + text + "), lower("
                            + part + "::text)) > 0 WHEN 'array' THEN " + json + " @> jsonb_build_array(" + part
                            + "::text) ELSE false END";
                case IN:
                    return in(((RuleValue.Choices) value).values(), text, number);
                case EQ:
                    return equal(value, text, number);
                case NEQ:
                    return "NOT coalesce(" + equal(value, text, number) + ", false)";
                default:
                    return number + " " + comparison(trait.op()) + " " + bind(((RuleValue.Numeric) value).number())
                            + "::numeric";
            }
        }

        private String equal(RuleValue value, String text, String number) {
            if (value instanceof RuleValue.Numeric numeric) {
                return number + " = " + bind(numeric.number()) + "::numeric";
            }
            return text + " = " + bind(textOf(value)) + "::text";
        }

        private String in(List<RuleValue> values, String text, String number) {
            List<String> texts = new ArrayList<>();
            List<String> numbers = new ArrayList<>();
            for (RuleValue value : values) {
                if (value instanceof RuleValue.Numeric numeric) {
                    numbers.add(numeric.number().toPlainString());
                } else {
                    texts.add(textOf(value));
                }
            }
            List<String> tests = new ArrayList<>();
            if (!texts.isEmpty()) {
                tests.add(text + " = ANY(" + bind(texts.toArray(String[]::new)) + "::text[])");
            }
            if (!numbers.isEmpty()) {
                tests.add(number + " = ANY(" + bind(numbers.toArray(String[]::new)) + "::numeric[])");
            }
            return tests.size() == 1 ? tests.get(0) : "(" + String.join(" OR ", tests) + ")";
        }

        /** Texts as they are, yes and no as JSON writes them: {@code ->>} gives {@code true} for a boolean. */
        private static String textOf(RuleValue value) {
            if (value instanceof RuleValue.Text text) {
                return text.text();
            }
            return Boolean.toString(((RuleValue.Bool) value).value());
        }

        private String figure(FigureCondition figure) {
            String column = switch (figure.figure()) {
                case EVENT_COUNT -> "p.event_count";
                case SESSION_COUNT -> "p.session_count";
                case ORDER_COUNT -> "p.order_count";
                case REVENUE -> "p.revenue";
                case FIRST_SEEN_DAYS_AGO -> daysAgo("p.first_seen");
                case LAST_SEEN_DAYS_AGO -> daysAgo("p.last_seen");
            };
            boolean integerColumn = switch (figure.figure()) {
                case EVENT_COUNT, SESSION_COUNT, ORDER_COUNT -> true;
                default -> false;
            };
            return column + " " + comparison(figure.op()) + " " + number(figure.value(), integerColumn, false);
        }

        /**
         * A bound number in the column's own kind of number, so that the comparison needs no conversion per row:
         * a whole number for integer columns, a double for double columns, else a decimal.
         */
        private String number(BigDecimal value, boolean integerColumn, boolean doubleColumn) {
            if (integerColumn && value.stripTrailingZeros().scale() <= 0) {
                try {
                    return bind(value.longValueExact()) + "::bigint";
                } catch (ArithmeticException outOfRange) {
                    return bind(value) + "::numeric";
                }
            }
            if (doubleColumn) {
                return bind(value.doubleValue()) + "::float8";
            }
            return bind(value) + "::numeric";
        }

        private String daysAgo(String column) {
            return "floor(extract(epoch FROM (" + bind(asOf.atOffset(ZoneOffset.UTC)) + "::timestamptz - " + column
                    + ")) / 86400)";
        }

        private String score(ScoreCondition score) {
            usesScores = true;
            // The column is the score's wire name: a constant of the Score enum, never user input.
            String column = "s." + score.score().wireName();
            RuleValue value = score.value();
            switch (score.op()) {
                case EXISTS:
                    return column + " IS NOT NULL";
                case IN:
                    String[] names = ((RuleValue.Choices) value).values().stream()
                            .map(v -> ((RuleValue.Text) v).text()).toArray(String[]::new);
                    return column + " = ANY(" + bind(names) + "::text[])";
                case NEQ:
                    return "NOT coalesce(" + column + " = " + scoreValue(score.score(), value) + ", false)";
                default:
                    return column + " " + comparison(score.op()) + " " + scoreValue(score.score(), value);
            }
        }

        private String scoreValue(Score score, RuleValue value) {
            if (value instanceof RuleValue.Numeric numeric) {
                boolean integerColumn = switch (score) {
                    case CHURN_RISK, RFM_RECENCY, RFM_FREQUENCY, RFM_MONETARY -> true;
                    default -> false;
                };
                boolean doubleColumn = switch (score) {
                    case P_ALIVE, EXPECTED_PURCHASES_90D, CLV_PERCENTILE, PROPENSITY_30D -> true;
                    default -> false;
                };
                return number(numeric.number(), integerColumn, doubleColumn);
            }
            return bind(((RuleValue.Text) value).text()) + "::text";
        }

        private String consent(ConsentCondition consent) {
            return "(p.consents -> " + bind(consent.purpose()) + "::text -> 'granted') = '"
                    + consent.granted() + "'::jsonb";
        }

        private String behaviour(BehaviourCondition behaviour) {
            StringBuilder rows = new StringBuilder("SELECT d.profile_id FROM profile_event_days d WHERE d.event = ")
                    .append(bind(behaviour.event())).append("::text");
            if (behaviour.category() != null) {
                rows.append(" AND d.category = ").append(bind(behaviour.category())).append("::text");
            }
            if (behaviour.withinDays() != null) {
                LocalDate since = today.minusDays(behaviour.withinDays() - 1L);
                rows.append(" AND d.day >= ").append(bind(since)).append("::date");
            }
            if (restricted) {
                rows.append(" AND d.profile_id = ANY(:ids)");
            }
            if (behaviour.atLeast() == 1 && behaviour.atMost() == null) {
                return "p.id IN (" + rows + ")";
            }
            rows.append(" GROUP BY d.profile_id HAVING ");
            if (behaviour.atLeast() == 0) {
                // "At most n times" includes profiles that never did it: exclude those who did it more often.
                rows.append("sum(d.count) > ").append(bind(behaviour.atMost()));
                return "NOT (p.id IN (" + rows + "))";
            }
            rows.append("sum(d.count) >= ").append(bind(behaviour.atLeast()));
            if (behaviour.atMost() != null) {
                rows.append(" AND sum(d.count) <= ").append(bind(behaviour.atMost()));
            }
            return "p.id IN (" + rows + ")";
        }

        private String segment(SegmentCondition segment) {
            Long id = segmentIds.get(segment.segmentKey());
            if (id == null) {
                throw new IllegalStateException("the rule refers to segment '" + segment.segmentKey()
                        + "', which is not active");
            }
            return "p.id IN (SELECT m.profile_id FROM segment_members m WHERE m.segment_id = " + bind(id)
                    + (restricted ? " AND m.profile_id = ANY(:ids)" : "") + ")";
        }

        private static String comparison(Operator op) {
            return switch (op) {
                case EQ -> "=";
                case NEQ -> "<>";
                case GT -> ">";
                case GTE -> ">=";
                case LT -> "<";
                case LTE -> "<=";
                default -> throw new IllegalArgumentException("not a comparison: " + op);
            };
        }
    }
}
