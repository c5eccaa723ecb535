package io.lotse.server.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import io.lotse.engine.segment.BehaviourCondition;
import io.lotse.engine.segment.ConsentCondition;
import io.lotse.engine.segment.Operator;
import io.lotse.engine.segment.Rule;
import io.lotse.engine.segment.RuleValue;
import io.lotse.engine.segment.ScoreCondition;
import io.lotse.engine.segment.Score;
import io.lotse.engine.segment.SegmentCondition;
import io.lotse.engine.segment.TraitCondition;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How rules become SQL: values are always bound, never written into the statement. */
class SqlRuleTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    @Test
    void valuesAndNamesFromTheRuleAreBoundAsParameters() {
        String hostile = "x'); DROP TABLE profiles; --";
        Rule rule = new Rule.All(List.of(
                new TraitCondition(hostile, Operator.EQ, new RuleValue.Text(hostile)),
                new BehaviourCondition(hostile, hostile, 1, null, 7),
                ConsentCondition.granted(hostile)));

        SqlRule sql = SqlRule.compile(rule, Map.of(), NOW, false);

        assertThat(sql.condition()).doesNotContain("DROP", hostile.toLowerCase());
        assertThat(sql.parameters().values()).contains(hostile, hostile.toLowerCase(), LocalDate.parse("2026-11-17"));
    }

    @Test
    void scoresAreJoinedOnlyWhenTheRuleUsesThem() {
        assertThat(SqlRule.compile(ConsentCondition.granted("email"), Map.of(), NOW, false).from())
                .isEqualTo("profiles p");
        SqlRule scored = SqlRule.compile(new ScoreCondition(Score.CHURN_RISK, Operator.GT, RuleValue.Numeric.of(60)),
                Map.of(), NOW, false);
        assertThat(scored.from()).contains("LEFT JOIN profile_scores s");
        assertThat(scored.condition()).isEqualTo("s.churn_risk > :p0::bigint");
    }

    @Test
    void conditionsUnderANotCannotTurnNull() {
        SqlRule sql = SqlRule.compile(new Rule.Not(new TraitCondition("country", Operator.EQ,
                new RuleValue.Text("DE"))), Map.of(), NOW, false);

        assertThat(sql.condition()).isEqualTo("NOT coalesce((p.traits ->> :p0) = :p1::text, false)");
    }

    @Test
    void restrictedEvaluationsRestrictTheirSubqueriesToo() {
        Rule rule = new Rule.All(List.of(BehaviourCondition.did("Order Completed"), new SegmentCondition("vip")));

        SqlRule sql = SqlRule.compile(rule, Map.of("vip", 7L), NOW, true);

        assertThat(sql.condition()).contains("d.profile_id = ANY(:ids)", "m.profile_id = ANY(:ids)");
        assertThat(sql.where(true)).startsWith("p.merged_into IS NULL AND p.id = ANY(:ids)");
    }

    @Test
    void aReferenceToAnInactiveSegmentIsAnError() {
        assertThatIllegalStateException()
                .isThrownBy(() -> SqlRule.compile(new SegmentCondition("gone"), Map.of(), NOW, false))
                .withMessageContaining("gone");
    }
}
