package io.lotse.server.recommend;

import java.time.Instant;
import java.util.List;

/**
 * What the models learn from, read from the event log.
 *
 * @param purchases one entry per product line of an order
 * @param sessions  product-view sessions, oldest first (by their last view)
 * @param catalogue the products seen in either
 * @param from      start of the data window
 * @param to        end of the data window, the moment of reading
 * @param logHead   the log position the data reaches
 */
record TrainingData(List<Purchase> purchases, List<ViewSession> sessions, ProductCatalogue.Builder catalogue,
                    Instant from, Instant to, long logHead) {

    /**
     * One product of one order.
     *
     * @param person  {@code p:<profile id>} when the profile is known, else {@code u:<user id>} or
     *                {@code a:<anonymous id>}
     * @param order   the order event's message id
     * @param product the product id
     * @param at      when the order was completed
     */
    record Purchase(String person, String order, String product, Instant at) {}

    /**
     * Product views of one visit, in order.
     *
     * @param endedAt  time of the last view
     * @param products product ids in the order viewed
     */
    record ViewSession(Instant endedAt, List<String> products) {}
}
