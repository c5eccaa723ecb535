package io.lotse.engine.clv;

import java.util.Objects;

/**
 * Expected discounted value of a customer's future purchases over a horizon in months: purchases from a fitted
 * {@link PurchaseModel} times the spend per purchase from a fitted {@link GammaGamma}, discounted monthly.
 *
 * <p>CLV(H) = Σ<sub>m=1..H</sub> E[M] · (E[Y(m·k)] − E[Y((m−1)·k)]) / (1 + d)^m, with k the length of a month in the
 * models' unit (365.25/12 days), E[Y(t)] the conditional expected purchases in the t after the calibration end,
 * E[M] the conditional expected spend per purchase and d the monthly discount rate: a month's purchases are
 * discounted as if paid at its end. The value is revenue; apply a margin to get profit.
 *
 * @param purchases           fitted purchase model, in {@code unit}
 * @param spend               fitted spend model (q &gt; 1)
 * @param unit                the time unit both were fitted in
 * @param monthlyDiscountRate d, at least 0; {@link #DEFAULT_MONTHLY_DISCOUNT_RATE} is about 12.7% a year
 */
public record LifetimeValue(PurchaseModel purchases, GammaGamma spend, PeriodUnit unit, double monthlyDiscountRate) {

    /** The default monthly discount rate, 1% a month (about 12.7% a year), a usual cost of capital. */
    public static final double DEFAULT_MONTHLY_DISCOUNT_RATE = 0.01;

    public LifetimeValue {
        Objects.requireNonNull(purchases, "purchases");
        Objects.requireNonNull(spend, "spend");
        Objects.requireNonNull(unit, "unit");
        if (!(Double.isFinite(monthlyDiscountRate) && monthlyDiscountRate >= 0)) {
            throw new IllegalArgumentException("the monthly discount rate must be finite and not negative, was "
                    + monthlyDiscountRate);
        }
    }

    /** With the default monthly discount rate of 1%. */
    public LifetimeValue(PurchaseModel purchases, GammaGamma spend, PeriodUnit unit) {
        this(purchases, spend, unit, DEFAULT_MONTHLY_DISCOUNT_RATE);
    }

    /**
     * The customer's expected discounted revenue over the next {@code months} after the calibration end.
     *
     * @throws IllegalArgumentException when months is negative
     */
    public double value(CustomerSummary customer, int months) {
        return spend.expectedAverageSpend(customer) * discountedPurchases(customer, months);
    }

    /**
     * The whole outlook of a customer over {@code months} after the calibration end.
     *
     * @throws IllegalArgumentException when months is negative
     */
    public CustomerOutlook outlook(CustomerSummary customer, int months) {
        double averageSpend = spend.expectedAverageSpend(customer);
        double probabilityAlive = purchases.probabilityAlive(customer);
        return new CustomerOutlook(customer.customerId(), probabilityAlive, purchases.churnRisk(customer),
                purchases.expectedPurchases(customer, unit.fromMonths(months)), averageSpend,
                averageSpend * discountedPurchases(customer, months),
                unit.toDays(purchases.expectedTimeToNextPurchase(customer)));
    }

    private double discountedPurchases(CustomerSummary customer, int months) {
        if (months < 0) {
            throw new IllegalArgumentException("the horizon must not be negative, was " + months + " months");
        }
        double total = 0;
        double before = 0;
        for (int month = 1; month <= months; month++) {
            double until = purchases.expectedPurchases(customer, unit.fromMonths(month));
            total += (until - before) / Math.pow(1 + monthlyDiscountRate, month);
            before = until;
        }
        return total;
    }
}
