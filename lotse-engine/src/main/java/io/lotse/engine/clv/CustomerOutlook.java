package io.lotse.engine.clv;

import java.time.LocalDate;

/**
 * What the models expect of one customer after the calibration end, as marketing tools show it.
 *
 * @param customerId              the customer
 * @param probabilityAlive        P(alive) at the calibration end
 * @param churnRisk               0 to 100, 100 · (1 − P(alive)) rounded
 * @param expectedPurchases       expected purchases over the horizon
 * @param expectedAverageSpend    expected value per purchase
 * @param lifetimeValue           expected discounted revenue over the horizon
 * @param expectedDaysToNextPurchase days from the calibration end to the next purchase if the customer is alive,
 *                                at the expected purchase rate (see
 *                                {@link PurchaseModel#expectedTimeToNextPurchase(CustomerSummary)})
 */
public record CustomerOutlook(String customerId, double probabilityAlive, int churnRisk, double expectedPurchases,
        double expectedAverageSpend, double lifetimeValue, double expectedDaysToNextPurchase) {

    /**
     * The expected date of the next purchase: the calibration end plus the expected days, rounded (and capped at
     * 3,000,000 days, some 8,000 years, for customers the models see as all but gone).
     */
    public LocalDate expectedNextPurchase(LocalDate calibrationEnd) {
        return calibrationEnd.plusDays(Math.round(Math.min(expectedDaysToNextPurchase, 3_000_000)));
    }
}
