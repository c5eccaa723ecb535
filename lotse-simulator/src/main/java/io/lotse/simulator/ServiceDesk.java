package io.lotse.simulator;

import io.lotse.simulator.model.Customer;
import io.lotse.simulator.model.OrderLine;
import io.lotse.simulator.model.OrderStatus;
import io.lotse.simulator.model.ServiceMessage;
import io.lotse.simulator.service.Intents;
import io.lotse.simulator.service.MessageTemplates;
import io.lotse.simulator.service.TypoInjector;
import io.lotse.simulator.stats.Distributions;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * Customer-service messages: about orders (more likely after returns and cancellations) and general questions,
 * with about one in ten out of scope. The intent, template and paraphrase family are decided when the message
 * is created; its text is rendered when the day closes and the referenced order has its number.
 */
final class ServiceDesk {

    /**
     * An intent with its weight and delay after the order, in hours.
     *
     * @param intent   intent name
     * @param weight   relative weight
     * @param minHours earliest delay after the order
     * @param maxHours latest delay after the order
     */
    private record Choice(String intent, double weight, double minHours, double maxHours) {
    }

    private static final List<Choice> CANCELLED = List.of(new Choice("cancel_order", 0.6, 0.05, 2),
            new Choice("order_change", 0.2, 0.05, 2), new Choice("payment_failed", 0.2, 0.02, 1));
    private static final List<Choice> RETURNED = List.of(new Choice("return_item", 0.35, 72, 200),
            new Choice("refund_status", 0.3, 0, 0), new Choice("exchange_size", 0.15, 60, 160),
            new Choice("damaged_item", 0.1, 40, 140), new Choice("wrong_item", 0.1, 40, 140));
    private static final List<Choice> COMPLETED = List.of(new Choice("where_is_my_order", 0.22, 60, 200),
            new Choice("delivery_delay", 0.12, 90, 240), new Choice("invoice_copy", 0.1, 24, 720),
            new Choice("missing_item", 0.06, 40, 150), new Choice("damaged_item", 0.06, 40, 150),
            new Choice("wrong_item", 0.04, 40, 150), new Choice("change_address", 0.06, 0.3, 12),
            new Choice("gift_wrapping", 0.03, 0.2, 8), new Choice("voucher_problem", 0.06, 0.1, 24),
            new Choice("business_invoice", 0.05, 24, 480), new Choice("price_match", 0.05, 48, 336),
            new Choice("warranty", 0.05, 720, 2160), new Choice("complaint", 0.06, 72, 240),
            new Choice("loyalty_points", 0.04, 72, 480), new Choice("order_change", 0.03, 0.2, 8),
            new Choice("payment_failed", 0.02, 0.05, 4));
    private static final List<Choice> GENERAL = List.of(new Choice("product_question", 0.18, 0, 0),
            new Choice("stock_availability", 0.1, 0, 0), new Choice("shipping_costs", 0.1, 0, 0),
            new Choice("delivery_options", 0.08, 0, 0), new Choice("opening_hours", 0.05, 0, 0),
            new Choice("password_reset", 0.1, 0, 0), new Choice("account_locked", 0.05, 0, 0),
            new Choice("change_email", 0.06, 0, 0), new Choice("delete_account", 0.04, 0, 0),
            new Choice("unsubscribe", 0.06, 0, 0), new Choice("loyalty_points", 0.05, 0, 0),
            new Choice("complaint", 0.05, 0, 0), new Choice("payment_failed", 0.04, 0, 0),
            new Choice("voucher_problem", 0.04, 0, 0));
    private static final DateTimeFormatter GERMAN_DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy");
    private static final DateTimeFormatter ENGLISH_DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK);

    private final MessageTemplates templates;
    private final ShopParameters parameters;
    private final ShopCalendar calendar;
    private final Catalogue catalogue;
    private final ChoiceModel choice;
    private final Sessions.Output output;

    ServiceDesk(MessageTemplates templates, ShopParameters parameters, ShopCalendar calendar, Catalogue catalogue,
            ChoiceModel choice, Sessions.Output output) {
        this.templates = templates;
        this.parameters = parameters;
        this.calendar = calendar;
        this.catalogue = catalogue;
        this.choice = choice;
        this.output = output;
    }

    /** Decides whether the customer writes about a new order, and when. */
    void afterOrder(Person person, OrderDraft order) {
        RandomGenerator random = person.random;
        double probability = Math.min(0.6, 0.08 * person.customer.traits().serviceContactRate());
        List<Choice> choices = COMPLETED;
        if (order.status == OrderStatus.CANCELLED) {
            probability += 0.3;
            choices = CANCELLED;
        } else if (order.status == OrderStatus.RETURNED) {
            probability += 0.25;
            choices = RETURNED;
        }
        if (!Distributions.chance(random, probability)) {
            return;
        }
        Choice chosen = choices.get(Distributions.weighted(random,
                choices.stream().mapToDouble(Choice::weight).toArray()));
        long millis;
        if ("refund_status".equals(chosen.intent())) {
            millis = order.statusChangedMillis + (long) (Distributions.uniform(random, 120, 330) * ShopCalendar.HOUR);
        } else {
            millis = order.placedMillis
                    + (long) (Distributions.uniform(random, chosen.minHours(), chosen.maxHours()) * ShopCalendar.HOUR);
            if (order.status != OrderStatus.COMPLETED && millis >= order.statusChangedMillis) {
                millis = order.placedMillis + (order.statusChangedMillis - order.placedMillis) / 2;
            }
        }
        OrderLine line = order.lines.get(Distributions.index(random, order.lines.size()));
        create(person, millis, chosen.intent(), order, line.name());
    }

    /** A message not about a particular order. */
    void general(Person person, long millis) {
        RandomGenerator random = person.random;
        Choice chosen = GENERAL.get(Distributions.weighted(random, GENERAL.stream().mapToDouble(Choice::weight)
                .toArray()));
        Customer customer = person.customer;
        int category = choice.chooseCategory(random, customer.traits().categoryPreferences(), millis);
        int product = choice.chooseProduct(random, category, customer.traits().priceSensitivity(), millis);
        create(person, millis, chosen.intent(), null, catalogue.products.get(product).name(customer.language()));
    }

    private void create(Person person, long millis, String intent, @Nullable OrderDraft order, String product) {
        RandomGenerator random = person.random;
        Customer customer = person.customer;
        String language = customer.language();
        boolean outOfScope = Distributions.chance(random, parameters.outOfScopeShare());
        String finalIntent = outOfScope ? Intents.OUT_OF_SCOPE : intent;
        List<MessageTemplates.Template> candidates = new ArrayList<>();
        for (MessageTemplates.Template template : templates.templates(finalIntent, language)) {
            if (order != null || !template.needsOrder()) {
                candidates.add(template);
            }
        }
        MessageTemplates.Template template = candidates.get(Distributions.index(random, candidates.size()));
        double u = Distributions.uniform(random);
        String channel = u < 0.5 ? "email" : u < 0.8 ? "chat" : "contact_form";
        String from = customer.secondEmail() != null && Distributions.chance(random, 0.3) ? customer.secondEmail()
                : customer.email();
        String newEmail = null;
        if ("change_email".equals(finalIntent)) {
            newEmail = customer.secondEmail() != null && !customer.secondEmail().equals(from) ? customer.secondEmail()
                    : PeopleFactory.newEmail(customer, null);
        }
        String id = "msg-" + Distributions.uuid(random);
        long renderSeed = random.nextLong();
        int sequence = person.sequence++;
        if (millis < calendar.startMillis || millis >= calendar.endMillis) {
            return;
        }
        DayBuffer buffer = output.buffer(millis);
        if (buffer == null) {
            return;
        }
        buffer.messages.add(new Pending.Message(millis, person.index(), sequence, person, id, channel, language, from,
                finalIntent, template, outOfScope ? null : order, product, newEmail, renderSeed));
    }

    /** Renders the text: frame, body with slots, typos. */
    ServiceMessage render(Pending.Message message) {
        SplittableRandom random = new SplittableRandom(message.renderSeed());
        Customer customer = message.sender().customer;
        String language = message.language();
        OrderDraft order = message.order();
        Map<String, String> slots = new LinkedHashMap<>();
        if (order != null) {
            LocalDate orderDate = Instant.ofEpochMilli(order.placedMillis).atZone(ShopCalendar.ZONE).toLocalDate();
            LocalDate messageDate = Instant.ofEpochMilli(message.millis()).atZone(ShopCalendar.ZONE).toLocalDate();
            slots.put("order", order.number());
            slots.put("date", "de".equals(language) ? GERMAN_DATE.format(orderDate) : ENGLISH_DATE.format(orderDate));
            slots.put("amount", amount(order.totalCents(), language));
            slots.put("days", Long.toString(Math.max(1, ChronoUnit.DAYS.between(orderDate, messageDate))));
        }
        slots.put("product", message.product());
        slots.put("email", message.fromEmail());
        if (message.newEmail() != null) {
            slots.put("new_email", message.newEmail());
        }
        slots.put("name", customer.firstName());
        String body = MessageTemplates.expand(message.template().text(), slots, random);
        boolean chat = "chat".equals(message.channel());
        StringBuilder text = new StringBuilder();
        double greeting = chat ? 0.3 : "email".equals(message.channel()) ? 0.9 : 0.5;
        if (Distributions.chance(random, greeting)) {
            text.append(frame("_greeting", language, slots, random)).append(chat ? " " : "\n\n");
        }
        text.append(body);
        String signature = "";
        if ("email".equals(message.channel()) && Distributions.chance(random, 0.85)) {
            text.append("\n\n").append(frame("_closing", language, slots, random));
            if (Distributions.chance(random, 0.8)) {
                signature = "\n" + customer.firstName()
                        + (Distributions.chance(random, 0.5) ? " " + customer.lastName() : "");
            }
        } else if ("contact_form".equals(message.channel()) && Distributions.chance(random, 0.4)) {
            text.append(' ').append(frame("_closing", language, slots, random));
        }
        double rate = customer.traits().typoRate() * (chat ? 2 : 1);
        TypoInjector.Result typed = TypoInjector.inject(text.toString(), language, rate, chat, random);
        String finalText = typed.text() + signature;
        String subject = null;
        if (!chat) {
            boolean aboutOrder = order != null && Distributions.chance(random, 0.7);
            subject = frame(aboutOrder ? "_subject_order" : "_subject_general", language, slots, random);
        }
        List<String> mentioned = new ArrayList<>();
        for (String email : new String[] {message.fromEmail(), message.newEmail()}) {
            if (email != null && finalText.contains(email) && !mentioned.contains(email)) {
                mentioned.add(email);
            }
        }
        return new ServiceMessage(message.id(), message.channel(), language, message.fromEmail(), subject,
                finalText, Instant.ofEpochMilli(message.millis()), customer.personId(), message.intent(),
                message.template().id(), message.template().paraphraseGroup(), order == null ? null : order.number(),
                List.copyOf(mentioned), typed.typos());
    }

    private String frame(String part, String language, Map<String, String> slots, RandomGenerator random) {
        List<MessageTemplates.Template> options = templates.templates(part, language);
        return MessageTemplates.expand(options.get(Distributions.index(random, options.size())).text(), slots, random);
    }

    static String amount(long cents, String language) {
        String euros = String.format(Locale.ROOT, "%d.%02d", cents / 100, cents % 100);
        return "de".equals(language) ? euros.replace('.', ',') + " €" : "€" + euros;
    }
}
