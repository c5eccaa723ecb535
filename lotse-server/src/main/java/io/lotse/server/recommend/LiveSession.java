package io.lotse.server.recommend;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The current visit of one user or anonymous id as the log tells it: its latest product views, products bought
 * in it, and the latest consent choice about personalisation. A gap longer than the session timeout starts a new
 * visit. Thread-safe.
 */
final class LiveSession {

    /**
     * A product seen at a time.
     *
     * @param product the product id
     * @param at      when
     */
    record Seen(String product, Instant at) {}

    /**
     * A consent choice about personalisation.
     *
     * @param granted whether the person agreed
     * @param at      when they said so
     */
    record Choice(boolean granted, Instant at) {}

    private final int capacity;
    private final Duration timeout;
    private final Deque<Seen> views = new ArrayDeque<>();
    private final List<Seen> purchases = new ArrayList<>();
    private @Nullable Choice consent;
    private Instant lastActivity;

    LiveSession(int capacity, Duration timeout, Instant start) {
        this.capacity = capacity;
        this.timeout = timeout;
        this.lastActivity = start;
    }

    synchronized void viewed(String product, Instant at) {
        touch(at);
        views.addLast(new Seen(product, at));
        while (views.size() > capacity) {
            views.removeFirst();
        }
    }

    synchronized void bought(List<String> products, Instant at) {
        touch(at);
        for (String product : products) {
            purchases.add(new Seen(product, at));
        }
    }

    /** Keeps the latest choice by event time. */
    synchronized void consent(boolean granted, Instant at) {
        if (consent == null || !at.isBefore(consent.at())) {
            consent = new Choice(granted, at);
        }
    }

    private void touch(Instant at) {
        if (Duration.between(lastActivity, at).compareTo(timeout) > 0) {
            views.clear();
            purchases.clear();
        }
        if (at.isAfter(lastActivity)) {
            lastActivity = at;
        }
    }

    synchronized List<Seen> views() {
        return List.copyOf(views);
    }

    synchronized List<Seen> purchases() {
        return List.copyOf(purchases);
    }

    synchronized @Nullable Choice consent() {
        return consent;
    }

    synchronized Instant lastActivity() {
        return lastActivity;
    }

    /** Whether the visit is over: nothing happened within the timeout before {@code now}. */
    synchronized boolean expired(Instant now) {
        return Duration.between(lastActivity, now).compareTo(timeout) > 0;
    }
}
