package io.lotse.simulator;

import io.lotse.simulator.model.Channel;
import io.lotse.simulator.model.Order;
import io.lotse.simulator.model.OrderKind;
import io.lotse.simulator.model.OrderLine;
import io.lotse.simulator.model.OrderStatus;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** An order before its number is assigned (numbers follow time order, so they are given when its day closes). */
final class OrderDraft {

    final Person person;
    final long placedMillis;
    final int sequence;
    final OrderKind kind;
    final Channel visitChannel;
    final @Nullable String campaign;
    final String email;
    final String language;
    final List<OrderLine> lines;
    final long subtotalCents;
    final long shippingCents;
    final long taxCents;
    final String paymentMethod;
    final OrderStatus status;
    final long statusChangedMillis;
    final long targetCents;
    final boolean tracked;
    @Nullable String number;

    OrderDraft(Person person, long placedMillis, int sequence, OrderKind kind, Channel visitChannel,
            @Nullable String campaign, String email, String language, List<OrderLine> lines, long shippingCents,
            String paymentMethod, OrderStatus status, long statusChangedMillis, long targetCents, boolean tracked) {
        this.person = person;
        this.placedMillis = placedMillis;
        this.sequence = sequence;
        this.kind = kind;
        this.visitChannel = visitChannel;
        this.campaign = campaign;
        this.email = email;
        this.language = language;
        this.lines = lines;
        long subtotal = 0;
        for (OrderLine line : lines) {
            subtotal += line.unitPriceCents() * line.quantity();
        }
        this.subtotalCents = subtotal;
        this.shippingCents = shippingCents;
        this.taxCents = Math.round((subtotal + shippingCents) * 19.0 / 119.0);
        this.paymentMethod = paymentMethod;
        this.status = status;
        this.statusChangedMillis = statusChangedMillis;
        this.targetCents = targetCents;
        this.tracked = tracked;
    }

    String number() {
        if (number == null) {
            throw new IllegalStateException("order number not assigned yet");
        }
        return number;
    }

    long totalCents() {
        return subtotalCents + shippingCents;
    }

    Order toOrder() {
        return new Order(number(), person.customer.personId(), person.customer.userId(), email,
                Instant.ofEpochMilli(placedMillis), language, lines, subtotalCents, shippingCents, taxCents, "EUR",
                paymentMethod, status, status == OrderStatus.COMPLETED ? null : Instant.ofEpochMilli(statusChangedMillis),
                kind, visitChannel, campaign, targetCents, tracked);
    }
}
