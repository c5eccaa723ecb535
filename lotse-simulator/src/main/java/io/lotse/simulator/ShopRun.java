package io.lotse.simulator;

import io.lotse.simulator.model.Customer;
import io.lotse.simulator.model.OrderKind;
import io.lotse.simulator.model.OrderLine;
import io.lotse.simulator.model.OrderStatus;
import io.lotse.simulator.model.Product;
import io.lotse.simulator.model.ServiceMessage;
import io.lotse.simulator.service.MessageTemplates;
import io.lotse.simulator.stats.Distributions;
import io.lotse.simulator.stats.GammaGamma;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * One run: creates catalogue, marketing plan and customers, then walks the span day by day. Each day the people
 * with something to do that day act (research, first order, repeat purchases, browsing, email clicks, service
 * messages, consent changes); when the day closes its orders are numbered and everything it produced goes to the
 * sink in time order. Memory holds the customers and a few days of output, never the whole event stream.
 */
final class ShopRun {

    private static final String[] PAYMENT_METHODS = {"paypal", "klarna", "credit_card", "sepa_direct_debit",
        "apple_pay", "invoice"};
    private static final double[] PAYMENT_SHARES = {0.38, 0.22, 0.15, 0.12, 0.08, 0.05};

    private final SimulationInfo info;
    private final ShopSink sink;
    private final ShopCalendar calendar;
    private final Map<String, Long> counts = new LinkedHashMap<>();
    private final Map<Integer, Integer> orderNumbers = new HashMap<>();
    private final DayBuffer[] buffers;
    private final int[][] buckets;
    private final int[] bucketSizes;
    private final Catalogue catalogue;
    private final ChoiceModel choice;
    private final MarketingPlan plan;
    private final Sessions sessions;
    private final ServiceDesk desk;
    private final PeopleFactory people;
    private final Person[] persons;

    ShopRun(SimulationInfo info, int historyDays, ShopSink sink) {
        this.info = info;
        this.sink = sink;
        this.calendar = new ShopCalendar(info.start(), info.days(), historyDays);
        this.buffers = new DayBuffer[calendar.totalDays];
        this.buckets = new int[calendar.totalDays][];
        this.bucketSizes = new int[calendar.totalDays];
        for (String name : List.of("products", "customers", "events", "identify", "track", "page", "screen",
                "orders", "orders_in_window", "order_lines", "orders_returned", "orders_cancelled", "spend_rows",
                "messages", "messages_out_of_scope", "next_item_samples", "email_campaigns", "contacts")) {
            counts.put(name, 0L);
        }
        long seed = info.seed();
        this.catalogue = Catalogue.generate(seed, calendar);
        this.choice = new ChoiceModel(catalogue);
        this.plan = MarketingPlan.create(seed, calendar, info.customers(), catalogue.categories.size());
        Sessions.Output output = this::buffer;
        this.sessions = new Sessions(calendar, catalogue, choice, info.parameters(), seed, output);
        this.desk = new ServiceDesk(MessageTemplates.load(), info.parameters(), calendar, catalogue, choice, output);
        this.people = new PeopleFactory(seed, calendar, plan, catalogue, info.parameters());
        this.persons = new Person[info.customers()];
    }

    SimulationSummary run() {
        sink.begin(info);
        for (Product product : catalogue.products) {
            sink.product(product);
        }
        add("products", catalogue.products.size());
        int[][] realised = new int[MarketingPlan.CHANNELS.size()][plan.weeks];
        int[] repeatOrders = new int[plan.weeks];
        for (int k = 0; k < persons.length; k++) {
            Person person = people.create(k);
            persons[k] = person;
            Customer customer = person.customer;
            sink.customer(customer);
            int week = calendar.dayIndex(person.acquiredMillis) / 7;
            realised[MarketingPlan.CHANNELS.indexOf(customer.acquisitionChannel())][week]++;
            for (long purchase : customer.purchases().repeatPurchaseMillis()) {
                repeatOrders[calendar.dayIndex(purchase) / 7]++;
            }
            schedule(person);
        }
        add("customers", persons.length);
        sink.marketing(plan.truth(info.parameters().orderValues().meanOrderValue()));
        plan.spendWeeks(realised).forEach(week -> {
            sink.spend(week);
            add("spend_rows", 1);
        });
        plan.baselineWeeks(realised, repeatOrders).forEach(sink::baseline);

        int campaign = 0;
        List<MarketingPlan.EmailCampaign> campaigns = plan.campaigns;
        for (int day = 0; day < calendar.totalDays; day++) {
            long dayEnd = calendar.dayStart(day + 1);
            while (campaign < campaigns.size() && campaigns.get(campaign).sendMillis() < dayEnd) {
                send(campaigns.get(campaign++));
            }
            int[] bucket = buckets[day];
            int size = bucketSizes[day];
            buckets[day] = null;
            for (int i = 0; i < size; i++) {
                Person person = persons[bucket[i]];
                if (person.scheduledDay != day || person.processedDay == day) {
                    continue;
                }
                person.processedDay = day;
                act(person, dayEnd);
                schedule(person);
            }
            flush(day);
        }
        ContactExporter contacts = new ContactExporter(info.seed(), calendar);
        for (Person person : persons) {
            sink.contact(contacts.contact(person));
        }
        add("contacts", persons.length);
        SimulationSummary summary = new SimulationSummary(info, counts);
        sink.end(summary);
        return summary;
    }

    // --------------------------------------------------------------------------------------------- people

    /** Everything a person does before {@code dayEnd}, in time order. */
    private void act(Person person, long dayEnd) {
        while (true) {
            long time = person.nextActivity();
            if (time >= dayEnd) {
                return;
            }
            if (time == person.nextResearch()) {
                person.researchNext++;
                if (time >= calendar.startMillis) {
                    sessions.research(person, time);
                }
            } else if (!person.acquired && time == person.acquiredMillis) {
                person.acquired = true;
                acquire(person, time);
            } else if (time == person.nextPurchase()) {
                person.purchaseNext++;
                repeat(person, time);
            } else if (time == person.confirmAt) {
                person.confirmAt = Person.NEVER;
                sessions.newsletterConfirmed(person, time);
            } else if (time == person.unsubscribeAt) {
                person.unsubscribeAt = Person.NEVER;
                sessions.unsubscribed(person, time);
            } else if (time == person.nextClick()) {
                sessions.emailClick(person, person.clicks.remove(0));
            } else if (time == person.nextBrowse) {
                sessions.browse(person, time);
                person.nextBrowse = Math.max(time + 1, people.nextBrowse(person, time));
            } else if (time == person.nextService) {
                desk.general(person, time);
                person.nextService = calendar.fromShopHours(calendar.shopHours(time)
                        + Distributions.exponential(person.random, PeopleFactory.serviceRatePerHour(person)));
                person.nextService = Math.max(time + 1, person.nextService);
            } else {
                throw new IllegalStateException("no activity at " + time);
            }
        }
    }

    private void acquire(Person person, long time) {
        Customer customer = person.customer;
        Sessions.Source source = sessions.acquisitionSource(person, customer.acquisitionChannel());
        OrderDraft order = place(person, time, OrderKind.FIRST, source);
        if (time >= calendar.startMillis) {
            sessions.purchase(person, order, source, true);
            people.startWindowActivity(person, time);
        }
        afterPlacing(person, order);
    }

    private void repeat(Person person, long time) {
        Sessions.Source source = sessions.repeatSource(person, time);
        OrderDraft order = place(person, time, OrderKind.REPEAT, source);
        if (time >= calendar.startMillis) {
            sessions.purchase(person, order, source, false);
            if (!person.alive(time) && person.nextBrowse != Person.NEVER) {
                person.nextBrowse = Math.max(time + 1, people.nextBrowse(person, time));
            }
        }
        afterPlacing(person, order);
    }

    private void afterPlacing(Person person, OrderDraft order) {
        if (order.status == OrderStatus.CANCELLED) {
            sessions.orderCancelled(person, order);
        } else if (order.status == OrderStatus.RETURNED) {
            sessions.orderRefunded(person, order);
        }
        desk.afterOrder(person, order);
    }

    /** An order with a basket filled towards a Gamma-Gamma draw, and its fate. */
    private OrderDraft place(Person person, long time, OrderKind kind, Sessions.Source source) {
        RandomGenerator random = person.random;
        Customer customer = person.customer;
        GammaGamma values = info.parameters().orderValues();
        double target = Distributions.gamma(random, values.p(), customer.traits().spendRate());
        List<OrderLine> lines = choice.basket(person, time, target);
        String email = sessions.usedEmail(person);
        String payment = PAYMENT_METHODS[Distributions.weighted(random, PAYMENT_SHARES)];
        long subtotal = lines.stream().mapToLong(line -> line.unitPriceCents() * line.quantity()).sum();
        long shipping = subtotal >= 5000 ? 0 : 495;
        double fate = Distributions.uniform(random);
        OrderStatus status = OrderStatus.COMPLETED;
        long changed = 0;
        if (fate < info.parameters().cancellationRate()) {
            status = OrderStatus.CANCELLED;
            changed = time + (long) (Math.min(20, Distributions.logNormal(random, Math.log(2), 0.8)) * ShopCalendar.HOUR);
        } else if (fate < info.parameters().cancellationRate() + info.parameters().returnRate()) {
            status = OrderStatus.RETURNED;
            changed = time + (long) (Distributions.uniform(random, 6, 28) * ShopCalendar.DAY);
        }
        if (status != OrderStatus.COMPLETED && changed >= calendar.endMillis) {
            status = OrderStatus.COMPLETED;
            changed = 0;
        }
        String campaign = source.campaign() == null ? null : source.campaign().path("name").asString();
        OrderDraft order = new OrderDraft(person, time, person.sequence++, kind, source.channel(), campaign, email,
                customer.language(), lines, shipping, payment, status, changed, Math.round(target * 100),
                time >= calendar.startMillis);
        person.orders++;
        if (status == OrderStatus.COMPLETED) {
            person.revenueCents += order.subtotalCents;
        }
        DayBuffer buffer = buffer(time);
        if (buffer != null) {
            buffer.orders.add(new Pending.PlacedOrder(time, person.index(), order.sequence, order));
        }
        return order;
    }

    /** Email Delivered (and maybe Opened, Clicked) to everyone with email consent at send time. */
    private void send(MarketingPlan.EmailCampaign campaign) {
        add("email_campaigns", 1);
        Instant send = Instant.ofEpochMilli(campaign.sendMillis());
        for (Person person : persons) {
            if (person.acquiredMillis >= campaign.sendMillis()
                    || !person.customer.consents().email().grantedAt(send)) {
                continue;
            }
            long before = person.nextClick();
            sessions.emailCampaign(person, campaign);
            if (person.nextClick() != before) {
                int clickDay = calendar.dayIndex(person.nextClick());
                if (clickDay < calendar.totalDays && (person.scheduledDay < 0 || clickDay < person.scheduledDay)) {
                    person.scheduledDay = clickDay;
                    enqueue(clickDay, person.index());
                }
            }
        }
    }

    private void schedule(Person person) {
        long next = person.nextActivity();
        int day = next == Person.NEVER ? calendar.totalDays : calendar.dayIndex(next);
        if (day >= calendar.totalDays) {
            person.scheduledDay = -1;
            return;
        }
        person.scheduledDay = day;
        enqueue(day, person.index());
    }

    private void enqueue(int day, int person) {
        int[] bucket = buckets[day];
        if (bucket == null) {
            bucket = new int[16];
            buckets[day] = bucket;
        } else if (bucketSizes[day] == bucket.length) {
            bucket = Arrays.copyOf(bucket, bucket.length * 2);
            buckets[day] = bucket;
        }
        bucket[bucketSizes[day]++] = person;
    }

    // ------------------------------------------------------------------------------------------- output

    private @Nullable DayBuffer buffer(long millis) {
        int day = calendar.dayIndex(millis);
        if (day < 0 || day >= calendar.totalDays) {
            return null;
        }
        DayBuffer buffer = buffers[day];
        if (buffer == null) {
            buffer = new DayBuffer();
            buffers[day] = buffer;
        }
        return buffer;
    }

    /** Numbers the day's orders and sends everything the day produced to the sink, in time order. */
    private void flush(int day) {
        DayBuffer buffer = buffers[day];
        buffers[day] = null;
        if (buffer == null) {
            return;
        }
        buffer.orders.sort(Pending.ORDER);
        for (Pending.PlacedOrder placed : buffer.orders) {
            OrderDraft draft = placed.draft();
            int year = Instant.ofEpochMilli(draft.placedMillis).atZone(ShopCalendar.ZONE).getYear();
            int number = orderNumbers.merge(year, 1, Integer::sum);
            draft.number = String.format("LS-%d-%06d", year, number);
            sink.order(draft.toOrder());
            add("orders", 1);
            add("order_lines", draft.lines.size());
            if (draft.tracked) {
                add("orders_in_window", 1);
            }
            if (draft.status == OrderStatus.RETURNED) {
                add("orders_returned", 1);
            } else if (draft.status == OrderStatus.CANCELLED) {
                add("orders_cancelled", 1);
            }
        }
        buffer.events.sort(Pending.ORDER);
        for (Pending.Event event : buffer.events) {
            sink.event(event.toMessage());
            add("events", 1);
            add(event.type(), 1);
        }
        buffer.messages.sort(Pending.ORDER);
        for (Pending.Message pending : buffer.messages) {
            ServiceMessage message = desk.render(pending);
            sink.message(message);
            add("messages", 1);
            if (message.outOfScope()) {
                add("messages_out_of_scope", 1);
            }
        }
        buffer.samples.sort(Pending.ORDER);
        for (Pending.Sample sample : buffer.samples) {
            sink.nextItems(sample.sample());
            add("next_item_samples", 1);
        }
    }

    private void add(String name, long amount) {
        counts.merge(name, amount, Long::sum);
    }
}
