package io.lotse.engine.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rules built in code guard the same invariants the JSON reader reports. */
class RuleTest {

    @Test
    void groupsNeedAtLeastOneRule() {
        assertThatIllegalArgumentException().isThrownBy(() -> new Rule.All(List.of())).withMessageContaining("all");
        assertThatIllegalArgumentException().isThrownBy(() -> new Rule.Any(List.of())).withMessageContaining("any");
    }

    @Test
    void conditionsRefuseValuesTheirOperatorCannotUse() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new TraitCondition("age", Operator.GT, new RuleValue.Text("18")))
                .withMessage("value: operator “gt” compares numbers: the value must be a number");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new TraitCondition("plan", Operator.EXISTS, new RuleValue.Bool(true)));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new FigureCondition(Figure.ORDER_COUNT, Operator.IN, BigDecimal.ONE));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new ScoreCondition(Score.P_ALIVE, Operator.GT, RuleValue.Numeric.of(2)))
                .withMessageContaining("from 0 to 1");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new BehaviourCondition("Order Completed", null, 0, null, 30))
                .withMessageContaining("always holds");
        assertThatIllegalArgumentException().isThrownBy(() -> new SegmentCondition("Not A Key"));
    }

    @Test
    void consentPurposesAreStoredLowerCase() {
        assertThat(ConsentCondition.granted(" Newsletter ").purpose()).isEqualTo("newsletter");
    }

    @Test
    void traitPathsReachIntoNestedObjects() {
        assertThat(new TraitCondition("address.city", Operator.EXISTS, null).path()).containsExactly("address", "city");
    }
}
