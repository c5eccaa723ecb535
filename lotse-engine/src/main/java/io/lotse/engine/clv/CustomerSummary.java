package io.lotse.engine.clv;

import java.util.Objects;

/**
 * What the purchase models know of a customer at the end of the calibration period, in one {@link PeriodUnit}.
 * The first purchase starts the customer's clock and is not counted.
 *
 * @param customerId    the customer
 * @param frequency     x: repeat purchases, the distinct purchase days after the first one
 * @param recency       t<sub>x</sub>: time from the first to the last purchase (0 without repeat purchases)
 * @param age           T: time from the first purchase to the end of the calibration period
 * @param monetaryValue mean value of the repeat purchases (a purchase being the total of one day); 0 without
 */
public record CustomerSummary(String customerId, int frequency, double recency, double age, double monetaryValue) {

    public CustomerSummary {
        Objects.requireNonNull(customerId, "customerId");
        if (frequency < 0) {
            throw new IllegalArgumentException("frequency must not be negative, was " + frequency + " (customer "
                    + customerId + ")");
        }
        if (!(Double.isFinite(age) && age >= 0)) {
            throw new IllegalArgumentException("age T must be a finite time of at least 0, was " + age
                    + " (customer " + customerId + ")");
        }
        if (!(Double.isFinite(recency) && recency >= 0 && recency <= age)) {
            throw new IllegalArgumentException("recency t_x must lie between 0 and the age T = " + age + ", was "
                    + recency + " (customer " + customerId + ")");
        }
        if (!(Double.isFinite(monetaryValue) && monetaryValue >= 0)) {
            throw new IllegalArgumentException("monetary value must be a finite amount of at least 0, was "
                    + monetaryValue + " (customer " + customerId + ")");
        }
    }
}
