package io.lotse.server.service;

import io.lotse.engine.identity.IdentityType;
import io.lotse.engine.text.Entity;
import io.lotse.engine.text.EntityType;
import io.lotse.server.profile.Profile;
import io.lotse.server.profile.Profiles;
import java.math.RoundingMode;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Gathers what an agent would look up before answering ("Dunkelverarbeitung"): the customer by logged-in id or
 * sender email (identity resolution through the profile API), their orders with shipment and return state from the
 * event log ({@link OrderHistory}), the order the message
 * names or else the latest, earlier tickets, the configured external connectors, and links to the profile and
 * order pages.
 */
@Component
class ContextGatherer {

    static final int TIMELINE_EVENTS = 2_000;
    static final int ORDERS_SHOWN = 20;
    private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    private static final DateTimeFormatter GERMAN_DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy");
    private static final DateTimeFormatter ENGLISH_DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK);

    /**
     * Who wrote and what about.
     *
     * @param email       sender email, if known
     * @param userId      the logged-in user id, if known
     * @param orderNumber an order number the channel passed along
     * @param entities    what the message names
     * @param language    {@code de} or {@code en}
     * @param ticketId    the ticket being prepared (left out of the earlier tickets)
     */
    record Request(@Nullable String email, @Nullable String userId, @Nullable String orderNumber,
            List<Entity> entities, String language, long ticketId) {}

    private final Profiles profiles;
    private final TicketStore tickets;
    private final Connectors connectors;
    private final ServiceProperties properties;

    ContextGatherer(Profiles profiles, TicketStore tickets, Connectors connectors, ServiceProperties properties) {
        this.profiles = profiles;
        this.tickets = tickets;
        this.connectors = connectors;
        this.properties = properties;
    }

    GatheredContext gather(Request request) {
        List<Note> notes = new ArrayList<>();
        boolean succeeded = true;
        Map<String, String> variables = new LinkedHashMap<>();
        properties.shop().forEach((key, value) -> variables.put("shop." + key, value));
        Map<String, String> links = new LinkedHashMap<>();

        Optional<Profile> profile = Optional.empty();
        if (request.userId() != null && !request.userId().isBlank()) {
            profile = profiles.findByIdentifier(IdentityType.USER_ID, request.userId());
        }
        if (profile.isEmpty() && request.email() != null && !request.email().isBlank()) {
            profile = profiles.findByIdentifier(IdentityType.EMAIL, request.email());
        }
        GatheredContext.Customer customer = null;
        List<GatheredContext.Order> orders = List.of();
        if (profile.isPresent()) {
            customer = customer(profile.get(), request.email());
            orders = orders(profile.get().id());
            links.put("profile", "/profiles/" + customer.profileId());
            variables.put("profile.link", "/profiles/" + customer.profileId());
            if (customer.name() != null) {
                variables.put("customer.name", customer.name());
            }
            if (customer.email() != null) {
                variables.put("customer.email", customer.email());
            }
        } else {
            notes.add(new Note("no_customer", request.email() != null ? request.email() : "?",
                    "no profile holds this sender's email or user id"));
        }
        if (request.email() != null && !variables.containsKey("customer.email")) {
            variables.put("customer.email", request.email());
        }
        variables.put("greeting", greeting(variables.get("customer.name"), request.language()));

        String named = request.orderNumber();
        if (named == null) {
            named = request.entities().stream().filter(entity -> entity.type() == EntityType.ORDER_NUMBER)
                    .map(Entity::value).findFirst().orElse(null);
        }
        GatheredContext.Order order = null;
        if (named != null) {
            String wanted = named.toUpperCase(Locale.ROOT);
            order = orders.stream().filter(o -> o.number().equalsIgnoreCase(wanted)).findFirst().orElse(null);
            if (order == null) {
                notes.add(new Note("order_not_found", named, customer == null
                        ? "the order cannot be looked up without a known customer"
                        : "the order is not among the customer's " + orders.size() + " orders"));
                succeeded = false;
            }
        } else if (!orders.isEmpty()) {
            order = orders.get(0);
        }
        if (order != null) {
            putOrder(order, request.language(), variables, links);
        }

        Map<String, Map<String, String>> lookups = new LinkedHashMap<>();
        for (Map.Entry<String, Connectors.Outcome> outcome : connectors.lookUp(variables).entrySet()) {
            if (outcome.getValue().succeeded()) {
                lookups.put(outcome.getKey(), outcome.getValue().fields());
                outcome.getValue().fields().forEach((field, value) ->
                        variables.put(outcome.getKey() + "." + field, value));
            } else {
                notes.add(outcome.getValue().note());
                succeeded = false;
            }
        }
        List<GatheredContext.EarlierTicket> earlier = tickets.earlier(
                customer == null ? null : customer.profileId(), request.email(), request.ticketId(), 5);
        return new GatheredContext(customer, orders.subList(0, Math.min(ORDERS_SHOWN, orders.size())), order,
                earlier, lookups, links, variables, notes, succeeded);
    }

    private static String greeting(@Nullable String name, String language) {
        if ("de".equals(language)) {
            return name == null ? "Guten Tag," : "Hallo " + name + ",";
        }
        return name == null ? "Hello," : "Hello " + name + ",";
    }

    private void putOrder(GatheredContext.Order order, String language, Map<String, String> variables,
            Map<String, String> links) {
        boolean german = "de".equals(language);
        variables.put("order.number", order.number());
        DateTimeFormatter dates = german ? GERMAN_DATE : ENGLISH_DATE;
        variables.put("order.date", dates.format(order.placedAt().atZone(ZONE)));
        String statusDate = dates.format(order.statusAt().atZone(ZONE));
        variables.put("order.status", switch (order.status()) {
            case "shipped" -> (german ? "versandt am " : "shipped on ") + statusDate + shipmentDetails(order, german);
            case "delivered" -> (german ? "zugestellt am " : "delivered on ") + statusDate;
            case "returned", "refunded" -> returnState(order.status(), german);
            case "cancelled" -> german ? "storniert" : "cancelled";
            default -> german ? "bestellt und in Bearbeitung" : "placed and being processed";
        });
        GatheredContext.Shipment shipment = order.shipment();
        if (shipment != null) {
            putIfKnown(variables, "order.carrier", shipment.carrier());
            putIfKnown(variables, "order.tracking", shipment.trackingNumber());
            putIfKnown(variables, "order.tracking-link", shipment.trackingUrl());
            if (shipment.shippedAt() != null) {
                variables.put("order.shipped-date", dates.format(shipment.shippedAt().atZone(ZONE)));
            }
            if (shipment.deliveredAt() != null) {
                variables.put("order.delivered-date", dates.format(shipment.deliveredAt().atZone(ZONE)));
            }
        }
        if (order.returnState() != null) {
            variables.put("order.return", returnState(order.returnState(), german));
        }
        List<String> items = new ArrayList<>();
        for (GatheredContext.Item item : order.items()) {
            items.add(item.quantity() + "× " + item.name());
        }
        if (!items.isEmpty()) {
            variables.put("order.items", String.join(", ", items));
        }
        if (order.total() != null) {
            String amount = order.total().setScale(2, RoundingMode.HALF_UP).toPlainString();
            variables.put("order.total", german ? amount.replace('.', ',') + " " + symbol(order.currency())
                    : symbol(order.currency()) + amount);
        }
        String link = properties.orderUrlTemplate() == null ? links.get("profile")
                : properties.orderUrlTemplate().replace("{order}", order.number());
        if (link != null) {
            links.put("order", link);
            variables.put("order.link", link);
        }
    }

    /** A return as a customer reads it: refunded, or else received. */
    private static String returnState(String state, boolean german) {
        return "refunded".equals(state) ? (german ? "erstattet" : "refunded")
                : (german ? "Rücksendung eingegangen" : "return received");
    }

    /** " with DHL, tracking number 123" as far as known. */
    private static String shipmentDetails(GatheredContext.Order order, boolean german) {
        GatheredContext.Shipment shipment = order.shipment();
        if (shipment == null) {
            return "";
        }
        StringBuilder details = new StringBuilder();
        if (shipment.carrier() != null) {
            details.append(german ? " mit " : " with ").append(shipment.carrier());
        }
        if (shipment.trackingNumber() != null) {
            details.append(german ? ", Sendungsnummer " : ", tracking number ").append(shipment.trackingNumber());
        }
        return details.toString();
    }

    private static void putIfKnown(Map<String, String> variables, String name, @Nullable String value) {
        if (value != null) {
            variables.put(name, value);
        }
    }

    private static String symbol(String currency) {
        return switch (currency) {
            case "EUR" -> "€";
            case "GBP" -> "£";
            case "USD" -> "$";
            default -> currency + " ";
        };
    }

    private static GatheredContext.Customer customer(Profile profile, @Nullable String senderEmail) {
        String name = OrderHistory.text(profile.traits().get("firstName"));
        if (name == null) {
            name = OrderHistory.text(profile.traits().get("first_name"));
        }
        if (name == null) {
            String full = OrderHistory.text(profile.traits().get("name"));
            name = full == null ? null : full.split("\\s+")[0];
        }
        String email = OrderHistory.text(profile.traits().get("email"));
        return new GatheredContext.Customer(profile.id(), name, email != null ? email : senderEmail,
                profile.stats().orders(), profile.stats().revenue(), profile.firstSeen());
    }

    private List<GatheredContext.Order> orders(long profileId) {
        return OrderHistory.read(profiles.timeline(profileId, null, TIMELINE_EVENTS));
    }
}
