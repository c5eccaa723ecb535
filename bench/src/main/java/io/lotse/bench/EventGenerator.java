package io.lotse.bench;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Produces the traffic of a small online fashion shop as Segment events: about 10% {@code identify}, 60%
 * {@code track} ({@code Product Viewed}, {@code Product Added}, {@code Order Completed}) and 30% {@code page}.
 *
 * <p>Deterministic: the same seed, population size and start time give the same events, message ids included.
 * A few people are far more active than the rest. About a third of the population signed in (user id and
 * email), some more left an email for the newsletter; every event carries a user id, an anonymous id or both.
 * Serialized events are typically 400 to 700 bytes. Timestamps rise from {@code start} by 0 to 9 ms per event.
 * Not thread-safe.
 */
final class EventGenerator {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String SHOP = "https://shop.example.com";
    private static final String[] FIRST_NAMES = {"Anna", "Ben", "Clara", "David", "Emma", "Felix", "Greta", "Hannah",
        "Jonas", "Lea", "Lukas", "Marie", "Noah", "Paul", "Sophie", "Tom", "Lina", "Finn", "Mia", "Elias"};
    private static final String[] LAST_NAMES = {"Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer",
        "Wagner", "Becker", "Schulz", "Hoffmann", "Koch", "Richter", "Klein", "Wolf", "Neumann", "Schwarz"};
    private static final String[] EMAIL_DOMAINS = {"example.com", "example.org", "example.net", "mail.example"};
    private static final String[] PLANS = {"basic", "basic", "basic", "plus", "plus", "premium"};
    private static final String[] LOCALES = {"de-DE", "de-DE", "de-DE", "de-AT", "en-GB", "en-US", "fr-FR"};
    private static final String[] USER_AGENTS = {
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148",
        "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36",
        "Mozilla/5.0 (X11; Linux x86_64; rv:127.0) Gecko/20100101 Firefox/127.0"};
    private static final String[] IP_PREFIXES = {"192.0.2.", "198.51.100.", "203.0.113."};
    private static final String[] REFERRERS = {"https://www.google.com/", "https://www.google.com/", "",
        "https://www.bing.com/", "https://www.instagram.com/", "https://newsletter.example.com/issue-42", ""};
    private static final String[] CATEGORIES = {"Shoes", "Jackets", "Shirts", "Trousers", "Bags", "Knitwear",
        "Sportswear", "Accessories"};
    private static final String[] ADJECTIVES = {"Classic", "Slim", "Relaxed", "Waterproof", "Organic", "Vintage",
        "Lightweight", "Merino"};
    /** Product kinds with their category. */
    private static final String[][] KINDS = {{"Sneaker", "Shoes"}, {"Boot", "Shoes"}, {"Parka", "Jackets"},
        {"Denim Jacket", "Jackets"}, {"Oxford Shirt", "Shirts"}, {"Chino", "Trousers"}, {"Backpack", "Bags"},
        {"Cardigan", "Knitwear"}, {"Running Tee", "Sportswear"}, {"Scarf", "Accessories"}};
    private static final String[] SEARCH_TERMS = {"rain jacket", "white sneakers", "wool", "sale", "linen shirt"};
    private static final String BROWSER_LIBRARY = "analytics.js";
    private static final String BROWSER_LIBRARY_VERSION = "next-1.72.0";
    private static final String SERVER_LIBRARY = "analytics-java";
    private static final String SERVER_LIBRARY_VERSION = "3.5.4";

    private final SplittableRandom random;
    private final List<Person> population;
    private final List<Product> catalog;
    private Instant clock;
    private long orders;

    /**
     * @param seed           makes the events reproducible
     * @param populationSize how many distinct people (browsers) produce the traffic; at least 1
     * @param start          the timestamp of the first event
     */
    EventGenerator(long seed, int populationSize, Instant start) {
        if (populationSize < 1) {
            throw new IllegalArgumentException("population size must be positive, was " + populationSize);
        }
        this.random = new SplittableRandom(seed);
        this.clock = Instant.ofEpochMilli(start.toEpochMilli());
        this.catalog = catalog(random);
        this.population = new ArrayList<>(populationSize);
        for (int i = 0; i < populationSize; i++) {
            population.add(person(i));
        }
    }

    /** The next {@code count} events. */
    List<SegmentEvent> next(int count) {
        List<SegmentEvent> events = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            events.add(next());
        }
        return events;
    }

    /** The next event. */
    SegmentEvent next() {
        clock = clock.plusMillis(random.nextInt(10));
        Person person = pickPerson();
        int kind = random.nextInt(100);
        if (kind < 10) {
            return identify(person);
        }
        if (kind < 70) {
            return track(person);
        }
        return page(person, pickPage());
    }

    private SegmentEvent identify(Person person) {
        ObjectNode fields = common("identify", person.userId(), person.anonymousId());
        ObjectNode traits = fields.putObject("traits");
        if (person.email() != null) {
            traits.put("email", person.email());
        }
        if (person.userId() != null) {
            traits.put("name", person.firstName() + " " + person.lastName());
            traits.put("firstName", person.firstName());
            traits.put("lastName", person.lastName());
            traits.put("plan", person.plan());
        } else {
            traits.put("newsletter", person.email() != null);
            traits.put("favoriteCategory", pick(CATEGORIES));
        }
        fields.set("context", browserContext(person, null));
        return event(fields, "identify", null, person.userId(), person.anonymousId());
    }

    private SegmentEvent track(Person person) {
        int kind = random.nextInt(100);
        if (kind < 60) {
            Product product = pick(catalog);
            ObjectNode fields = common("track", person.userId(), person.anonymousId());
            fields.put("event", "Product Viewed");
            productProperties(fields.putObject("properties"), product);
            fields.set("context", browserContext(person, productPage(product)));
            return event(fields, "track", "Product Viewed", person.userId(), person.anonymousId());
        }
        if (kind < 87) {
            Product product = pick(catalog);
            ObjectNode fields = common("track", person.userId(), person.anonymousId());
            fields.put("event", "Product Added");
            ObjectNode properties = fields.putObject("properties");
            productProperties(properties, product);
            properties.put("quantity", 1 + random.nextInt(2));
            properties.put("cart_id", "cart-" + person.anonymousId().substring(0, 8));
            fields.set("context", browserContext(person, productPage(product)));
            return event(fields, "track", "Product Added", person.userId(), person.anonymousId());
        }
        return orderCompleted(person);
    }

    /** Signed-in customers' orders are half the time reported by the shop's backend, with the user id only. */
    private SegmentEvent orderCompleted(Person person) {
        boolean fromBackend = person.userId() != null && random.nextBoolean();
        String anonymousId = fromBackend ? null : person.anonymousId();
        ObjectNode fields = common("track", person.userId(), anonymousId);
        fields.put("event", "Order Completed");
        ObjectNode properties = fields.putObject("properties");
        properties.put("order_id", String.format(Locale.ROOT, "ord-%08d", ++orders));
        ArrayNode products = JSON.createArrayNode();
        BigDecimal revenue = BigDecimal.ZERO;
        int lines = 1 + random.nextInt(3);
        for (int i = 0; i < lines; i++) {
            Product product = pick(catalog);
            int quantity = 1 + random.nextInt(2);
            products.addObject().put("product_id", product.id()).put("name", product.name())
                    .put("price", product.price()).put("quantity", quantity);
            revenue = revenue.add(product.price().multiply(BigDecimal.valueOf(quantity)));
        }
        BigDecimal shipping = revenue.compareTo(BigDecimal.valueOf(50)) >= 0 ? BigDecimal.ZERO : new BigDecimal("4.95");
        properties.put("revenue", revenue);
        properties.put("shipping", shipping);
        properties.put("total", revenue.add(shipping));
        properties.put("currency", "EUR");
        properties.set("products", products);
        if (fromBackend) {
            fields.putObject("context").putObject("library").put("name", SERVER_LIBRARY)
                    .put("version", SERVER_LIBRARY_VERSION);
        } else {
            fields.set("context", browserContext(person, new Page("Checkout", "/checkout/confirmation", "Thank you")));
        }
        return event(fields, "track", "Order Completed", person.userId(), anonymousId);
    }

    private SegmentEvent page(Person person, Page page) {
        ObjectNode fields = common("page", person.userId(), person.anonymousId());
        fields.put("name", page.name());
        String referrer = pick(REFERRERS);
        ObjectNode properties = fields.putObject("properties");
        properties.put("title", page.title());
        properties.put("url", SHOP + page.path());
        properties.put("referrer", referrer);
        ObjectNode context = browserContext(person, page);
        ((ObjectNode) context.get("page")).put("referrer", referrer);
        fields.set("context", context);
        return event(fields, "page", null, person.userId(), person.anonymousId());
    }

    private ObjectNode common(String type, @Nullable String userId, @Nullable String anonymousId) {
        ObjectNode fields = JSON.createObjectNode();
        fields.put("type", type);
        if (userId != null) {
            fields.put("userId", userId);
        }
        if (anonymousId != null) {
            fields.put("anonymousId", anonymousId);
        }
        fields.put("timestamp", clock.toString());
        return fields;
    }

    private ObjectNode browserContext(Person person, @Nullable Page page) {
        ObjectNode context = JSON.createObjectNode();
        context.put("ip", person.ip());
        context.put("userAgent", person.userAgent());
        context.put("locale", person.locale());
        if (page != null) {
            context.putObject("page").put("path", page.path()).put("url", SHOP + page.path());
        }
        context.putObject("library").put("name", BROWSER_LIBRARY).put("version", BROWSER_LIBRARY_VERSION);
        return context;
    }

    private void productProperties(ObjectNode properties, Product product) {
        properties.put("product_id", product.id());
        properties.put("sku", product.sku());
        properties.put("name", product.name());
        properties.put("category", product.category());
        properties.put("price", product.price());
        properties.put("currency", "EUR");
    }

    private SegmentEvent event(ObjectNode fields, String type, @Nullable String name, @Nullable String userId,
            @Nullable String anonymousId) {
        String json = JSON.writeValueAsString(fields);
        String otherFields = json.substring(1, json.length() - 1);
        return new SegmentEvent(uuid(), type, name, userId, anonymousId, clock, otherFields);
    }

    /** Skewed towards the first people of the population: a few are very active, most visit rarely. */
    private Person pickPerson() {
        double u = random.nextDouble();
        return population.get((int) (population.size() * u * u));
    }

    private Page pickPage() {
        int kind = random.nextInt(100);
        if (kind < 15) {
            return new Page("Home", "/", "Example Shop");
        }
        if (kind < 40) {
            String category = pick(CATEGORIES);
            return new Page("Category", "/c/" + category.toLowerCase(Locale.ROOT), category + " | Example Shop");
        }
        if (kind < 80) {
            return productPage(pick(catalog));
        }
        if (kind < 88) {
            return new Page("Cart", "/cart", "Your cart | Example Shop");
        }
        if (kind < 95) {
            String term = pick(SEARCH_TERMS);
            return new Page("Search", "/search?q=" + term.replace(' ', '+'), term + " | Example Shop");
        }
        return new Page("Checkout", "/checkout", "Checkout | Example Shop");
    }

    private static Page productPage(Product product) {
        return new Page("Product", "/p/" + product.sku().toLowerCase(Locale.ROOT), product.name() + " | Example Shop");
    }

    private Person person(int index) {
        String firstName = pick(FIRST_NAMES);
        String lastName = pick(LAST_NAMES);
        int account = random.nextInt(100);
        boolean signedIn = account < 35;
        boolean newsletterOnly = !signedIn && account < 50;
        String email = signedIn || newsletterOnly
                ? asciiLowerCase(firstName + "." + lastName) + index + "@" + pick(EMAIL_DOMAINS)
                : null;
        String userId = signedIn ? String.format(Locale.ROOT, "cust_%07d", index) : null;
        String ip = pick(IP_PREFIXES) + (1 + random.nextInt(254));
        return new Person(uuid(), userId, email, firstName, lastName, pick(PLANS), ip, pick(USER_AGENTS),
                pick(LOCALES));
    }

    private static List<Product> catalog(SplittableRandom random) {
        List<Product> products = new ArrayList<>();
        for (int i = 0; i < 240; i++) {
            String[] kind = KINDS[random.nextInt(KINDS.length)];
            String adjective = ADJECTIVES[random.nextInt(ADJECTIVES.length)];
            BigDecimal price = BigDecimal.valueOf(1_990 + random.nextInt(18_000), 2);
            products.add(new Product(String.format(Locale.ROOT, "prod-%04d", i),
                    String.format(Locale.ROOT, "SKU-%05d", 10_000 + i), adjective + " " + kind[0], kind[1], price));
        }
        return products;
    }

    /** A version 4 UUID drawn from the seeded random, so message ids are reproducible too. */
    private String uuid() {
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(high, low).toString();
    }

    private static String asciiLowerCase(String name) {
        return name.toLowerCase(Locale.ROOT).replace("ä", "ae").replace("ö", "oe").replace("ü", "ue")
                .replace("ß", "ss");
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private String pick(String[] values) {
        return values[random.nextInt(values.length)];
    }

    private record Person(String anonymousId, @Nullable String userId, @Nullable String email, String firstName,
            String lastName, String plan, String ip, String userAgent, String locale) {}

    private record Product(String id, String sku, String name, String category, BigDecimal price) {}

    private record Page(String name, String path, String title) {}
}
