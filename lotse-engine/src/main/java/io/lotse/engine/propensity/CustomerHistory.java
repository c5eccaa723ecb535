package io.lotse.engine.propensity;

import java.time.Instant;
import java.util.List;

/**
 * What is known about one person: orders, visits to the shop, email engagement and features computed elsewhere.
 * Events at or after a cutoff are ignored when features are built for that cutoff, so one history serves every
 * cutoff.
 *
 * @param orders   completed orders, in any order
 * @param sessions starts of visits (sessions), in any order
 * @param emails   email events, in any order
 * @param extras   caller-supplied features, each name at most once
 */
public record CustomerHistory(List<Order> orders, List<Instant> sessions, List<EmailEvent> emails,
                              List<ExtraFeature> extras) {

    public CustomerHistory {
        orders = List.copyOf(orders);
        sessions = List.copyOf(sessions);
        emails = List.copyOf(emails);
        extras = List.copyOf(extras);
        long distinct = extras.stream().map(ExtraFeature::name).distinct().count();
        if (distinct != extras.size()) {
            throw new IllegalArgumentException("an extra feature is given twice: " + extras);
        }
    }

    /** A history of orders only. */
    public static CustomerHistory ofOrders(List<Order> orders) {
        return new CustomerHistory(orders, List.of(), List.of(), List.of());
    }
}
