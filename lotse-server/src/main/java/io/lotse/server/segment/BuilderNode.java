package io.lotse.server.segment;

import io.lotse.engine.segment.BehaviourCondition;
import io.lotse.engine.segment.ConsentCondition;
import io.lotse.engine.segment.FigureCondition;
import io.lotse.engine.segment.Rule;
import io.lotse.engine.segment.RuleError;
import io.lotse.engine.segment.RuleValue;
import io.lotse.engine.segment.ScoreCondition;
import io.lotse.engine.segment.SegmentCondition;
import io.lotse.engine.segment.TraitCondition;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.util.MultiValueMap;

/**
 * One box of the segment builder: a group (all of, any of, none of its children) or a condition, with the values
 * of its form fields as typed. The builder posts the whole tree as flat form fields ({@code node} lists the ids
 * in document order; {@code <id>.parent}, {@code <id>.kind} and {@code <id>.<field>} hold the rest), so that it
 * works the same with and without JavaScript.
 */
final class BuilderNode {

    static final String GROUP = "group";
    static final List<String> CONDITION_KINDS = List.of("trait", "figure", "event", "score", "consent", "segment");
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");

    String id;
    String kind;
    /** For groups: {@code all}, {@code any} or {@code none}. */
    String match = "all";
    final List<BuilderNode> children = new ArrayList<>();
    String name = "";
    String op = "eq";
    String value = "";
    String category = "";
    String atLeast = "";
    String atMost = "";
    String withinDays = "";
    String granted = "true";
    /** The JSON pointer of the rule part this node became, set by {@link #toTree}. */
    String path = "";
    /** Problems found in this node, as messages for the reader. */
    final List<RuleError> errors = new ArrayList<>();

    BuilderNode(String id, String kind) {
        this.id = id;
        this.kind = kind;
    }

    boolean isGroup() {
        return GROUP.equals(kind);
    }

    /** An empty condition of a kind, with the most common choices preset. */
    static BuilderNode condition(String id, String kind) {
        BuilderNode node = new BuilderNode(id, kind);
        switch (kind) {
            case "figure" -> {
                node.name = "order_count";
                node.op = "gte";
            }
            case "event" -> {
                node.name = "Order Completed";
                node.atLeast = "1";
                node.withinDays = "30";
            }
            case "score" -> {
                node.name = "churn_risk";
                node.op = "gt";
            }
            default -> {
            }
        }
        return node;
    }

    /** The builder tree of a rule; the root is always a group. */
    static BuilderNode of(Rule rule) {
        int[] next = {0};
        BuilderNode root = from(rule, next);
        if (root.isGroup()) {
            return root;
        }
        BuilderNode group = new BuilderNode("n" + next[0]++, GROUP);
        group.children.add(root);
        return group;
    }

    private static BuilderNode from(Rule rule, int[] next) {
        String id = "n" + next[0]++;
        if (rule instanceof Rule.All all) {
            return group(id, "all", all.rules(), next);
        }
        if (rule instanceof Rule.Any any) {
            return group(id, "any", any.rules(), next);
        }
        if (rule instanceof Rule.Not not) {
            List<Rule> negated = not.rule() instanceof Rule.Any any ? any.rules() : List.of(not.rule());
            return group(id, "none", negated, next);
        }
        if (rule instanceof TraitCondition trait) {
            BuilderNode node = new BuilderNode(id, "trait");
            node.name = trait.trait();
            node.op = trait.op().wireName();
            node.value = text(trait.value());
            return node;
        }
        if (rule instanceof FigureCondition figure) {
            BuilderNode node = new BuilderNode(id, "figure");
            node.name = figure.figure().wireName();
            node.op = figure.op().wireName();
            node.value = figure.value().toPlainString();
            return node;
        }
        if (rule instanceof BehaviourCondition behaviour) {
            BuilderNode node = new BuilderNode(id, "event");
            node.name = behaviour.event();
            node.category = behaviour.category() == null ? "" : behaviour.category();
            node.atLeast = Integer.toString(behaviour.atLeast());
            node.atMost = behaviour.atMost() == null ? "" : behaviour.atMost().toString();
            node.withinDays = behaviour.withinDays() == null ? "" : behaviour.withinDays().toString();
            return node;
        }
        if (rule instanceof ScoreCondition score) {
            BuilderNode node = new BuilderNode(id, "score");
            node.name = score.score().wireName();
            node.op = score.op().wireName();
            node.value = text(score.value());
            return node;
        }
        if (rule instanceof ConsentCondition consent) {
            BuilderNode node = new BuilderNode(id, "consent");
            node.name = consent.purpose();
            node.granted = Boolean.toString(consent.granted());
            return node;
        }
        BuilderNode node = new BuilderNode(id, "segment");
        node.name = ((SegmentCondition) rule).segmentKey();
        return node;
    }

    private static BuilderNode group(String id, String match, List<Rule> rules, int[] next) {
        BuilderNode group = new BuilderNode(id, GROUP);
        group.match = match;
        rules.forEach(rule -> group.children.add(from(rule, next)));
        return group;
    }

    private static String text(@Nullable RuleValue value) {
        if (value == null) {
            return "";
        }
        if (value instanceof RuleValue.Text text) {
            return text.text();
        }
        if (value instanceof RuleValue.Numeric number) {
            return number.number().toPlainString();
        }
        if (value instanceof RuleValue.Bool bool) {
            return Boolean.toString(bool.value());
        }
        return ((RuleValue.Choices) value).values().stream().map(BuilderNode::text).collect(Collectors.joining(", "));
    }

    /**
     * Reads the tree from the builder's form fields.
     *
     * @return the root group; an empty "all of" group when the form holds no tree
     */
    static BuilderNode read(MultiValueMap<String, String> form) {
        Map<String, BuilderNode> nodes = new LinkedHashMap<>();
        BuilderNode root = null;
        List<String> ids = form.getOrDefault("node", List.of());
        for (String id : ids) {
            if (!id.matches("n\\d{1,6}") || nodes.containsKey(id)) {
                continue;
            }
            String kind = field(form, id, "kind");
            BuilderNode node = new BuilderNode(id, kind.equals(GROUP) || CONDITION_KINDS.contains(kind) ? kind : GROUP);
            node.match = field(form, id, "match");
            node.name = field(form, id, "name");
            node.op = field(form, id, "op");
            node.value = field(form, id, "value");
            node.category = field(form, id, "category");
            node.atLeast = field(form, id, "atLeast");
            node.atMost = field(form, id, "atMost");
            node.withinDays = field(form, id, "withinDays");
            node.granted = field(form, id, "granted").isEmpty() ? "true" : field(form, id, "granted");
            BuilderNode parent = nodes.get(field(form, id, "parent"));
            if (parent != null && parent.isGroup()) {
                parent.children.add(node);
            } else if (root == null && node.isGroup()) {
                root = node;
            } else {
                continue;
            }
            nodes.put(id, node);
        }
        return root == null ? new BuilderNode("n0", GROUP) : root;
    }

    private static String field(MultiValueMap<String, String> form, String id, String field) {
        String value = form.getFirst(id + "." + field);
        return value == null ? "" : value.strip();
    }

    /** Gives every node a fresh id in document order, so that new nodes never collide. */
    BuilderNode renumber() {
        int[] next = {0};
        renumber(next);
        return this;
    }

    private void renumber(int[] next) {
        id = "n" + next[0]++;
        children.forEach(child -> child.renumber(next));
    }

    /** Adds a new condition (or group) of a kind to the group with the id. */
    void add(String groupId, String newKind) {
        BuilderNode group = find(groupId);
        if (group == null || !group.isGroup()) {
            return;
        }
        String id = "n" + (maxId() + 1);
        group.children.add(GROUP.equals(newKind) ? new BuilderNode(id, GROUP) : condition(id, newKind));
    }

    /** Removes the node with the id, unless it is the root. */
    void remove(String nodeId) {
        for (BuilderNode child : children) {
            if (child.id.equals(nodeId)) {
                children.remove(child);
                return;
            }
            child.remove(nodeId);
        }
    }

    private @Nullable BuilderNode find(String nodeId) {
        if (id.equals(nodeId)) {
            return this;
        }
        for (BuilderNode child : children) {
            BuilderNode found = child.find(nodeId);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private int maxId() {
        int max = Integer.parseInt(id.substring(1));
        for (BuilderNode child : children) {
            max = Math.max(max, child.maxId());
        }
        return max;
    }

    /** Every node in document order, this one first. */
    List<BuilderNode> all() {
        List<BuilderNode> all = new ArrayList<>();
        all.add(this);
        children.forEach(child -> all.addAll(child.all()));
        return all;
    }

    /**
     * The rule's JSON tree as the engine reads it, noting each node's path for error messages. Values typed into
     * a field become numbers when they look like one and {@code true}/{@code false} when they say so, except where
     * the condition needs a text; the engine then reports what does not fit.
     */
    Object toTree(String at) {
        path = at;
        Map<String, Object> tree = new LinkedHashMap<>();
        if (isGroup()) {
            List<Object> items = new ArrayList<>();
            if (match.equals("none")) {
                if (children.size() == 1) {
                    tree.put("not", children.get(0).toTree(at + "/not"));
                    return tree;
                }
                Map<String, Object> any = new LinkedHashMap<>();
                for (int i = 0; i < children.size(); i++) {
                    items.add(children.get(i).toTree(at + "/not/any/" + i));
                }
                any.put("any", items);
                tree.put("not", any);
                return tree;
            }
            String group = match.equals("any") ? "any" : "all";
            for (int i = 0; i < children.size(); i++) {
                items.add(children.get(i).toTree(at + "/" + group + "/" + i));
            }
            tree.put(group, items);
            return tree;
        }
        switch (kind) {
            case "trait" -> {
                tree.put("trait", name);
                tree.put("op", op);
                putValue(tree, op.equals("contains") ? value : null);
            }
            case "figure" -> {
                tree.put("figure", name);
                tree.put("op", op);
                tree.put("value", scalar(value, false));
            }
            case "event" -> {
                tree.put("event", name);
                putIfGiven(tree, "category", category);
                putNumber(tree, "atLeast", atLeast);
                putNumber(tree, "atMost", atMost);
                putNumber(tree, "withinDays", withinDays);
            }
            case "score" -> {
                tree.put("score", name);
                tree.put("op", op);
                putValue(tree, name.equals("rfm_segment") && !op.equals("in") ? value : null);
            }
            case "consent" -> {
                tree.put("consent", name);
                tree.put("granted", !granted.equals("false"));
            }
            default -> tree.put("segment", name);
        }
        return tree;
    }

    private void putValue(Map<String, Object> tree, @Nullable String text) {
        if (op.equals("exists")) {
            return;
        }
        if (text != null) {
            tree.put("value", text);
        } else if (op.equals("in")) {
            List<Object> items = new ArrayList<>();
            for (String item : value.split(",")) {
                if (!item.isBlank()) {
                    items.add(scalar(item.strip(), name.equals("rfm_segment")));
                }
            }
            tree.put("value", items);
        } else {
            tree.put("value", scalar(value, false));
        }
    }

    private static Object scalar(String typed, boolean textOnly) {
        if (!textOnly && NUMBER.matcher(typed).matches()) {
            return new BigDecimal(typed);
        }
        if (!textOnly && (typed.equals("true") || typed.equals("false"))) {
            return Boolean.parseBoolean(typed);
        }
        return typed;
    }

    private static void putIfGiven(Map<String, Object> tree, String field, String typed) {
        if (!typed.isEmpty()) {
            tree.put(field, typed);
        }
    }

    private static void putNumber(Map<String, Object> tree, String field, String typed) {
        if (!typed.isEmpty()) {
            tree.put(field, scalar(typed, false));
        }
    }

    /**
     * Hangs each problem on the deepest node whose path starts its path; returns those no node claims (e.g. of
     * the name or key).
     */
    List<RuleError> attach(List<RuleError> problems, String rulePrefix) {
        List<RuleError> unclaimed = new ArrayList<>();
        for (RuleError problem : problems) {
            BuilderNode owner = owner(problem, rulePrefix);
            if (owner == null) {
                unclaimed.add(problem);
            } else {
                owner.errors.add(problem);
            }
        }
        return unclaimed;
    }

    /**
     * The deepest node whose path starts the problem's path, after {@link #toTree} set the paths; none for
     * problems outside the rule.
     */
    @Nullable BuilderNode owner(RuleError problem, String rulePrefix) {
        if (!problem.path().startsWith(rulePrefix)) {
            return null;
        }
        String path = problem.path().substring(rulePrefix.length());
        BuilderNode owner = null;
        for (BuilderNode node : all()) {
            if ((path.equals(node.path) || path.startsWith(node.path + "/"))
                    && (owner == null || node.path.length() > owner.path.length())) {
                owner = node;
            }
        }
        return owner;
    }

    // Getters for the templates.

    public String getId() {
        return id;
    }

    public String getKind() {
        return kind;
    }

    public String getMatch() {
        return match;
    }

    public List<BuilderNode> getChildren() {
        return children;
    }

    public String getName() {
        return name;
    }

    public String getOp() {
        return op;
    }

    public String getValue() {
        return value;
    }

    public String getCategory() {
        return category;
    }

    public String getAtLeast() {
        return atLeast;
    }

    public String getAtMost() {
        return atMost;
    }

    public String getWithinDays() {
        return withinDays;
    }

    public String getGranted() {
        return granted;
    }

    public List<RuleError> getErrors() {
        return errors;
    }

    public boolean getGroup() {
        return isGroup();
    }
}
