package io.lotse.engine.propensity;

import java.time.Instant;
import java.util.List;

/**
 * A completed order of a customer.
 *
 * @param at     when it was placed
 * @param amount its value, finite and not negative
 * @param lines  what was bought; may be empty when only the total is known
 */
public record Order(Instant at, double amount, List<OrderLine> lines) {

    public Order {
        lines = List.copyOf(lines);
        if (!Double.isFinite(amount) || amount < 0) {
            throw new IllegalArgumentException("an order amount must be finite and not negative, was " + amount);
        }
    }

    /** An order of which only the date and the total are known. */
    public static Order of(Instant at, double amount) {
        return new Order(at, amount, List.of());
    }
}
