package io.lotse.simulator;

import io.lotse.simulator.model.Customer;
import io.lotse.simulator.model.OrderKind;
import io.lotse.simulator.model.OrderLine;
import io.lotse.simulator.model.OrderStatus;
import io.lotse.simulator.stats.Distributions;
import io.lotse.simulator.stats.Seeds;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import tools.jackson.databind.node.ObjectNode;

/**
 * Live traffic of a simulated shop after its history: visits of the shop's existing customers (the same people,
 * devices, anonymous ids and user ids as in the history, choosing products with the same choice model) and of
 * some new anonymous visitors, one visit after the other, each message stamped with the current time of the
 * clock when it is taken with {@link #next()}.
 *
 * <p>Browsing visits bring page or screen views, product and category views, searches, add-to-cart, sometimes a
 * login ({@code Signed In} and {@code identify}); about one customer visit in ten ends with an
 * {@code Order Completed}. The choices are seeded by the shop's seed and the clock's time at creation, so the
 * same seed and start give the same traffic while message ids differ between runs. Not thread-safe.
 */
public final class LiveShop {

    /** Share of visits by people who are not customers yet (anonymous browsing). */
    static final double NEW_VISITOR_SHARE = 0.2;
    /** Share of customers' visits that end with an order, while they are still buying (BG/NBD alive). */
    static final double PURCHASE_SHARE = 0.1;
    private static final String[] PAYMENT_METHODS = {"paypal", "klarna", "credit_card", "sepa_direct_debit",
        "apple_pay", "invoice"};
    private static final double[] PAYMENT_SHARES = {0.38, 0.22, 0.15, 0.12, 0.08, 0.05};
    /** Days the live calendar covers after its start; a run longer than this restarts the calendar. */
    private static final int LIVE_DAYS = 3650;

    private final Clock clock;
    private final int customers;
    private final long liveSeed;
    private final ShopParameters parameters;
    private final Catalogue catalogue;
    private final ChoiceModel choice;
    private final PeopleFactory people;
    private final SplittableRandom random;
    private final DayBuffer buffer = new DayBuffer();
    private final ArrayDeque<ObjectNode> queue = new ArrayDeque<>();
    private final Map<Integer, Person> persons = new HashMap<>();
    private final Map<String, Long> counts = new LinkedHashMap<>();
    private ShopCalendar liveCalendar;
    private Sessions sessions;
    private int newVisitors;
    private long orderSequence;

    LiveShop(SimulationInfo info, int historyDays, Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.customers = info.customers();
        this.parameters = info.parameters();
        long seed = info.seed();
        // The history's calendar, so that catalogue and people are those of the history.
        ShopCalendar calendar = new ShopCalendar(info.start(), info.days(), historyDays);
        this.catalogue = Catalogue.generate(seed, calendar);
        this.choice = new ChoiceModel(catalogue);
        MarketingPlan plan = MarketingPlan.create(seed, calendar, info.customers(), catalogue.categories.size());
        this.people = new PeopleFactory(seed, calendar, plan, catalogue, info.parameters());
        this.liveSeed = Seeds.mix(seed, Seeds.salt("live"), clock.millis());
        this.random = new SplittableRandom(Seeds.mix(liveSeed, Seeds.salt("live.visits"), 0));
        for (String name : List.of("events", "identify", "track", "page", "screen", "visits", "new_visitors",
                "orders")) {
            counts.put(name, 0L);
        }
        this.liveCalendar = liveCalendar(clock.millis());
        this.sessions = sessions(liveCalendar);
    }

    /** A calendar whose tracked window runs from yesterday for ten years, so that visits now are inside it. */
    private static ShopCalendar liveCalendar(long now) {
        LocalDate today = Instant.ofEpochMilli(now).atZone(ShopCalendar.ZONE).toLocalDate();
        return new ShopCalendar(today.minusDays(1), LIVE_DAYS, 0);
    }

    private Sessions sessions(ShopCalendar calendar) {
        return new Sessions(calendar, catalogue, choice, parameters, liveSeed, millis -> buffer);
    }

    /** The next live Segment message, with the clock's current time as its timestamp. */
    public ObjectNode next() {
        while (queue.isEmpty()) {
            visit();
        }
        ObjectNode message = queue.poll();
        message.put("timestamp", Sessions.iso(clock.millis()));
        add("events", 1);
        add(message.path("type").asString(), 1);
        return message;
    }

    /** What was taken so far: events by type, visits, new visitors' visits and orders. */
    public Map<String, Long> counts() {
        return Map.copyOf(counts);
    }

    /** Generates one visit into the queue. */
    private void visit() {
        long now = clock.millis();
        if (now >= liveCalendar.endMillis - ShopCalendar.DAY) {
            liveCalendar = liveCalendar(now);
            sessions = sessions(liveCalendar);
        }
        now = Math.max(now, liveCalendar.startMillis + ShopCalendar.DAY);
        add("visits", 1);
        if (Distributions.chance(random, NEW_VISITOR_SHARE)) {
            // Customer k is the same person whatever the number of customers: those beyond the shop's customers
            // have not bought yet, so they browse anonymously with fresh devices.
            Person visitor = person(customers + newVisitors++, false);
            add("new_visitors", 1);
            sessions.research(visitor, now);
        } else {
            Person person = person(Distributions.index(random, customers), true);
            if (Distributions.chance(random, person.alive(now) ? PURCHASE_SHARE : PURCHASE_SHARE / 5)) {
                Sessions.Source source = sessions.repeatSource(person, now);
                OrderDraft order = order(person, now, source);
                sessions.purchase(person, order, source, false);
                add("orders", 1);
            } else {
                sessions.browse(person, now);
            }
        }
        buffer.events.sort(Pending.ORDER);
        for (Pending.Event event : buffer.events) {
            queue.add(event.toMessage());
        }
        buffer.events.clear();
        buffer.samples.clear();
        buffer.orders.clear();
        buffer.messages.clear();
    }

    /**
     * Person k with a live random stream of their own (not the history's, which would repeat the history's
     * choices and message ids). A customer's devices are logged in or not as after the history.
     */
    private Person person(int k, boolean customer) {
        Person person = persons.get(k);
        if (person == null) {
            Customer created = people.create(k).customer;
            person = new Person(created, Seeds.stream(liveSeed, "live.person", k), new long[0]);
            if (customer) {
                for (int d = 0; d < person.identified.length; d++) {
                    person.identified[d] = Distributions.chance(person.random, 0.5);
                }
            }
            persons.put(k, person);
        }
        return person;
    }

    /** A repeat order filled with preferred products towards a Gamma-Gamma target, as in the history. */
    private OrderDraft order(Person person, long time, Sessions.Source source) {
        Customer customer = person.customer;
        double target = Distributions.gamma(person.random, parameters.orderValues().p(),
                customer.traits().spendRate());
        List<OrderLine> lines = choice.basket(person, time, target);
        String email = sessions.usedEmail(person);
        String payment = PAYMENT_METHODS[Distributions.weighted(person.random, PAYMENT_SHARES)];
        long subtotal = lines.stream().mapToLong(line -> line.unitPriceCents() * line.quantity()).sum();
        long shipping = subtotal >= 5000 ? 0 : 495;
        String campaign = source.campaign() == null ? null : source.campaign().path("name").asString();
        OrderDraft order = new OrderDraft(person, time, person.sequence++, OrderKind.REPEAT, source.channel(),
                campaign, email, customer.language(), lines, shipping, payment, OrderStatus.COMPLETED, 0,
                Math.round(target * 100), true);
        int year = Instant.ofEpochMilli(time).atZone(ShopCalendar.ZONE).getYear();
        // Live order numbers carry the time so that they never collide with the history's or an earlier run's.
        order.number = String.format("LS-%d-L%s%02d", year, Long.toString(time, 36).toUpperCase(java.util.Locale.ROOT),
                orderSequence++ % 100);
        person.orders++;
        person.revenueCents += order.subtotalCents;
        return order;
    }

    private void add(String name, long amount) {
        counts.merge(name, amount, Long::sum);
    }
}
