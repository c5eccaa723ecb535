package io.lotse.engine.propensity;

import org.jspecify.annotations.Nullable;

/**
 * One product of an order.
 *
 * @param product  the product's id (SKU)
 * @param category its category, or null when unknown
 * @param amount   the line's value, finite and not negative
 */
public record OrderLine(String product, @Nullable String category, double amount) {

    public OrderLine {
        if (product.isBlank()) {
            throw new IllegalArgumentException("an order line needs a product id");
        }
        if (!Double.isFinite(amount) || amount < 0) {
            throw new IllegalArgumentException("a line amount must be finite and not negative, was " + amount);
        }
    }
}
