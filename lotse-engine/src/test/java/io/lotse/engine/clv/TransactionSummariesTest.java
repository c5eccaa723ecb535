package io.lotse.engine.clv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TransactionSummariesTest {

    private static final LocalDate END = LocalDate.of(2026, 3, 31);

    private static LocalDate day(int month, int dayOfMonth) {
        return LocalDate.of(2026, month, dayOfMonth);
    }

    @Test
    void purchasesOnOneDayCountOnceWithTheirAmountsAdded() {
        TransactionSummaries summaries = TransactionSummaries.builder(END, PeriodUnit.DAYS)
                .add("anna", day(1, 1), 10)
                .add("anna", day(1, 1), 5)
                .add("anna", day(1, 15), 20)
                .add("anna", day(1, 15), 4)
                .add("anna", day(2, 4), 30)
                .build();

        CustomerSummary anna = summaries.customers().get(0);
        assertThat(anna.frequency()).isEqualTo(2);
        assertThat(anna.recency()).isEqualTo(34);
        assertThat(anna.age()).isEqualTo(89);
        // Mean of the repeat days, 24 and 30; the first day's 15 is not a repeat purchase.
        assertThat(anna.monetaryValue()).isEqualTo(27);
        assertThat(summaries.rfmInputs()).containsExactly(new RfmInput("anna", 55, 3, 69));
    }

    @Test
    void convertsTimesToWeeks() {
        TransactionSummaries summaries = TransactionSummaries.of(List.of(new Transaction("b", day(1, 1), 10),
                new Transaction("b", day(1, 15), 10)), END, PeriodUnit.WEEKS);

        CustomerSummary b = summaries.customers().get(0);
        assertThat(b.recency()).isEqualTo(2);
        assertThat(b.age()).isCloseTo(89 / 7.0, within(1e-12));
        assertThat(summaries.unit()).isEqualTo(PeriodUnit.WEEKS);
    }

    @Test
    void keepsLaterTransactionsOutOfTheSummariesAndCountsThemAsHoldout() {
        TransactionSummaries summaries = TransactionSummaries.builder(END, PeriodUnit.DAYS)
                .add("b", day(3, 31), 10)
                .add("a", day(1, 1), 10)
                .add("a", day(4, 2), 99)
                .add("a", day(4, 2), 1)
                .add("a", day(5, 1), 99)
                .add("late", day(4, 10), 10)
                .build();

        assertThat(summaries.customers()).extracting(CustomerSummary::customerId).containsExactly("a", "b");
        CustomerSummary a = summaries.customers().get(0);
        assertThat(a.frequency()).isZero();
        assertThat(a.recency()).isZero();
        assertThat(a.monetaryValue()).isZero();
        // b's purchase on the calibration end belongs to the calibration period.
        assertThat(summaries.customers().get(1).age()).isZero();
        assertThat(summaries.holdoutPurchases()).containsExactly(Map.entry("a", 2), Map.entry("b", 0));
        assertThat(summaries.customersFirstSeenLater()).isEqualTo(1);
        assertThat(summaries.lastDay()).isEqualTo(day(5, 1));
        assertThat(summaries.holdoutLength()).isEqualTo(31);
    }

    @Test
    void withoutLaterTransactionsTheHoldoutIsEmpty() {
        TransactionSummaries summaries = TransactionSummaries.builder(END, PeriodUnit.WEEKS)
                .add("a", day(1, 1), 10).build();
        assertThat(summaries.holdoutLength()).isZero();
        assertThat(summaries.holdoutPurchases()).containsEntry("a", 0);
    }

    @Test
    void refusesBadInputWithAClearMessage() {
        TransactionSummaries.Builder builder = TransactionSummaries.builder(END, PeriodUnit.DAYS);
        assertThatThrownBy(() -> builder.add("a", day(1, 1), -5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-5").hasMessageContaining("customer a");
        assertThatThrownBy(() -> builder.add("a", day(1, 1), Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.add(" ", day(1, 1), 5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("customer id");
        assertThatThrownBy(builder::build).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no transactions");
        builder.add("a", day(4, 1), 5);
        assertThatThrownBy(builder::build).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("calibration end 2026-03-31 is before the first purchase 2026-04-01");
    }

    @Test
    void refusesInconsistentSummaries() {
        assertThatThrownBy(() -> new CustomerSummary("c", 2, 40, 30, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("recency");
        assertThatThrownBy(() -> new CustomerSummary("c", -1, 0, 30, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("frequency");
        assertThatThrownBy(() -> new CustomerSummary("c", 1, 0, 30, -2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("monetary");
    }
}
