package io.lotse.engine.segment;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The JSON form of rules, the contract of the API and of stored rule versions, read from and written to the plain
 * tree a JSON library produces: maps with string keys, lists, strings, numbers, booleans and null.
 *
 * <pre>{@code
 * {"all": [
 *   {"trait": "country", "op": "eq", "value": "DE"},
 *   {"figure": "order_count", "op": "gte", "value": 2},
 *   {"event": "Order Completed", "atLeast": 2, "withinDays": 90},
 *   {"event": "Product Viewed", "category": "Shoes", "withinDays": 30},
 *   {"score": "churn_risk", "op": "gt", "value": 60},
 *   {"score": "rfm_segment", "op": "in", "value": ["AT_RISK", "CANT_LOSE_THEM"]},
 *   {"consent": "email"},
 *   {"not": {"segment": "vip"}},
 *   {"any": [...]}
 * ]}
 * }</pre>
 *
 * <p>{@link #parse} reports every problem of a rule at once, each with the JSON pointer of where it is.
 */
public final class RuleJson {

    /** How deep groups may nest: the whole rule is level 1. */
    public static final int MAX_DEPTH = 10;
    /** How many conditions, groups included, one rule may have. */
    public static final int MAX_CONDITIONS = 200;

    static final List<String> KINDS = List.of("all", "any", "not", "trait", "figure", "event", "score", "consent",
            "segment");

    private RuleJson() {}

    /** Reads a rule from its JSON tree, reporting every problem. */
    public static ParsedRule parse(@Nullable Object tree) {
        Reader reader = new Reader();
        Rule rule = reader.rule(tree, "", 1);
        if (reader.conditions > MAX_CONDITIONS) {
            reader.errors.add(RuleError.of("", RuleProblem.TOO_MANY_CONDITIONS, MAX_CONDITIONS, reader.conditions));
        }
        return rule != null && reader.errors.isEmpty() ? ParsedRule.valid(rule) : ParsedRule.invalid(reader.errors);
    }

    /** The rule's JSON tree, in the canonical form {@link #parse} reads back to an equal rule. */
    public static Map<String, Object> toTree(Rule rule) {
        Map<String, Object> node = new LinkedHashMap<>();
        if (rule instanceof Rule.All all) {
            node.put("all", all.rules().stream().map(RuleJson::toTree).toList());
        } else if (rule instanceof Rule.Any any) {
            node.put("any", any.rules().stream().map(RuleJson::toTree).toList());
        } else if (rule instanceof Rule.Not not) {
            node.put("not", toTree(not.rule()));
        } else if (rule instanceof TraitCondition trait) {
            node.put("trait", trait.trait());
            node.put("op", trait.op().wireName());
            putValue(node, trait.value());
        } else if (rule instanceof FigureCondition figure) {
            node.put("figure", figure.figure().wireName());
            node.put("op", figure.op().wireName());
            node.put("value", figure.value());
        } else if (rule instanceof BehaviourCondition behaviour) {
            node.put("event", behaviour.event());
            putIfPresent(node, "category", behaviour.category());
            node.put("atLeast", behaviour.atLeast());
            putIfPresent(node, "atMost", behaviour.atMost());
            putIfPresent(node, "withinDays", behaviour.withinDays());
        } else if (rule instanceof ScoreCondition score) {
            node.put("score", score.score().wireName());
            node.put("op", score.op().wireName());
            putValue(node, score.value());
        } else if (rule instanceof ConsentCondition consent) {
            node.put("consent", consent.purpose());
            if (!consent.granted()) {
                node.put("granted", false);
            }
        } else if (rule instanceof SegmentCondition segment) {
            node.put("segment", segment.segmentKey());
        }
        return node;
    }

    private static void putIfPresent(Map<String, Object> node, String field, @Nullable Object value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    private static void putValue(Map<String, Object> node, @Nullable RuleValue value) {
        if (value != null) {
            node.put("value", valueTree(value));
        }
    }

    private static Object valueTree(RuleValue value) {
        if (value instanceof RuleValue.Text text) {
            return text.text();
        }
        if (value instanceof RuleValue.Numeric number) {
            return number.number();
        }
        if (value instanceof RuleValue.Bool bool) {
            return bool.value();
        }
        return ((RuleValue.Choices) value).values().stream().map(RuleJson::valueTree).toList();
    }

    /**
     * A reference to another segment within a rule.
     *
     * @param path the JSON pointer of the {@code segment} field
     * @param key  the segment's key
     */
    public record SegmentReference(String path, String key) {}

    /** Every segment condition of the rule, in document order. */
    public static List<SegmentReference> segmentReferences(Rule rule) {
        List<SegmentReference> found = new ArrayList<>();
        collectReferences(rule, "", found);
        return found;
    }

    private static void collectReferences(Rule rule, String path, List<SegmentReference> found) {
        if (rule instanceof Rule.All all) {
            for (int i = 0; i < all.rules().size(); i++) {
                collectReferences(all.rules().get(i), path + "/all/" + i, found);
            }
        } else if (rule instanceof Rule.Any any) {
            for (int i = 0; i < any.rules().size(); i++) {
                collectReferences(any.rules().get(i), path + "/any/" + i, found);
            }
        } else if (rule instanceof Rule.Not not) {
            collectReferences(not.rule(), path + "/not", found);
        } else if (rule instanceof SegmentCondition segment) {
            found.add(new SegmentReference(path + "/segment", segment.segmentKey()));
        }
    }

    /** One pass over a tree, collecting every problem. */
    private static final class Reader {

        final List<RuleError> errors = new ArrayList<>();
        int conditions;

        @Nullable Rule rule(@Nullable Object node, String path, int depth) {
            if (!(node instanceof Map<?, ?> map)) {
                errors.add(RuleError.of(path, RuleProblem.NOT_AN_OBJECT));
                return null;
            }
            if (depth > MAX_DEPTH) {
                errors.add(RuleError.of(path, RuleProblem.TOO_DEEP, MAX_DEPTH));
                return null;
            }
            conditions++;
            List<String> kinds = map.keySet().stream().map(String::valueOf).filter(KINDS::contains).toList();
            if (kinds.isEmpty()) {
                errors.add(map.isEmpty() ? RuleError.of(path, RuleProblem.EMPTY_CONDITION, String.join(", ", KINDS))
                        : RuleError.of(path, RuleProblem.NO_KIND, String.join(", ", KINDS),
                                quoted(map.keySet().stream().map(String::valueOf).toList())));
                return null;
            }
            if (kinds.size() > 1) {
                errors.add(RuleError.of(path, RuleProblem.SEVERAL_KINDS, String.join(", ", KINDS), quoted(kinds)));
                return null;
            }
            String kind = kinds.get(0);
            return switch (kind) {
                case "all", "any" -> group(map, kind, path, depth);
                case "not" -> {
                    unknownFields(map, path, kind, Set.of("not"));
                    Rule inner = rule(map.get("not"), path + "/not", depth + 1);
                    yield inner == null ? null : new Rule.Not(inner);
                }
                case "trait" -> trait(map, path);
                case "figure" -> figure(map, path);
                case "event" -> behaviour(map, path);
                case "score" -> score(map, path);
                case "consent" -> consent(map, path);
                default -> segment(map, path);
            };
        }

        private @Nullable Rule group(Map<?, ?> map, String kind, String path, int depth) {
            unknownFields(map, path, kind, Set.of(kind));
            String listPath = path + "/" + kind;
            if (!(map.get(kind) instanceof List<?> items)) {
                errors.add(RuleError.of(listPath, RuleProblem.NOT_A_LIST, kind));
                return null;
            }
            if (items.isEmpty()) {
                errors.add(RuleError.of(listPath, RuleProblem.EMPTY_GROUP, kind));
                return null;
            }
            List<Rule> rules = new ArrayList<>(items.size());
            for (int i = 0; i < items.size(); i++) {
                rules.add(rule(items.get(i), listPath + "/" + i, depth + 1));
            }
            if (rules.contains(null)) {
                return null;
            }
            return kind.equals("all") ? new Rule.All(rules) : new Rule.Any(rules);
        }

        private @Nullable Rule trait(Map<?, ?> map, String path) {
            unknownFields(map, path, "trait", Set.of("trait", "op", "value"));
            int before = errors.size();
            String trait = text(map, "trait", path, true);
            Operator op = operator(map, path);
            RuleValue value = value(map, path, op);
            if (errors.size() > before || trait == null || op == null) {
                return null;
            }
            List<RuleError> problems = new ArrayList<>();
            TraitCondition.checkTrait(trait, problems);
            Checks.value(op, value, problems);
            return report(problems, path) ? new TraitCondition(trait, op, value) : null;
        }

        private @Nullable Rule figure(Map<?, ?> map, String path) {
            unknownFields(map, path, "figure", Set.of("figure", "op", "value"));
            int before = errors.size();
            String name = text(map, "figure", path, true);
            Figure figure = null;
            if (name != null) {
                figure = Figure.fromWire(name).orElse(null);
                if (figure == null) {
                    errors.add(RuleError.of(path + "/figure", RuleProblem.UNKNOWN_FIGURE, name, Figure.names()));
                }
            }
            Operator op = operator(map, path);
            RuleValue value = value(map, path, op);
            if (errors.size() > before || figure == null || op == null) {
                return null;
            }
            List<RuleError> problems = new ArrayList<>();
            Checks.operator(op, Operator.COMPARISONS, figure.wireName(), problems);
            if (problems.isEmpty()) {
                Checks.value(op, value, problems);
            }
            if (problems.isEmpty() && !(value instanceof RuleValue.Numeric)) {
                problems.add(RuleError.of("/value", RuleProblem.VALUE_NOT_NUMBER, op.wireName()));
            }
            if (!problems.isEmpty() || !(value instanceof RuleValue.Numeric number)) {
                report(problems, path);
                return null;
            }
            FigureCondition.check(figure, op, number.number(), problems);
            return report(problems, path) ? new FigureCondition(figure, op, number.number()) : null;
        }

        private @Nullable Rule behaviour(Map<?, ?> map, String path) {
            unknownFields(map, path, "event", Set.of("event", "category", "atLeast", "atMost", "withinDays"));
            int before = errors.size();
            String event = text(map, "event", path, true);
            String category = text(map, "category", path, false);
            Integer atLeast = whole(map, "atLeast", path);
            Integer atMost = whole(map, "atMost", path);
            Integer withinDays = whole(map, "withinDays", path);
            if (errors.size() > before || event == null) {
                return null;
            }
            int least = atLeast != null ? atLeast : atMost != null ? 0 : 1;
            List<RuleError> problems = new ArrayList<>();
            BehaviourCondition.check(event, category, least, atMost, withinDays, problems);
            return report(problems, path) ? new BehaviourCondition(event, category, least, atMost, withinDays) : null;
        }

        private @Nullable Rule score(Map<?, ?> map, String path) {
            unknownFields(map, path, "score", Set.of("score", "op", "value"));
            int before = errors.size();
            String name = text(map, "score", path, true);
            Score score = null;
            if (name != null) {
                score = Score.fromWire(name).orElse(null);
                if (score == null) {
                    errors.add(RuleError.of(path + "/score", RuleProblem.UNKNOWN_SCORE, name, Score.names()));
                }
            }
            Operator op = operator(map, path);
            RuleValue value = value(map, path, op);
            if (errors.size() > before || score == null || op == null) {
                return null;
            }
            if (score.categorical()) {
                value = rfmNames(value);
            }
            List<RuleError> problems = new ArrayList<>();
            ScoreCondition.check(score, op, value, problems);
            return report(problems, path) ? new ScoreCondition(score, op, value) : null;
        }

        private static @Nullable RuleValue rfmNames(@Nullable RuleValue value) {
            if (value instanceof RuleValue.Text text) {
                return new RuleValue.Text(ScoreCondition.rfmName(text.text()));
            }
            if (value instanceof RuleValue.Choices choices) {
                return new RuleValue.Choices(choices.values().stream()
                        .map(v -> v instanceof RuleValue.Text t ? new RuleValue.Text(ScoreCondition.rfmName(t.text())) : v)
                        .toList());
            }
            return value;
        }

        private @Nullable Rule consent(Map<?, ?> map, String path) {
            unknownFields(map, path, "consent", Set.of("consent", "granted"));
            int before = errors.size();
            String purpose = text(map, "consent", path, true);
            Object granted = map.get("granted");
            if (granted != null && !(granted instanceof Boolean)) {
                errors.add(RuleError.of(path + "/granted", RuleProblem.NOT_BOOLEAN, "granted"));
            }
            if (errors.size() > before || purpose == null) {
                return null;
            }
            List<RuleError> problems = new ArrayList<>();
            Checks.name("consent", purpose.trim(), problems);
            return report(problems, path) ? new ConsentCondition(purpose, !Boolean.FALSE.equals(granted)) : null;
        }

        private @Nullable Rule segment(Map<?, ?> map, String path) {
            unknownFields(map, path, "segment", Set.of("segment"));
            int before = errors.size();
            String key = text(map, "segment", path, true);
            if (errors.size() > before || key == null) {
                return null;
            }
            if (!SegmentCondition.isKey(key)) {
                errors.add(RuleError.of(path + "/segment", RuleProblem.BAD_SEGMENT_KEY, key));
                return null;
            }
            return new SegmentCondition(key);
        }

        /** Adds a condition's problems under its path; whether there were none. */
        private boolean report(List<RuleError> problems, String path) {
            for (RuleError problem : problems) {
                errors.add(new RuleError(path + problem.path(), problem.problem(), problem.arguments()));
            }
            return problems.isEmpty();
        }

        private void unknownFields(Map<?, ?> map, String path, String kind, Set<String> allowed) {
            String allowedNames = allowed.stream().sorted().collect(Collectors.joining(", "));
            for (Object key : map.keySet()) {
                String name = String.valueOf(key);
                if (!allowed.contains(name)) {
                    errors.add(RuleError.of(path + "/" + escape(name), RuleProblem.UNKNOWN_FIELD, name, kind,
                            allowedNames));
                }
            }
        }

        private @Nullable String text(Map<?, ?> map, String field, String path, boolean required) {
            Object raw = map.get(field);
            if (raw == null) {
                if (required) {
                    errors.add(RuleError.of(path + "/" + field, RuleProblem.MISSING, field));
                }
                return null;
            }
            if (!(raw instanceof String text)) {
                errors.add(RuleError.of(path + "/" + field, RuleProblem.NOT_TEXT, field));
                return null;
            }
            return text;
        }

        private @Nullable Operator operator(Map<?, ?> map, String path) {
            Object raw = map.get("op");
            if (raw == null) {
                errors.add(RuleError.of(path + "/op", RuleProblem.MISSING, "op"));
                return null;
            }
            Operator op = raw instanceof String name ? Operator.fromWire(name).orElse(null) : null;
            if (op == null) {
                errors.add(RuleError.of(path + "/op", RuleProblem.UNKNOWN_OPERATOR, raw,
                        Operator.names(TraitCondition.OPERATORS)));
            }
            return op;
        }

        /** The value as given; a JSON object or a nested list is reported here, the rest by the condition. */
        private @Nullable RuleValue value(Map<?, ?> map, String path, @Nullable Operator op) {
            Object raw = map.get("value");
            if (raw == null) {
                return null;
            }
            String opName = op == null ? "?" : op.wireName();
            if (raw instanceof List<?> items) {
                if (items.isEmpty()) {
                    errors.add(RuleError.of(path + "/value", RuleProblem.EMPTY_LIST, "value"));
                    return null;
                }
                List<RuleValue> values = new ArrayList<>(items.size());
                for (Object item : items) {
                    RuleValue value = scalar(item);
                    if (value == null) {
                        errors.add(RuleError.of(path + "/value", RuleProblem.VALUE_NOT_LIST, opName));
                        return null;
                    }
                    values.add(value);
                }
                return new RuleValue.Choices(values);
            }
            RuleValue value = scalar(raw);
            if (value == null) {
                errors.add(RuleError.of(path + "/value", RuleProblem.VALUE_NOT_SCALAR, opName));
            }
            return value;
        }

        private static @Nullable RuleValue scalar(@Nullable Object raw) {
            if (raw instanceof String text) {
                return new RuleValue.Text(text);
            }
            if (raw instanceof Boolean bool) {
                return new RuleValue.Bool(bool);
            }
            if (raw instanceof Number number) {
                return new RuleValue.Numeric(decimal(number));
            }
            return null;
        }

        private @Nullable Integer whole(Map<?, ?> map, String field, String path) {
            Object raw = map.get(field);
            if (raw == null) {
                return null;
            }
            if (!(raw instanceof Number number)) {
                errors.add(RuleError.of(path + "/" + field, RuleProblem.NOT_WHOLE_NUMBER, field, quoted(List.of(
                        String.valueOf(raw)))));
                return null;
            }
            BigDecimal value = decimal(number);
            if (value.signum() != 0 && value.stripTrailingZeros().scale() > 0) {
                errors.add(RuleError.of(path + "/" + field, RuleProblem.NOT_WHOLE_NUMBER, field,
                        Checks.plain(value)));
                return null;
            }
            try {
                return value.intValueExact();
            } catch (ArithmeticException tooLarge) {
                errors.add(RuleError.of(path + "/" + field, RuleProblem.OUT_OF_RANGE, field, 0,
                        BehaviourCondition.MAX_COUNT, Checks.plain(value)));
                return null;
            }
        }
    }

    static BigDecimal decimal(Number number) {
        if (number instanceof BigDecimal decimal) {
            return decimal;
        }
        if (number instanceof BigInteger integer) {
            return new BigDecimal(integer);
        }
        if (number instanceof Integer || number instanceof Long || number instanceof Short || number instanceof Byte) {
            return BigDecimal.valueOf(number.longValue());
        }
        return new BigDecimal(number.toString());
    }

    private static String quoted(List<String> names) {
        return names.stream().map(n -> "“" + n + "”").collect(Collectors.joining(", "));
    }

    /** A field name as a JSON pointer segment (RFC 6901). */
    static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }
}
