package io.lotse.server.service;

import io.lotse.server.profile.TimelineEntry;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A customer's orders read from their timeline. {@code Order Completed} (with {@code order_id}, {@code total} or
 * {@code revenue}, {@code currency}, {@code products}) places an order; later events with the same
 * {@code order_id} move it on: {@code Order Shipped} (optional {@code carrier}, {@code tracking_number},
 * {@code tracking_url}), {@code Order Delivered}, {@code Order Returned} (the return arrived), {@code Order
 * Refunded} and {@code Order Cancelled}. Status events for orders the timeline does not hold are ignored.
 */
final class OrderHistory {

    private OrderHistory() {}

    /** The orders on the timeline (newest first, as profiles give it), newest first. */
    static List<GatheredContext.Order> read(List<TimelineEntry> newestFirst) {
        Map<String, GatheredContext.Order> byNumber = new LinkedHashMap<>();
        // Read oldest first so that later status events win.
        for (int i = newestFirst.size() - 1; i >= 0; i--) {
            TimelineEntry entry = newestFirst.get(i);
            if (!"track".equals(entry.type()) || entry.name() == null) {
                continue;
            }
            JsonNode properties = entry.payload().path("properties");
            String number = text(properties.get("order_id"));
            if (number == null) {
                continue;
            }
            if ("Order Completed".equals(entry.name())) {
                byNumber.put(number, new GatheredContext.Order(number, entry.timestamp(), "placed", entry.timestamp(),
                        decimal(properties.has("total") ? properties.get("total") : properties.get("revenue")),
                        currency(properties), items(properties), null, null));
                continue;
            }
            GatheredContext.Order known = byNumber.get(number);
            if (known == null) {
                continue;
            }
            GatheredContext.Shipment shipment = known.shipment();
            String returnState = known.returnState();
            String status;
            switch (entry.name()) {
                case "Order Shipped" -> {
                    status = "shipped";
                    shipment = shipment(properties, entry.timestamp(), null);
                }
                case "Order Delivered" -> {
                    status = "delivered";
                    shipment = shipment == null ? shipment(properties, null, entry.timestamp())
                            : new GatheredContext.Shipment(shipment.carrier(), shipment.trackingNumber(),
                                    shipment.trackingUrl(), shipment.shippedAt(), entry.timestamp());
                }
                case "Order Returned" -> {
                    status = "returned";
                    returnState = "returned";
                }
                case "Order Refunded" -> {
                    status = "refunded";
                    returnState = "refunded";
                }
                case "Order Cancelled" -> status = "cancelled";
                default -> {
                    continue;
                }
            }
            byNumber.put(number, new GatheredContext.Order(number, known.placedAt(), status, entry.timestamp(),
                    known.total(), known.currency(), known.items(), shipment, returnState));
        }
        List<GatheredContext.Order> orders = new ArrayList<>(byNumber.values());
        orders.sort((a, b) -> b.placedAt().compareTo(a.placedAt()));
        return orders;
    }

    /** A shipment as an order event describes it (carrier, tracking number and link, as far as given). */
    private static GatheredContext.Shipment shipment(JsonNode properties, @Nullable Instant shippedAt,
                                                     @Nullable Instant deliveredAt) {
        return new GatheredContext.Shipment(text(properties.get("carrier")), text(properties.get("tracking_number")),
                text(properties.get("tracking_url")), shippedAt, deliveredAt);
    }

    private static List<GatheredContext.Item> items(JsonNode properties) {
        List<GatheredContext.Item> items = new ArrayList<>();
        for (JsonNode product : properties.path("products")) {
            String name = text(product.get("name"));
            if (name != null) {
                items.add(new GatheredContext.Item(name, Math.max(1, product.path("quantity").asInt(1))));
            }
        }
        return items;
    }

    private static String currency(JsonNode properties) {
        String currency = text(properties.get("currency"));
        return currency == null ? "EUR" : currency.toUpperCase(Locale.ROOT);
    }

    private static @Nullable BigDecimal decimal(@Nullable JsonNode node) {
        if (node == null || !(node.isNumber() || node.isString())) {
            return null;
        }
        try {
            return new BigDecimal(node.asString());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static @Nullable String text(@Nullable JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        String value = node.asString();
        return value == null || value.isBlank() ? null : value.strip();
    }
}
