package io.lotse.simulator;

import io.lotse.simulator.model.Customer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The mutable state of one customer during the run. Only the customer's own random stream is used to decide
 * their behaviour, so what happens to them does not depend on other customers.
 */
final class Person {

    static final long NEVER = Long.MAX_VALUE;

    /**
     * A visit from a click in an email.
     *
     * @param millis   click time
     * @param campaign campaign id
     * @param focus    category the email links to
     */
    record ClickVisit(long millis, String campaign, int focus) {
    }

    final Customer customer;
    final SplittableRandom random;
    final long acquiredMillis;
    final long[] research;
    final boolean[] identified;
    final List<ClickVisit> clicks = new ArrayList<>(0);

    int researchNext;
    boolean acquired;
    int purchaseNext;
    long nextBrowse = NEVER;
    long nextService = NEVER;
    long confirmAt = NEVER;
    long unsubscribeAt = NEVER;
    long lastEmailClick = Long.MIN_VALUE;
    String lastEmailCampaign = "";
    int scheduledDay = -1;
    int processedDay = -1;
    int sessions;
    int sequence;
    int orders;
    long revenueCents;

    Person(Customer customer, SplittableRandom random, long[] research) {
        this.customer = customer;
        this.random = random;
        this.acquiredMillis = customer.acquiredAt().toEpochMilli();
        this.research = research;
        this.identified = new boolean[customer.devices().size()];
    }

    int index() {
        return customer.index();
    }

    /** Next repeat purchase time, or {@link #NEVER}. */
    long nextPurchase() {
        long[] purchases = customer.purchases().repeatPurchaseMillis();
        return purchaseNext < purchases.length ? purchases[purchaseNext] : NEVER;
    }

    long nextResearch() {
        return researchNext < research.length ? research[researchNext] : NEVER;
    }

    long nextClick() {
        return clicks.isEmpty() ? NEVER : clicks.get(0).millis();
    }

    /** Whether the customer is still buying at a time (alive in BG/NBD terms). */
    boolean alive(long millis) {
        var droppedOut = customer.purchases().droppedOutAt();
        return droppedOut == null || millis < droppedOut.toEpochMilli();
    }

    /** The earliest pending activity. */
    long nextActivity() {
        long next = Math.min(nextResearch(), acquired ? NEVER : acquiredMillis);
        next = Math.min(next, nextPurchase());
        next = Math.min(next, nextBrowse);
        next = Math.min(next, nextService);
        next = Math.min(next, nextClick());
        next = Math.min(next, confirmAt);
        return Math.min(next, unsubscribeAt);
    }

    void addClick(ClickVisit click) {
        int at = 0;
        while (at < clicks.size() && clicks.get(at).millis() <= click.millis()) {
            at++;
        }
        clicks.add(at, click);
    }
}
