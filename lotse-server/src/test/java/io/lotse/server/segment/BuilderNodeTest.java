package io.lotse.server.segment;

import static org.assertj.core.api.Assertions.assertThat;

import io.lotse.engine.segment.ParsedRule;
import io.lotse.engine.segment.Rule;
import io.lotse.engine.segment.RuleError;
import io.lotse.engine.segment.RuleJson;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import tools.jackson.databind.json.JsonMapper;

/** The builder's boxes turn into the same rule they were made from, through the form fields they post. */
class BuilderNodeTest {

    private final RuleCodec rules = new RuleCodec(JsonMapper.builder().build());
    private final JsonMapper json = JsonMapper.builder().build();

    private Rule rule(String text) {
        return rules.parse(json.readTree(text)).toOptional().orElseThrow();
    }

    /** The form fields a browser posts for the tree. */
    private static MultiValueMap<String, String> form(BuilderNode root) {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        post(root, "", form);
        return form;
    }

    private static void post(BuilderNode node, String parent, MultiValueMap<String, String> form) {
        form.add("node", node.id);
        form.add(node.id + ".parent", parent);
        form.add(node.id + ".kind", node.kind);
        form.add(node.id + ".match", node.match);
        form.add(node.id + ".name", node.name);
        form.add(node.id + ".op", node.op);
        form.add(node.id + ".value", node.value);
        form.add(node.id + ".category", node.category);
        form.add(node.id + ".atLeast", node.atLeast);
        form.add(node.id + ".atMost", node.atMost);
        form.add(node.id + ".withinDays", node.withinDays);
        form.add(node.id + ".granted", node.granted);
        node.children.forEach(child -> post(child, node.id, form));
    }

    @Test
    void everyKindOfConditionSurvivesTheTripThroughTheForm() {
        Rule rule = rule("""
                {"all": [
                  {"trait": "zip", "op": "in", "value": ["01067", "10115"]},
                  {"trait": "age", "op": "gte", "value": 18},
                  {"figure": "revenue", "op": "gt", "value": 99.5},
                  {"event": "Product Viewed", "category": "Shoes", "atLeast": 2, "atMost": 9, "withinDays": 30},
                  {"any": [{"score": "rfm_segment", "op": "in", "value": ["AT_RISK", "CANT_LOSE_THEM"]},
                           {"score": "churn_risk", "op": "gt", "value": 60}]},
                  {"not": {"any": [{"consent": "email", "granted": false}, {"segment": "vip"}]}},
                  {"not": {"trait": "plan", "op": "exists"}}
                ]}""");

        BuilderNode posted = BuilderNode.read(form(BuilderNode.of(rule).renumber()));
        ParsedRule back = RuleJson.parse(posted.toTree(""));

        assertThat(back.errors()).isEmpty();
        assertThat(back.rule()).isEqualTo(rule);
        assertThat(BuilderNode.of(rule).children.get(0).value).isEqualTo("01067, \"10115\"");
    }

    @Test
    void boxesAreAddedAndRemovedAndProblemsFindTheirBox() {
        BuilderNode root = new BuilderNode("n0", BuilderNode.GROUP);
        root.add("n0", "event");
        root.add("n0", BuilderNode.GROUP);
        root.renumber();
        root.add("n2", "consent");
        root.renumber();

        assertThat(root.all()).extracting(node -> node.kind)
                .containsExactly("group", "event", "group", "consent");
        ParsedRule parsed = RuleJson.parse(root.toTree(""));
        List<RuleError> unclaimed = root.attach(parsed.errors().stream()
                .map(e -> new RuleError("/rule" + e.path(), e.problem(), e.arguments())).toList(), "/rule");
        assertThat(unclaimed).isEmpty();
        assertThat(root.all().get(3).errors).extracting(RuleError::code).containsExactly("blank");

        root.remove("n2");
        assertThat(root.all()).extracting(node -> node.kind).containsExactly("group", "event");
    }

    @Test
    void keysAreMadeFromNames() {
        assertThat(Segments.slug("Kunden in Köln (aktiv)")).isEqualTo("kunden-in-koeln-aktiv");
        assertThat(Segments.slug("  Größte Fans!  ")).isEqualTo("groesste-fans");
        assertThat(Segments.slug("Café crème")).isEqualTo("cafe-creme");
        assertThat(Segments.slug("!!!")).isEmpty();
    }
}
