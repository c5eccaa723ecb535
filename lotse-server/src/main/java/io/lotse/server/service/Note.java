package io.lotse.server.service;

/**
 * Something an agent should know about a ticket, e.g. a lookup that failed.
 *
 * @param kind   {@code lookup_failed}, {@code lookup_skipped}, {@code order_not_found}, {@code no_customer},
 *               {@code reply_failed} or {@code reopened}
 * @param source what it concerns (a connector's name, a channel, an order number)
 * @param detail what happened, in plain words
 */
public record Note(String kind, String source, String detail) {
}
