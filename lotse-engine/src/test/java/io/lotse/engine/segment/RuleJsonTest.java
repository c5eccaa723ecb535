package io.lotse.engine.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RuleJsonTest {

    private static ParsedRule parse(String json) {
        return RuleJson.parse(Json.parse(json));
    }

    private static Rule valid(String json) {
        ParsedRule parsed = parse(json);
        assertThat(parsed.errors()).as(json).isEmpty();
        return parsed.toOptional().orElseThrow();
    }

    @Test
    void readsEveryKindOfCondition() {
        Rule rule = valid("""
                {"all": [
                  {"trait": "country", "op": "eq", "value": "DE"},
                  {"figure": "order_count", "op": "gte", "value": 2},
                  {"event": "Order Completed", "atLeast": 2, "withinDays": 90},
                  {"event": "Product Viewed", "category": "Shoes"},
                  {"score": "churn_risk", "op": "gt", "value": 60},
                  {"score": "rfm_segment", "op": "in", "value": ["AT_RISK", "CANT_LOSE_THEM"]},
                  {"consent": "email"},
                  {"not": {"segment": "vip"}},
                  {"any": [{"trait": "plan", "op": "exists"}, {"consent": "sms", "granted": false}]}
                ]}""");

        assertThat(rule).isEqualTo(new Rule.All(List.of(
                new TraitCondition("country", Operator.EQ, new RuleValue.Text("DE")),
                new FigureCondition(Figure.ORDER_COUNT, Operator.GTE, BigDecimal.valueOf(2)),
                new BehaviourCondition("Order Completed", null, 2, null, 90),
                new BehaviourCondition("Product Viewed", "Shoes", 1, null, null),
                new ScoreCondition(Score.CHURN_RISK, Operator.GT, RuleValue.Numeric.of(60)),
                new ScoreCondition(Score.RFM_SEGMENT, Operator.IN, new RuleValue.Choices(List.of(
                        new RuleValue.Text("AT_RISK"), new RuleValue.Text("CANT_LOSE_THEM")))),
                ConsentCondition.granted("email"),
                new Rule.Not(new SegmentCondition("vip")),
                new Rule.Any(List.of(new TraitCondition("plan", Operator.EXISTS, null),
                        new ConsentCondition("sms", false))))));
    }

    @Test
    void writesTheCanonicalFormWhichReadsBackToTheSameRule() {
        Rule rule = valid("""
                {"any": [
                  {"trait": "address.city", "op": "in", "value": ["Berlin", 10115, true]},
                  {"event": "Order Completed", "atMost": 0, "withinDays": 30},
                  {"score": "rfm_segment", "op": "eq", "value": "At Risk"},
                  {"consent": " Email "},
                  {"figure": "revenue", "op": "lt", "value": 99.5}
                ]}""");

        Map<String, Object> tree = RuleJson.toTree(rule);

        // Numbers come back as BigDecimal where the reader saw Long: compare the trees as text.
        assertThat(tree).hasToString(String.valueOf(Json.parse("""
                {"any": [
                  {"trait": "address.city", "op": "in", "value": ["Berlin", 10115, true]},
                  {"event": "Order Completed", "atLeast": 0, "atMost": 0, "withinDays": 30},
                  {"score": "rfm_segment", "op": "eq", "value": "AT_RISK"},
                  {"consent": "email"},
                  {"figure": "revenue", "op": "lt", "value": 99.5}
                ]}""")));
        assertThat(RuleJson.parse(tree).rule()).isEqualTo(rule);
    }

    @Test
    void reportsEveryProblemAtOnceWithItsPath() {
        ParsedRule parsed = parse("""
                {"all": [
                  {"trait": "country", "op": "equals", "value": "DE"},
                  {"score": "churn_risk", "op": "gt", "value": "high"},
                  {"any": []},
                  {"event": "Order Completed", "atLeast": 2, "withinDays": 0, "since": "2024-01-01"},
                  {"not": {"segment": "VIP Kunden"}}
                ]}""");

        assertThat(parsed.isValid()).isFalse();
        assertThat(parsed.errors()).extracting(RuleError::path, RuleError::code).containsExactly(
                tuple("/all/0/op", "unknown_operator"),
                tuple("/all/1/value", "value_not_number"),
                tuple("/all/2/any", "empty_group"),
                tuple("/all/3/since", "unknown_field"),
                tuple("/all/3/withinDays", "out_of_range"),
                tuple("/all/4/not/segment", "bad_segment_key"));
        assertThat(parsed.errors().get(0).message())
                .isEqualTo("unknown operator “equals”; use one of eq, neq, gt, gte, lt, lte, contains, exists, in");
        assertThat(parsed.errors().get(4).message()).isEqualTo("“withinDays” must be from 1 to 3650, was 0");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            "DE"                                                         |                | not_an_object
            {}                                                           |                | empty_condition
            {"trait2": "a"}                                              |                | no_kind
            {"trait": "a", "event": "b"}                                 |                | several_kinds
            {"all": {"trait": "a", "op": "exists"}}                      | /all           | not_a_list
            {"all": ["x"]}                                               | /all/0         | not_an_object
            {"not": {"consent": "email"}, "why": 1}                      | /why           | unknown_field
            {"trait": "country", "value": "DE"}                          | /op            | missing
            {"trait": 7, "op": "exists"}                                 | /trait         | not_text
            {"trait": " ", "op": "exists"}                               | /trait         | blank
            {"trait": "address..city", "op": "exists"}                   | /trait         | bad_trait_path
            {"trait": "country", "op": "eq"}                             | /value         | missing
            {"trait": "country", "op": "exists", "value": "DE"}          | /value         | value_not_allowed
            {"trait": "age", "op": "gte", "value": "18"}                 | /value         | value_not_number
            {"trait": "tags", "op": "contains", "value": 3}              | /value         | value_not_text
            {"trait": "country", "op": "eq", "value": ["DE"]}            | /value         | value_not_scalar
            {"trait": "country", "op": "eq", "value": {"iso": "DE"}}     | /value         | value_not_scalar
            {"trait": "country", "op": "in", "value": "DE"}              | /value         | value_not_list
            {"trait": "country", "op": "in", "value": []}                | /value         | empty_list
            {"trait": "country", "op": "in", "value": [["DE"]]}          | /value         | value_not_list
            {"figure": "orders", "op": "gt", "value": 1}                 | /figure        | unknown_figure
            {"figure": "order_count", "op": "contains", "value": 1}      | /op            | operator_not_applicable
            {"figure": "order_count", "op": "gt", "value": -1}           | /value         | below_minimum
            {"figure": "order_count", "op": "gt", "value": true}         | /value         | value_not_number
            {"event": "Order Completed", "atLeast": 1.5}                 | /atLeast       | not_whole_number
            {"event": "Order Completed", "atLeast": "2"}                 | /atLeast       | not_whole_number
            {"event": "Order Completed", "atLeast": 0}                   | /atLeast       | always_true
            {"event": "Order Completed", "atLeast": 3, "atMost": 2}      | /atMost        | empty_count_range
            {"event": "Order Completed", "atLeast": 99999999999}         | /atLeast       | out_of_range
            {"event": "", "atLeast": 1}                                  | /event         | blank
            {"event": "Product Viewed", "category": 5}                   | /category      | not_text
            {"score": "churn", "op": "gt", "value": 60}                  | /score         | unknown_score
            {"score": "churn_risk", "op": "gt", "value": 600}            | /value         | out_of_range
            {"score": "churn_risk", "op": "in", "value": [60]}           | /op            | operator_not_applicable
            {"score": "rfm_segment", "op": "eq", "value": "Sleepy"}      | /value         | unknown_rfm_segment
            {"score": "rfm_segment", "op": "gt", "value": "AT_RISK"}     | /op            | operator_not_applicable
            {"score": "rfm_segment", "op": "in", "value": "AT_RISK"}     | /value         | value_not_list
            {"score": "clv_12m", "op": "gte", "value": -5}               | /value         | below_minimum
            {"consent": "email", "granted": "yes"}                       | /granted       | not_boolean
            {"consent": ""}                                              | /consent       | blank
            {"segment": "VIP"}                                           | /segment       | bad_segment_key
            {"segment": "vip", "op": "eq"}                               | /op            | unknown_field
            """)
    void pointsAtTheProblem(String json, String path, String code) {
        ParsedRule parsed = parse(json);

        assertThat(parsed.errors()).extracting(RuleError::path, RuleError::code)
                .containsExactly(tuple(path == null ? "" : path, code));
        assertThat(parsed.errors().get(0).message()).isNotBlank().doesNotContain("{");
    }

    @Test
    void fieldNamesInPathsAreEscapedAsJsonPointers() {
        ParsedRule parsed = parse("{\"consent\": \"email\", \"a/b~c\": 1}");

        assertThat(parsed.errors()).extracting(RuleError::path).containsExactly("/a~1b~0c");
    }

    @Test
    void limitsHowDeepGroupsNest() {
        String deep = "{\"trait\": \"a\", \"op\": \"exists\"}";
        for (int level = 1; level < RuleJson.MAX_DEPTH; level++) {
            deep = "{\"not\": " + deep + "}";
        }
        assertThat(parse(deep).isValid()).isTrue();

        ParsedRule tooDeep = parse("{\"all\": [" + deep + "]}");

        assertThat(tooDeep.errors()).extracting(RuleError::code).containsExactly("too_deep");
        assertThat(tooDeep.errors().get(0).path()).startsWith("/all/0/not/not").endsWith("/not");
    }

    @Test
    void limitsHowManyConditionsOneRuleHas() {
        String condition = "{\"consent\": \"email\"}";
        String many = "{\"any\": [" + String.join(",", java.util.Collections.nCopies(RuleJson.MAX_CONDITIONS,
                condition)) + "]}";

        ParsedRule parsed = parse(many);

        assertThat(parsed.errors()).extracting(RuleError::path, RuleError::code)
                .containsExactly(tuple("", "too_many_conditions"));
    }

    @Test
    void countsDefaultToAtLeastOnceUnlessOnlyAnUpperBoundIsGiven() {
        assertThat(valid("{\"event\": \"Signed Up\"}"))
                .isEqualTo(new BehaviourCondition("Signed Up", null, 1, null, null));
        assertThat(valid("{\"event\": \"Signed Up\", \"atMost\": 0, \"withinDays\": 7}"))
                .isEqualTo(new BehaviourCondition("Signed Up", null, 0, 0, 7));
    }

    @ParameterizedTest
    @CsvSource({"At Risk, AT_RISK", "at-risk, AT_RISK", "Can't Lose Them, CANT_LOSE_THEM",
        "potential loyalists, POTENTIAL_LOYALISTS"})
    void rfmSegmentsMayBeWrittenLoosely(String written, String stored) {
        Rule rule = valid("{\"score\": \"rfm_segment\", \"op\": \"eq\", \"value\": \"" + written + "\"}");

        assertThat(rule).isEqualTo(new ScoreCondition(Score.RFM_SEGMENT, Operator.EQ, new RuleValue.Text(stored)));
    }

    @Test
    void listsTheSegmentsARuleRefersToWithTheirPaths() {
        Rule rule = valid("""
                {"all": [{"segment": "vip"}, {"not": {"any": [{"consent": "email"}, {"segment": "churned"}]}}]}""");

        assertThat(RuleJson.segmentReferences(rule)).containsExactly(
                new RuleJson.SegmentReference("/all/0/segment", "vip"),
                new RuleJson.SegmentReference("/all/1/not/any/1/segment", "churned"));
    }
}
