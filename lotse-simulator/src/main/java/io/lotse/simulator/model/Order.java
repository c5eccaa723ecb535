package io.lotse.simulator.model;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An order as the shop backend knows it, plus its cause (truth).
 *
 * @param orderNumber     e.g. {@code LS-2026-000123}, numbered in time order per calendar year
 * @param personId        true person (truth)
 * @param userId          customer number
 * @param email           email used at checkout (sometimes the person's second address)
 * @param placedAt        when the order was completed
 * @param language        shop language of the session
 * @param lines           line items
 * @param subtotalCents   sum of the lines (gross): the order's revenue
 * @param shippingCents   shipping fee
 * @param taxCents        VAT contained in subtotal and shipping
 * @param currency        always {@code EUR}
 * @param paymentMethod   e.g. {@code paypal}
 * @param status          final status at the end of the simulation
 * @param statusChangedAt when it was returned or cancelled; null for completed orders
 * @param kind            first or repeat purchase (truth)
 * @param visitChannel    channel of the session the order was placed in (what attribution sees)
 * @param campaign        UTM campaign name of that session, or null
 * @param targetCents     the Gamma-Gamma draw the basket was filled towards (truth)
 * @param tracked         whether the order falls in the tracked window and so has events
 */
public record Order(String orderNumber, String personId, String userId, String email, Instant placedAt,
        String language, List<OrderLine> lines, long subtotalCents, long shippingCents, long taxCents, String currency,
        String paymentMethod, OrderStatus status, @Nullable Instant statusChangedAt, OrderKind kind,
        Channel visitChannel, @Nullable String campaign, long targetCents, boolean tracked) {

    /** What the customer paid: subtotal plus shipping. */
    public long totalCents() {
        return subtotalCents + shippingCents;
    }
}
