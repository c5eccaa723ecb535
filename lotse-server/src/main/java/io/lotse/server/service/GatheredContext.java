package io.lotse.server.service;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Everything gathered for a ticket before anyone looks at it.
 *
 * @param customer          the customer, when identity resolution knows them
 * @param orders            their orders from the event log, newest first (at most 20)
 * @param order             the order the message is about: named in it, else the latest
 * @param earlier           earlier tickets of the same customer, newest first
 * @param lookups           answers of the external connectors by connector name, flattened
 * @param links             links for the agent: {@code profile}, {@code order}
 * @param variables         the values answer templates can use
 * @param notes             what went wrong or needs attention
 * @param lookupsSucceeded  whether every lookup (customer, order, connectors) that was attempted succeeded
 */
public record GatheredContext(@Nullable Customer customer, List<Order> orders, @Nullable Order order,
        List<EarlierTicket> earlier, Map<String, Map<String, String>> lookups, Map<String, String> links,
        Map<String, String> variables, List<Note> notes, boolean lookupsSucceeded) {

    public GatheredContext {
        orders = List.copyOf(orders);
        earlier = List.copyOf(earlier);
        lookups = Map.copyOf(lookups);
        links = Map.copyOf(links);
        variables = Map.copyOf(variables);
        notes = List.copyOf(notes);
    }

    /**
     * @param profileId profile id
     * @param name      first name, or the name trait, when known
     * @param email     email trait or identifier
     * @param orders    completed orders
     * @param revenue   their revenue
     * @param firstSeen first activity
     */
    public record Customer(long profileId, @Nullable String name, @Nullable String email, int orders,
            BigDecimal revenue, Instant firstSeen) {}

    /**
     * @param number   order number
     * @param placedAt when it was placed
     * @param status      {@code placed}, {@code shipped}, {@code delivered}, {@code returned}, {@code refunded} or
     *                    {@code cancelled}
     * @param statusAt    when the status last changed
     * @param total       order total
     * @param currency    its currency
     * @param items       what was ordered
     * @param shipment    the shipment, once the order was shipped or delivered
     * @param returnState {@code returned} (the return arrived) or {@code refunded}; null without a return
     */
    public record Order(String number, Instant placedAt, String status, Instant statusAt, @Nullable BigDecimal total,
            String currency, List<Item> items, @Nullable Shipment shipment, @Nullable String returnState) {

        public Order {
            items = List.copyOf(items);
        }
    }

    /**
     * @param carrier        the carrier, when the shop named it
     * @param trackingNumber the parcel's tracking number
     * @param trackingUrl    where the customer can follow the parcel
     * @param shippedAt      when it left, if known
     * @param deliveredAt    when it arrived, if known
     */
    public record Shipment(@Nullable String carrier, @Nullable String trackingNumber, @Nullable String trackingUrl,
            @Nullable Instant shippedAt, @Nullable Instant deliveredAt) {}

    /**
     * @param name     product name
     * @param quantity how many
     */
    public record Item(String name, int quantity) {}

    /**
     * @param id        ticket id
     * @param createdAt when it arrived
     * @param intent    its intent
     * @param status    its status
     * @param preview   the first words of the message
     */
    public record EarlierTicket(long id, Instant createdAt, @Nullable String intent, String status, String preview) {}
}
