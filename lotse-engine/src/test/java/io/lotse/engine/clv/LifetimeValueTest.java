package io.lotse.engine.clv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class LifetimeValueTest {

    private static final BgNbd PURCHASES = new BgNbd(0.243, 4.414, 0.793, 2.426);
    private static final GammaGamma SPEND = new GammaGamma(6.25, 3.74, 15.44);
    private static final CustomerSummary CUSTOMER = new CustomerSummary("c1", 2, 30.43, 38.86, 22.35);

    @Test
    void withoutDiscountIsSpendTimesExpectedPurchasesOverTheHorizon() {
        LifetimeValue undiscounted = new LifetimeValue(PURCHASES, SPEND, PeriodUnit.WEEKS, 0);
        double weeks = 12 * 365.25 / 12 / 7;
        double expected = SPEND.expectedAverageSpend(CUSTOMER) * PURCHASES.expectedPurchases(CUSTOMER, weeks);
        assertThat(undiscounted.value(CUSTOMER, 12)).isCloseTo(expected, within(1e-9));
        assertThat(undiscounted.value(CUSTOMER, 0)).isZero();
    }

    @Test
    void discountingLowersTheValueAndLongerHorizonsRaiseIt() {
        LifetimeValue discounted = new LifetimeValue(PURCHASES, SPEND, PeriodUnit.WEEKS);
        assertThat(discounted.monthlyDiscountRate()).isEqualTo(LifetimeValue.DEFAULT_MONTHLY_DISCOUNT_RATE);
        double twelve = discounted.value(CUSTOMER, 12);
        assertThat(twelve).isLessThan(new LifetimeValue(PURCHASES, SPEND, PeriodUnit.WEEKS, 0).value(CUSTOMER, 12));
        assertThat(discounted.value(CUSTOMER, 24)).isGreaterThan(twelve);
    }

    @Test
    void theSameModelInDaysGivesTheSameValue() {
        BgNbd inDays = new BgNbd(0.243, 4.414 * 7, 0.793, 2.426);
        CustomerSummary inDaysCustomer = new CustomerSummary("c1", 2, 30.43 * 7, 38.86 * 7, 22.35);
        assertThat(new LifetimeValue(inDays, SPEND, PeriodUnit.DAYS).value(inDaysCustomer, 12))
                .isCloseTo(new LifetimeValue(PURCHASES, SPEND, PeriodUnit.WEEKS).value(CUSTOMER, 12), within(1e-9));
    }

    @Test
    void outlookGathersWhatMarketingToolsShow() {
        CustomerOutlook outlook = new LifetimeValue(PURCHASES, SPEND, PeriodUnit.WEEKS).outlook(CUSTOMER, 12);

        assertThat(outlook.customerId()).isEqualTo("c1");
        assertThat(outlook.probabilityAlive()).isEqualTo(PURCHASES.probabilityAlive(CUSTOMER));
        assertThat(outlook.churnRisk()).isEqualTo((int) Math.round(100 * (1 - outlook.probabilityAlive())));
        assertThat(outlook.lifetimeValue()).isEqualTo(new LifetimeValue(PURCHASES, SPEND, PeriodUnit.WEEKS)
                .value(CUSTOMER, 12));
        // (alpha + T) / (r + x) weeks = 43.274 / 2.243 = 19.29 weeks = 135.0 days
        assertThat(outlook.expectedDaysToNextPurchase()).isCloseTo(43.274 / 2.243 * 7, within(1e-9));
        assertThat(outlook.expectedNextPurchase(LocalDate.of(1997, 9, 30))).isEqualTo(LocalDate.of(1998, 2, 12));
    }

    @Test
    void refusesNegativeHorizonsAndDiscountRates() {
        assertThatThrownBy(() -> new LifetimeValue(PURCHASES, SPEND, PeriodUnit.WEEKS, -0.1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("discount");
        assertThatThrownBy(() -> new LifetimeValue(PURCHASES, SPEND, PeriodUnit.WEEKS).value(CUSTOMER, -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("horizon");
    }
}
