package io.lotse.simulator;

import io.lotse.simulator.model.BaselineWeek;
import io.lotse.simulator.model.Contact;
import io.lotse.simulator.model.Customer;
import io.lotse.simulator.model.MarketingTruth;
import io.lotse.simulator.model.NextItemSample;
import io.lotse.simulator.model.Order;
import io.lotse.simulator.model.Product;
import io.lotse.simulator.model.ServiceMessage;
import io.lotse.simulator.model.SpendWeek;
import tools.jackson.databind.node.ObjectNode;

/**
 * Receives the simulated shop as it is generated, in this order: {@link #begin}, all products, all customers,
 * the marketing truth, spend and baseline weeks, then day by day the day's orders, events, service messages and
 * next-item samples (each in time order), then the contacts export and {@link #end}. Nothing is held back for
 * the whole run, so a sink can stream to disk or network. Every method has an empty default.
 */
public interface ShopSink extends AutoCloseable {

    /** The run's parameters, before anything else. */
    default void begin(SimulationInfo info) {
    }

    /** A catalogue item. */
    default void product(Product product) {
    }

    /** A customer with identifiers, consents and latent truth. */
    default void customer(Customer customer) {
    }

    /** The true marketing-mix parameters. */
    default void marketing(MarketingTruth truth) {
    }

    /** One week of one media channel. */
    default void spend(SpendWeek week) {
    }

    /** The non-media part of one week (truth). */
    default void baseline(BaselineWeek week) {
    }

    /**
     * A Segment message ({@code identify}, {@code track}, {@code page} or {@code screen}) with {@code type},
     * {@code messageId}, {@code anonymousId} and/or {@code userId}, {@code timestamp}, {@code event} or
     * {@code name}, {@code properties} or {@code traits}, and {@code context}. Events arrive in time order.
     */
    default void event(ObjectNode message) {
    }

    /** An order (including orders before the tracked window), in time order. */
    default void order(Order order) {
    }

    /** A customer-service message, in time order. */
    default void message(ServiceMessage message) {
    }

    /** A next-item truth sample. */
    default void nextItems(NextItemSample sample) {
    }

    /** A row of the CRM export at the end of the run. */
    default void contact(Contact contact) {
    }

    /** The counts, after everything else. */
    default void end(SimulationSummary summary) {
    }

    /** Releases resources; called by whoever opened the sink. */
    @Override
    default void close() {
    }
}
