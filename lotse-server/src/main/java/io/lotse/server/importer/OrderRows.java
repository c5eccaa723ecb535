package io.lotse.server.importer;

import io.lotse.engine.identity.Identifier;
import io.lotse.engine.identity.IdentityType;
import io.lotse.server.collect.CollectedEvent;
import io.lotse.server.collect.EventType;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Orders: lines grouped by order id become one {@code Order Completed} event each, at the order's date, with
 * {@code order_id}, {@code revenue}, {@code currency} and {@code products}. Returns and cancellations (a negative
 * quantity, or a status such as {@code cancelled}, {@code refunded}, {@code storniert}, {@code Retoure}) become
 * {@code Order Refunded} events referencing the original order: the order of the same id when it exists, else the
 * customer's latest earlier order holding the same product, in the file or in the log.
 */
final class OrderRows extends RowProcessor {

    /** Stock codes of lines that are no products: postage, fees, discounts, manual adjustments, samples. */
    static final Set<String> NON_PRODUCT_CODES = Set.of("POST", "DOT", "M", "C2", "D", "S", "B", "BANK CHARGES",
            "AMAZONFEE", "CRUK", "PADS", "ADJUST", "ADJUST2", "TEST001", "TEST002", "CARRIAGE", "POSTAGE",
            "SHIPPING", "VERSAND", "DISCOUNT", "RABATT", "FEE", "GEBÜHR");

    private static final Set<String> RETURN_STATUSES = Set.of("cancelled", "canceled", "cancellation", "refunded",
            "refund", "returned", "return", "storniert", "storno", "retoure", "retourniert", "zurückgesendet",
            "erstattet", "zurückerstattet", "rückerstattet", "gutschrift", "credit note", "void", "voided");

    /** Finds the orders of a customer already in the log, for returns whose original is not in the file. */
    interface LoggedOrders {
        /** The customer's logged {@code Order Completed} events: order id to date and product skus. */
        Map<String, LoggedOrder> of(@Nullable String userId, @Nullable String anonymousId);
    }

    record LoggedOrder(Instant at, Set<String> skus) {}

    /** A cleaned line of an order. */
    private record Line(long line, String orderId, Customer customer, Instant at, @Nullable String sku,
                        @Nullable String product, long quantity, @Nullable BigDecimal price,
                        @Nullable BigDecimal total, @Nullable String currency, @Nullable String status,
                        boolean isReturn, boolean seenInFile, List<Identifier> identifiers,
                        String @Nullable [] extras) {}

    private record Customer(@Nullable String userId, @Nullable String email, @Nullable String anonymousId) {
        String key() {
            return userId != null ? "u:" + userId : "e:" + email;
        }
    }

    private static final class Order {
        final String id;
        final Customer customer;
        Instant at;
        final List<Line> lines = new ArrayList<>();

        Order(String id, Customer customer, Instant at) {
            this.id = id;
            this.customer = customer;
            this.at = at;
        }

        boolean holds(@Nullable String sku) {
            if (sku == null) {
                return false;
            }
            for (Line line : lines) {
                if (sku.equals(line.sku())) {
                    return true;
                }
            }
            return false;
        }
    }

    private record RefundKey(String returnId, String originalId) {}

    private final LoggedOrders loggedOrders;
    private Set<Identifier> knownInLotse = Set.of();
    private final List<Line> lines = new ArrayList<>();
    private final Map<String, String> strings = new HashMap<>();
    private final Map<String, Optional<Instant>> dates = new HashMap<>();
    private final List<ColumnMapping.Column> extraColumns;

    OrderRows(Settings settings, Tally tally, LoggedOrders loggedOrders) {
        super(settings, tally);
        this.loggedOrders = loggedOrders;
        this.extraColumns = settings.mapping().columns().stream().filter(c -> c.key() != null).toList();
    }

    @Override
    void row(long line, String[] cells) {
        tally.row(line);
        Reason unreadable = unreadable(cells);
        if (unreadable != null) {
            tally.rejected(line, unreadable, unreadable.text());
            return;
        }
        String orderId = Cleaning.id(cell(cells, Field.ORDER_ID));
        if (orderId == null) {
            tally.rejected(line, Reason.MISSING_ORDER_ID, "the order id is empty");
            return;
        }
        String sku = Cleaning.id(cell(cells, Field.SKU));
        if (sku != null && NON_PRODUCT_CODES.contains(sku.toUpperCase(Locale.ROOT))) {
            tally.rejected(line, Reason.NON_PRODUCT_CODE, "'" + sku + "' is no product: postage, a fee, a discount "
                    + "or an adjustment");
            return;
        }
        String customerId = settings.cleaner().customerId(Cleaning.id(cell(cells, Field.CUSTOMER_ID))).orElse(null);
        String rawEmail = cell(cells, Field.EMAIL);
        String email = present(rawEmail) ? settings.cleaner().email(rawEmail).orElse(null) : null;
        if (customerId == null && email == null) {
            if (present(rawEmail)) {
                tally.rejected(line, Reason.INVALID_EMAIL, "'" + rawEmail.strip() + "' is not an email address, and "
                        + "there is no customer id");
            } else {
                tally.rejected(line, Reason.MISSING_CUSTOMER, "no customer id or email: the order cannot be "
                        + "given to a person");
            }
            return;
        }
        List<Identifier> identifiers = new ArrayList<>(2);
        if (customerId != null) {
            identifiers.add(new Identifier(IdentityType.USER_ID, customerId));
        }
        if (email != null) {
            identifiers.add(new Identifier(IdentityType.EMAIL, email));
        }
        if (settings.people().erased(identifiers)) {
            tally.rejected(line, Reason.ERASED_PERSON, Reason.ERASED_PERSON.text());
            return;
        }
        Instant at = settings.now();
        if (settings.mapping().has(Field.DATE)) {
            String rawDate = cell(cells, Field.DATE);
            if (!present(rawDate)) {
                tally.rejected(line, Reason.MISSING_DATE, "the order date is empty");
                return;
            }
            Optional<Instant> date = dates.computeIfAbsent(rawDate,
                    raw -> Cleaning.instant(raw, settings.zone()));
            if (dates.size() > 500_000) {
                dates.clear();
            }
            if (date.isEmpty()) {
                tally.rejected(line, Reason.UNPARSEABLE_DATE, "'" + rawDate.strip() + "' is not a date");
                return;
            }
            at = date.get();
        }
        long quantity = 1;
        String rawQuantity = cell(cells, Field.QUANTITY);
        if (settings.mapping().has(Field.QUANTITY)) {
            Optional<Long> parsed = Cleaning.quantity(rawQuantity, settings.decimalComma());
            if (parsed.isEmpty()) {
                tally.rejected(line, Reason.INVALID_QUANTITY, "'" + (rawQuantity == null ? "" : rawQuantity.strip())
                        + "' is not a whole number");
                return;
            }
            quantity = parsed.get();
            if (quantity == 0) {
                tally.rejected(line, Reason.ZERO_QUANTITY, Reason.ZERO_QUANTITY.text());
                return;
            }
        }
        String currency = Cleaning.text(cell(cells, Field.CURRENCY));
        BigDecimal price = null;
        String rawPrice = cell(cells, Field.UNIT_PRICE);
        if (present(rawPrice)) {
            Optional<Cleaning.Money> money = Cleaning.money(rawPrice, settings.decimalComma());
            if (money.isEmpty()) {
                tally.rejected(line, Reason.INVALID_PRICE, "'" + rawPrice.strip() + "' is not an amount");
                return;
            }
            price = money.get().amount();
            if (price.signum() < 0) {
                tally.rejected(line, Reason.NEGATIVE_PRICE, "the price " + rawPrice.strip() + " is negative");
                return;
            }
            currency = currency != null ? currency : money.get().currency();
        }
        BigDecimal total = null;
        String rawTotal = cell(cells, Field.TOTAL);
        if (present(rawTotal)) {
            Optional<Cleaning.Money> money = Cleaning.money(rawTotal, settings.decimalComma());
            if (money.isEmpty()) {
                tally.rejected(line, Reason.INVALID_TOTAL, "'" + rawTotal.strip() + "' is not an amount");
                return;
            }
            total = money.get().amount();
            currency = currency != null ? currency : money.get().currency();
        }
        if (currency != null) {
            currency = intern(currency.toUpperCase(Locale.ROOT));
        }
        String status = Cleaning.text(cell(cells, Field.STATUS));
        boolean isReturn = quantity < 0 || status != null && RETURN_STATUSES.contains(status.toLowerCase(Locale.ROOT));
        String[] extras = null;
        if (!extraColumns.isEmpty()) {
            extras = new String[extraColumns.size()];
            for (int i = 0; i < extras.length; i++) {
                String value = Cleaning.text(cell(cells, extraColumns.get(i).index()));
                extras[i] = value == null ? null : intern(value);
            }
        }
        Customer customer = new Customer(customerId == null ? null : intern(customerId),
                email == null ? null : intern(email),
                customerId == null ? intern(anonymousIdOf("email:" + email)) : null);
        boolean seenBefore = seenInFile(identifiers);
        Line cleaned = new Line(line, intern(orderId), customer, at, sku == null ? null : intern(sku),
                intern(Cleaning.text(cell(cells, Field.PRODUCT))), quantity, price, total, currency, status,
                isReturn, seenBefore, identifiers, extras);
        lines.add(cleaned);
        Map<String, Object> preview = tally.preview(line);
        if (preview != null) {
            preview.put("order_id", orderId);
            preview.put(customerId != null ? "customer_id" : "email", customerId != null ? customerId : email);
            preview.put("date", at.toString());
            putIfPresent(preview, "sku", sku);
            putIfPresent(preview, "product", cleaned.product());
            preview.put("quantity", quantity);
            putIfPresent(preview, "unit_price", price);
            putIfPresent(preview, "total", total);
            putIfPresent(preview, "currency", currency != null ? currency : settings.currency());
            preview.put("becomes", isReturn ? "Order Refunded" : "Order Completed");
        }
    }

    private static void putIfPresent(Map<String, Object> map, String key, @Nullable Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    private @Nullable String intern(@Nullable String value) {
        if (value == null) {
            return null;
        }
        if (strings.size() > 1_000_000) {
            return value;
        }
        String known = strings.putIfAbsent(value, value);
        return known == null ? value : known;
    }

    @Override
    List<CollectedEvent> finish() {
        knownInLotse = knownInLotse();
        Map<String, Order> orders = new LinkedHashMap<>();
        List<Line> returns = new ArrayList<>();
        for (Line line : lines) {
            if (line.isReturn()) {
                returns.add(line);
                continue;
            }
            Order order = orders.computeIfAbsent(line.orderId(), id -> new Order(id, line.customer(), line.at()));
            if (!order.customer.key().equals(line.customer().key())) {
                tally.rejected(line.line(), Reason.ORDER_CUSTOMER_CONFLICT, "order " + line.orderId()
                        + " belongs to " + describe(order.customer) + " on an earlier line, this line to "
                        + describe(line.customer()));
                continue;
            }
            if (line.at().isBefore(order.at)) {
                order.at = line.at();
            }
            order.lines.add(line);
            count(line);
        }
        Map<String, List<Order>> byCustomer = new HashMap<>();
        for (Order order : orders.values()) {
            byCustomer.computeIfAbsent(order.customer.key(), k -> new ArrayList<>()).add(order);
        }
        byCustomer.values().forEach(list -> list.sort(Comparator.comparing((Order o) -> o.at).reversed()));

        Map<String, Map<String, LoggedOrder>> logged = new HashMap<>();
        Function<Customer, Map<String, LoggedOrder>> inLog = customer -> logged.computeIfAbsent(customer.key(),
                k -> loggedOrders.of(customer.userId(), customer.anonymousId()));
        Map<RefundKey, List<Line>> refunds = new LinkedHashMap<>();
        for (Line line : returns) {
            String original = original(line, orders, byCustomer, inLog);
            if (original == null) {
                if (line.quantity() < 0) {
                    tally.rejected(line.line(), Reason.NEGATIVE_QUANTITY_WITHOUT_ORIGINAL, "return of "
                            + (line.sku() == null ? "a line" : "'" + line.sku() + "'") + " in " + line.orderId()
                            + ": " + describe(line.customer()) + " has no earlier order "
                            + (line.sku() == null ? "" : "with that product ") + "in the file or in Lotse");
                } else {
                    tally.rejected(line.line(), Reason.REFUND_WITHOUT_ORIGINAL, "order " + line.orderId() + " is '"
                            + line.status() + "' but was never imported as completed");
                }
                continue;
            }
            refunds.computeIfAbsent(new RefundKey(line.orderId(), original), k -> new ArrayList<>()).add(line);
            count(line);
        }

        List<CollectedEvent> events = new ArrayList<>(orders.size() + refunds.size());
        for (Order order : orders.values()) {
            if (!order.lines.isEmpty()) {
                events.add(completed(order));
            }
        }
        refunds.forEach((key, refundLines) -> events.add(refunded(key, refundLines)));
        lines.clear();
        return events;
    }

    private void count(Line line) {
        if (existed(line.seenInFile(), line.identifiers(), knownInLotse)) {
            tally.merged(line.line());
        } else {
            tally.imported(line.line());
        }
    }

    private static String describe(Customer customer) {
        return customer.userId() != null ? "customer " + customer.userId() : customer.email();
    }

    /** The id of the order a return line gives back, or null. */
    private static @Nullable String original(Line line, Map<String, Order> orders, Map<String, List<Order>> byCustomer,
                                             Function<Customer, Map<String, LoggedOrder>> inLog) {
        Order sameId = orders.get(line.orderId());
        if (sameId != null && sameId.customer.key().equals(line.customer().key()) && !sameId.lines.isEmpty()) {
            return sameId.id;
        }
        if (line.sku() != null) {
            for (Order order : byCustomer.getOrDefault(line.customer().key(), List.of())) {
                if (!order.at.isAfter(line.at()) && !order.id.equals(line.orderId()) && order.holds(line.sku())) {
                    return order.id;
                }
            }
        }
        Map<String, LoggedOrder> logged = inLog.apply(line.customer());
        if (logged.containsKey(line.orderId())) {
            return line.orderId();
        }
        if (line.sku() != null) {
            String best = null;
            Instant bestAt = null;
            for (Map.Entry<String, LoggedOrder> order : logged.entrySet()) {
                LoggedOrder value = order.getValue();
                if (!value.at().isAfter(line.at()) && value.skus().contains(line.sku())
                        && (bestAt == null || value.at().isAfter(bestAt))) {
                    best = order.getKey();
                    bestAt = value.at();
                }
            }
            return best;
        }
        return null;
    }

    private CollectedEvent completed(Order order) {
        Customer customer = order.customer;
        ObjectNode message = message("track", messageId("import:order:", order.id), customer.userId(),
                customer.anonymousId());
        message.put("event", "Order Completed");
        ObjectNode properties = message.putObject("properties");
        properties.put("order_id", order.id);
        BigDecimal revenue = BigDecimal.ZERO;
        boolean allPriced = true;
        BigDecimal total = null;
        String currency = null;
        String status = null;
        ArrayNode products = NODES.arrayNode();
        for (Line line : order.lines) {
            products.add(product(line));
            if (line.price() != null) {
                revenue = revenue.add(line.price().multiply(BigDecimal.valueOf(line.quantity())));
            } else {
                allPriced = false;
            }
            total = total != null ? total : line.total();
            currency = currency != null ? currency : line.currency();
            status = status != null ? status : line.status();
        }
        BigDecimal value = allPriced ? revenue : total != null ? total : revenue;
        properties.put("revenue", plain(value));
        if (total != null) {
            properties.put("total", plain(total));
        }
        currency = currency != null ? currency : settings.currency();
        if (currency != null) {
            properties.put("currency", currency);
        }
        if (status != null) {
            properties.put("status", status);
        }
        properties.set("products", products);
        extras(properties, order.lines.get(0));
        context(message, customer);
        return event(message, EventType.TRACK, "Order Completed", order.at);
    }

    private CollectedEvent refunded(RefundKey key, List<Line> refundLines) {
        Line first = refundLines.get(0);
        Customer customer = first.customer();
        ObjectNode message = message("track", messageId("import:refund:", key.returnId() + ":" + key.originalId()),
                customer.userId(), customer.anonymousId());
        message.put("event", "Order Refunded");
        ObjectNode properties = message.putObject("properties");
        properties.put("order_id", key.originalId());
        if (!key.returnId().equals(key.originalId())) {
            properties.put("refund_id", key.returnId());
        }
        BigDecimal refunded = BigDecimal.ZERO;
        boolean allPriced = true;
        BigDecimal total = null;
        String currency = null;
        ArrayNode products = NODES.arrayNode();
        Instant at = first.at();
        for (Line line : refundLines) {
            products.add(product(line));
            if (line.price() != null) {
                refunded = refunded.add(line.price().multiply(BigDecimal.valueOf(Math.abs(line.quantity()))));
            } else {
                allPriced = false;
            }
            total = total != null ? total : line.total();
            currency = currency != null ? currency : line.currency();
            at = line.at().isBefore(at) ? line.at() : at;
        }
        BigDecimal value = allPriced ? refunded : total != null ? total.abs() : refunded;
        properties.put("total", plain(value));
        currency = currency != null ? currency : settings.currency();
        if (currency != null) {
            properties.put("currency", currency);
        }
        if (first.status() != null) {
            properties.put("status", first.status());
        }
        properties.set("products", products);
        extras(properties, first);
        context(message, customer);
        return event(message, EventType.TRACK, "Order Refunded", at);
    }

    /** Without trailing zeros, never in exponent notation: 139.12, 15, 0.5. */
    static BigDecimal plain(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    private static ObjectNode product(Line line) {
        ObjectNode product = NODES.objectNode();
        if (line.sku() != null) {
            product.put("sku", line.sku());
            product.put("product_id", line.sku());
        }
        if (line.product() != null) {
            product.put("name", line.product());
        }
        product.put("quantity", Math.abs(line.quantity()));
        if (line.price() != null) {
            product.put("price", plain(line.price()));
        }
        return product;
    }

    private void extras(ObjectNode properties, Line line) {
        String[] extras = line.extras();
        if (extras == null) {
            return;
        }
        for (int i = 0; i < extras.length; i++) {
            String key = extraColumns.get(i).key();
            if (extras[i] != null && key != null && !properties.has(key)) {
                properties.put(key, extras[i]);
            }
        }
    }

    private static void context(ObjectNode message, Customer customer) {
        if (customer.email() != null) {
            message.putObject("context").putObject("traits").put("email", customer.email());
        }
    }
}
