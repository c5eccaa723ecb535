package io.lotse.simulator.model;

/**
 * A line of an order.
 *
 * @param productId      article number
 * @param name           product name in the customer's language
 * @param categoryId     product category
 * @param quantity       units
 * @param unitPriceCents gross unit price in euro cents
 */
public record OrderLine(String productId, String name, String categoryId, int quantity, long unitPriceCents) {
}
