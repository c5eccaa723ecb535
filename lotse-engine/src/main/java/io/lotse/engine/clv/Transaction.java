package io.lotse.engine.clv;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One purchase of a customer on a day.
 *
 * @param customerId the customer, not blank
 * @param day        the day of the purchase
 * @param amount     its value, finite and not negative
 */
public record Transaction(String customerId, LocalDate day, double amount) {

    public Transaction {
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(day, "day");
        if (customerId.isBlank()) {
            throw new IllegalArgumentException("a transaction needs a customer id (on " + day + ")");
        }
        if (!Double.isFinite(amount) || amount < 0) {
            throw new IllegalArgumentException("the amount of a transaction must be a finite number of at least 0,"
                    + " was " + amount + " (customer " + customerId + " on " + day + ")");
        }
    }
}
