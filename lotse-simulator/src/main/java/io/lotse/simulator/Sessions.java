package io.lotse.simulator;

import io.lotse.simulator.model.Channel;
import io.lotse.simulator.model.Consents;
import io.lotse.simulator.model.Customer;
import io.lotse.simulator.model.Device;
import io.lotse.simulator.model.DoubleOptIn;
import io.lotse.simulator.model.NextItemSample;
import io.lotse.simulator.model.OrderLine;
import io.lotse.simulator.model.Product;
import io.lotse.simulator.service.TypoInjector;
import io.lotse.simulator.stats.Distributions;
import io.lotse.simulator.stats.Seeds;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns visits into Segment messages: landing pages with UTM campaigns, product list views, searches, product
 * views driven by the choice model, carts, checkouts, logins that identify, orders; and the server-side messages
 * of email campaigns, consent and order changes.
 */
final class Sessions {

    static final String SHOP = "https://shop.lotse.example";
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final Channel[] REVISIT_CHANNELS = {Channel.DIRECT, Channel.ORGANIC, Channel.PAID_SEARCH,
        Channel.PAID_SOCIAL, Channel.AFFILIATE, Channel.DISPLAY};
    private static final double[] REVISIT_SHARES = {0.35, 0.30, 0.14, 0.09, 0.07, 0.05};
    private static final String[] AFFILIATES = {"gutscheinjagd", "cashback-club", "outdoor-blog", "preisradar"};

    /** Where buffered messages go, by their time. */
    interface Output {
        @Nullable DayBuffer buffer(long millis);
    }

    /** How a visit started: the channel attribution sees and its UTM parameters. */
    record Source(Channel channel, @Nullable ObjectNode campaign, String referrer) {
    }

    private final ShopCalendar calendar;
    private final Catalogue catalogue;
    private final ChoiceModel choice;
    private final ShopParameters parameters;
    private final long seed;
    private final Output output;

    Sessions(ShopCalendar calendar, Catalogue catalogue, ChoiceModel choice, ShopParameters parameters, long seed,
            Output output) {
        this.calendar = calendar;
        this.catalogue = catalogue;
        this.choice = choice;
        this.parameters = parameters;
        this.seed = seed;
        this.output = output;
    }

    /** One visit's running state; event times are offsets from the visit's anchor until it is committed. */
    private final class Visit {
        final Person person;
        final Device device;
        final int deviceIndex;
        final boolean app;
        final String language;
        final ObjectNode context;
        final long anchor;
        final List<Pending.Event> events = new ArrayList<>();
        final List<Pending.Sample> samples = new ArrayList<>();
        final List<long[]> cart = new ArrayList<>();
        @Nullable String userId;
        long offset;
        String referrer;
        @Nullable ObjectNode campaign;
        @Nullable ObjectNode page;
        final String cartId;

        Visit(Person person, int deviceIndex, long anchor, Source source) {
            this.person = person;
            this.deviceIndex = deviceIndex;
            this.device = person.customer.devices().get(deviceIndex);
            this.app = !"web".equals(device.platform());
            this.language = person.customer.language();
            this.anchor = anchor;
            if (person.identified[deviceIndex] && Distributions.chance(person.random, 0.06)) {
                person.identified[deviceIndex] = false;
            }
            this.userId = person.identified[deviceIndex] ? person.customer.userId() : null;
            this.context = context(person, device, anchor);
            this.referrer = source.referrer();
            this.campaign = source.campaign();
            this.cartId = Distributions.uuid(person.random).toString();
        }

        RandomGenerator random() {
            return person.random;
        }

        void advance(double medianSeconds) {
            double seconds = Distributions.logNormal(random(), Math.log(medianSeconds), 0.8);
            offset += (long) (Math.min(480, Math.max(1.5, seconds)) * 1000);
        }

        String prefix() {
            return "/" + language;
        }

        Pending.Event add(String type, String name, ObjectNode body, @Nullable ObjectNode page,
                @Nullable OrderDraft order) {
            Pending.Event event = new Pending.Event(offset, person.index(), person.sequence++, type, name,
                    Distributions.uuid(random()).toString(), userId, device.anonymousId(), body, context, page,
                    campaign, order);
            campaign = null;
            events.add(event);
            return event;
        }

        /** A page (web) or screen (app) view. */
        void page(String name, String path, String title) {
            String url = SHOP + path;
            String search = "";
            if (campaign != null) {
                search = "?utm_source=" + campaign.path("source").asString() + "&utm_medium="
                        + campaign.path("medium").asString() + "&utm_campaign=" + campaign.path("name").asString();
                url += search;
            }
            if (app) {
                ObjectNode body = JSON.objectNode();
                body.put("name", name);
                add("screen", name, body, null, null);
                return;
            }
            ObjectNode body = JSON.objectNode();
            body.put("path", path);
            body.put("url", url);
            body.put("title", title);
            body.put("referrer", referrer);
            body.put("search", search);
            ObjectNode pageContext = body.deepCopy();
            page = pageContext;
            add("page", name, body, pageContext, null);
            referrer = SHOP + path;
        }

        void track(String event, ObjectNode properties) {
            add("track", event, properties, app ? null : page, null);
        }

        void track(String event, ObjectNode properties, OrderDraft order) {
            add("track", event, properties, app ? null : page, order);
        }

        /** Commits the visit's events at {@code start} + offset; drops what falls outside the tracked window. */
        void commit(long start) {
            commit(offset -> start + offset);
        }

        /**
         * Commits the visit so that its last event happens at {@code end}. A visit that would begin before the
         * day of {@code end} (whose output has already been written) is squeezed into that day.
         */
        void commitEndingAt(long end) {
            long dayStart = calendar.dayStart(Math.max(0, calendar.dayIndex(end)));
            long length = offset;
            if (end - length >= dayStart || length == 0) {
                commit(at -> end - length + at);
            } else {
                double factor = (end - dayStart) / (double) length;
                commit(at -> dayStart + Math.round(at * factor));
            }
        }

        private void commit(java.util.function.LongUnaryOperator time) {
            for (Pending.Event event : events) {
                long millis = time.applyAsLong(event.millis());
                if (millis < calendar.startMillis || millis >= calendar.endMillis) {
                    continue;
                }
                DayBuffer buffer = output.buffer(millis);
                if (buffer != null) {
                    buffer.events.add(new Pending.Event(millis, event.person(), event.sequence(), event.type(),
                            event.name(), event.messageId(), event.userId(), event.anonymousId(), event.body(),
                            event.context(), event.page(), event.campaign(), event.order()));
                }
            }
            for (Pending.Sample sample : samples) {
                long millis = time.applyAsLong(sample.millis());
                if (millis < calendar.startMillis || millis >= calendar.endMillis) {
                    continue;
                }
                DayBuffer buffer = output.buffer(millis);
                if (buffer != null) {
                    NextItemSample s = sample.sample();
                    buffer.samples.add(new Pending.Sample(millis, sample.person(), sample.sequence(),
                            new NextItemSample(s.personId(), Instant.ofEpochMilli(millis), s.language(),
                                    s.afterMessageId(), s.nextMessageId(), s.focusCategory(), s.viewed(),
                                    s.distribution(), s.coveredMass(), s.actualNext())));
                }
            }
        }
    }

    // ---------------------------------------------------------------------------------------------- visits

    /** Anonymous research before the first order. */
    void research(Person person, long start) {
        Source source = Distributions.chance(person.random, 0.5)
                ? acquisitionSource(person, person.customer.acquisitionChannel())
                : revisitSource(person, Distributions.chance(person.random, 0.5) ? Channel.ORGANIC : Channel.DIRECT);
        Visit visit = new Visit(person, chooseDevice(person, false), start, source);
        visit.userId = null;
        browse(visit, 1 + Distributions.geometric(person.random, 3), 0.04, false, -1, false);
        visit.commit(start);
    }

    /** A browsing visit of an existing customer. */
    void browse(Person person, long start) {
        Channel channel = REVISIT_CHANNELS[Distributions.weighted(person.random, REVISIT_SHARES)];
        Visit visit = new Visit(person, chooseDevice(person, false), start, revisitSource(person, channel));
        int session = person.sessions++;
        boolean sampled = Seeds.sampled(seed, "next-item", (long) person.index() * 1_000_003L + session,
                parameters.nextItemSampleRate());
        browse(visit, 1 + Distributions.geometric(person.random, 3.5), 0.07, true, -1, sampled);
        visit.commit(start);
    }

    /** A visit from a click in a campaign email. */
    void emailClick(Person person, Person.ClickVisit click) {
        ObjectNode campaign = campaign("newsletter", "email", click.campaign(), null);
        Visit visit = new Visit(person, chooseDevice(person, true), click.millis(),
                new Source(Channel.EMAIL, campaign, ""));
        person.lastEmailClick = click.millis();
        person.lastEmailCampaign = click.campaign();
        person.sessions++;
        browse(visit, 1 + Distributions.geometric(person.random, 2.5), 0.08, true, click.focus(), false);
        visit.commit(click.millis());
    }

    /** The visit in which an order is placed; the order completes at {@code order.placedMillis}. */
    void purchase(Person person, OrderDraft order, Source source, boolean registration) {
        int device = chooseDevice(person, order.visitChannel == Channel.EMAIL);
        Visit visit = new Visit(person, device, order.placedMillis, source);
        person.sessions++;
        Customer customer = person.customer;
        int first = categoryOf(order.lines.get(0));
        landing(visit, first);
        int extra = Distributions.geometric(person.random, 1.5);
        int[] focus = {first};
        for (int i = 0; i < extra; i++) {
            visit.advance(35);
            int product = choice.chooseNext(person.random, focus, customer.traits().categoryPreferences(),
                    customer.traits().priceSensitivity(), order.placedMillis);
            productViewed(visit, product);
        }
        if (visit.userId == null && Distributions.chance(person.random, 0.3) && !registration) {
            visit.advance(20);
            login(visit, order.email);
        }
        for (OrderLine line : order.lines) {
            visit.advance(40);
            Product product = productById(line.productId());
            productViewed(visit, product.index());
            visit.advance(15);
            visit.track("Product Added", productProperties(product, visit, line.quantity(), visit.cartId));
            visit.cart.add(new long[] {product.index(), line.quantity()});
        }
        visit.advance(20);
        visit.page("Cart", visit.prefix() + ("de".equals(visit.language) ? "/warenkorb" : "/cart"),
                "de".equals(visit.language) ? "Warenkorb" : "Cart");
        visit.track("Cart Viewed", cartProperties(visit));
        visit.advance(15);
        visit.page("Checkout", visit.prefix() + ("de".equals(visit.language) ? "/kasse" : "/checkout"),
                "de".equals(visit.language) ? "Kasse" : "Checkout");
        ObjectNode checkout = JSON.objectNode();
        checkout.put("checkout_id", visit.cartId);
        checkout.put("value", order.subtotalCents / 100.0);
        checkout.put("currency", "EUR");
        checkout.set("products", orderProducts(order));
        visit.track("Checkout Started", checkout);
        if (registration) {
            visit.advance(45);
            register(visit, order);
        } else if (visit.userId == null) {
            visit.advance(25);
            login(visit, order.email);
        }
        visit.advance(60);
        ObjectNode completed = JSON.objectNode();
        completed.put("checkout_id", visit.cartId);
        completed.putNull("order_id");
        completed.put("affiliation", "Lotse Shop");
        completed.put("total", order.totalCents() / 100.0);
        completed.put("revenue", order.subtotalCents / 100.0);
        completed.put("shipping", order.shippingCents / 100.0);
        completed.put("tax", order.taxCents / 100.0);
        completed.put("currency", "EUR");
        completed.put("payment_method", order.paymentMethod);
        completed.set("products", orderProducts(order));
        visit.page("Order Confirmation", visit.prefix()
                + ("de".equals(visit.language) ? "/bestellung/bestaetigt" : "/order/confirmation"),
                "de".equals(visit.language) ? "Danke für deine Bestellung" : "Thank you for your order");
        visit.track("Order Completed", completed, order);
        visit.commitEndingAt(order.placedMillis);
    }

    private int categoryOf(OrderLine line) {
        for (int c = 0; c < catalogue.categories.size(); c++) {
            if (catalogue.categories.get(c).id().equals(line.categoryId())) {
                return c;
            }
        }
        return 0;
    }

    private Product productById(String id) {
        return catalogue.products.get(Integer.parseInt(id.substring(4)) - 10001);
    }

    /** Landing page and product views of a browsing visit, with optional login, cart and next-item sample. */
    private void browse(Visit visit, int views, double addProbability, boolean mayLogin, int focusHint,
            boolean sampled) {
        Person person = visit.person;
        Customer customer = person.customer;
        double[] preferences = customer.traits().categoryPreferences();
        double sensitivity = customer.traits().priceSensitivity();
        int[] focus = {focusHint >= 0 ? focusHint : choice.chooseCategory(person.random, preferences, visit.anchor)};
        landing(visit, focus[0]);
        int loginAt = mayLogin && visit.userId == null && Distributions.chance(person.random, 0.25)
                ? Distributions.index(person.random, views) : -1;
        int sampleAt = sampled && views >= 2 ? Distributions.index(person.random, views - 1) : -1;
        List<String> viewed = new ArrayList<>();
        Pending.Event previous = null;
        double[] distribution = null;
        int distributionFocus = -1;
        for (int i = 0; i < views; i++) {
            visit.advance(35);
            if (i == loginAt) {
                login(visit, null);
                visit.advance(10);
            }
            if (Distributions.chance(person.random, 0.12)) {
                search(visit, focus[0]);
                visit.advance(15);
            }
            int before = focus[0];
            if (i - 1 == sampleAt && previous != null) {
                distribution = choice.nextDistribution(focus[0], preferences, sensitivity, visit.anchor);
                distributionFocus = focus[0];
            }
            int product = choice.chooseNext(person.random, focus, preferences, sensitivity, visit.anchor);
            if (focus[0] != before && Distributions.chance(person.random, 0.5)) {
                categoryPage(visit, focus[0]);
                visit.advance(20);
            }
            Pending.Event view = productViewed(visit, product);
            if (distribution != null && previous != null) {
                visit.samples.add(new Pending.Sample(previous.millis(), person.index(), previous.sequence(),
                        new NextItemSample(customer.personId(), Instant.EPOCH, visit.language, previous.messageId(),
                                view.messageId(), catalogue.categories.get(distributionFocus).id(),
                                List.copyOf(viewed), choice.top(distribution, 20), covered(distribution, 20),
                                catalogue.products.get(product).id())));
                distribution = null;
            }
            viewed.add(catalogue.products.get(product).id());
            previous = view;
            if (Distributions.chance(person.random, addProbability)) {
                visit.advance(10);
                Product added = catalogue.products.get(product);
                visit.track("Product Added", productProperties(added, visit, 1, visit.cartId));
                visit.cart.add(new long[] {product, 1});
            }
        }
        if (!visit.cart.isEmpty() && Distributions.chance(person.random, 0.5)) {
            visit.advance(20);
            visit.page("Cart", visit.prefix() + ("de".equals(visit.language) ? "/warenkorb" : "/cart"),
                    "de".equals(visit.language) ? "Warenkorb" : "Cart");
            visit.track("Cart Viewed", cartProperties(visit));
            if (Distributions.chance(person.random, 0.35)) {
                visit.advance(20);
                ObjectNode checkout = JSON.objectNode();
                checkout.put("checkout_id", visit.cartId);
                checkout.put("value", cartValue(visit) / 100.0);
                checkout.put("currency", "EUR");
                checkout.set("products", cartProducts(visit));
                visit.track("Checkout Started", checkout);
            }
        }
    }

    private double covered(double[] distribution, int limit) {
        double total = 0;
        for (var item : choice.top(distribution, limit)) {
            total += item.probability();
        }
        return Math.round(total * 1e6) / 1e6;
    }

    private void landing(Visit visit, int focus) {
        ObjectNode campaign = visit.campaign;
        RandomGenerator random = visit.random();
        if (campaign != null && "cpc".equals(campaign.path("medium").asString())) {
            search(visit, focus);
            return;
        }
        double home = campaign == null && visit.referrer.isEmpty() ? 0.6 : 0.15;
        if (Distributions.chance(random, home)) {
            visit.page("Home", visit.prefix(), "de".equals(visit.language) ? "Lotse Shop – Ausrüstung für draußen und zu Hause"
                    : "Lotse Shop – gear for outdoors and home");
        } else {
            categoryPage(visit, focus);
        }
    }

    private void categoryPage(Visit visit, int category) {
        var definition = catalogue.categories.get(category);
        String name = definition.name(visit.language);
        visit.page("Category", visit.prefix() + "/c/" + definition.id(), name + " | Lotse Shop");
        ObjectNode list = JSON.objectNode();
        list.put("list_id", definition.id());
        list.put("category", name);
        visit.track("Product List Viewed", list);
    }

    private void search(Visit visit, int category) {
        RandomGenerator random = visit.random();
        List<String> nouns = CatalogueWords.CATEGORIES.get(category).nouns();
        String noun = nouns.get(Distributions.index(random, nouns.size()));
        String word = "de".equals(visit.language) ? CatalogueWords.german(noun) : CatalogueWords.english(noun);
        String query = word.toLowerCase(Locale.ROOT);
        if (Distributions.chance(random, 0.25)) {
            String colour = CatalogueWords.COLOURS.get(Distributions.index(random, CatalogueWords.COLOURS.size()));
            query += " " + ("de".equals(visit.language) ? CatalogueWords.german(colour).toLowerCase(Locale.ROOT)
                    : CatalogueWords.english(colour));
        }
        query = TypoInjector.inject(query, visit.language, 0.1, false, random).text();
        if (visit.campaign != null && "cpc".equals(visit.campaign.path("medium").asString())) {
            visit.campaign.put("term", query);
        }
        String path = visit.prefix() + ("de".equals(visit.language) ? "/suche?q=" : "/search?q=")
                + query.replace(' ', '+');
        visit.page("Search", path, ("de".equals(visit.language) ? "Suche: " : "Search: ") + query);
        ObjectNode searched = JSON.objectNode();
        searched.put("query", query);
        visit.track("Products Searched", searched);
    }

    private Pending.Event productViewed(Visit visit, int productIndex) {
        Product product = catalogue.products.get(productIndex);
        String path = catalogue.path(productIndex, visit.language);
        if (visit.app) {
            ObjectNode screen = JSON.objectNode();
            screen.put("name", "Product");
            visit.add("screen", "Product", screen, null, null);
        } else {
            ObjectNode page = JSON.objectNode();
            page.put("path", path);
            page.put("url", SHOP + path);
            page.put("title", product.name(visit.language) + " | Lotse Shop");
            page.put("referrer", visit.referrer);
            page.put("search", "");
            visit.page = page;
            visit.referrer = SHOP + path;
        }
        return visit.add("track", "Product Viewed", productProperties(product, visit, 0, null),
                visit.app ? null : visit.page, null);
    }

    private ObjectNode productProperties(Product product, Visit visit, int quantity, @Nullable String cartId) {
        ObjectNode properties = JSON.objectNode();
        if (cartId != null) {
            properties.put("cart_id", cartId);
        }
        properties.put("product_id", product.id());
        properties.put("sku", product.id());
        properties.put("category", product.category().name(visit.language));
        properties.put("name", product.name(visit.language));
        properties.put("brand", product.brand());
        properties.put("variant", "de".equals(visit.language) ? product.colourDe() : product.colourEn());
        properties.put("price", product.price());
        if (quantity > 0) {
            properties.put("quantity", quantity);
        }
        properties.put("currency", "EUR");
        properties.put("url", SHOP + catalogue.path(product.index(), visit.language));
        return properties;
    }

    private ObjectNode cartProperties(Visit visit) {
        ObjectNode properties = JSON.objectNode();
        properties.put("cart_id", visit.cartId);
        properties.set("products", cartProducts(visit));
        return properties;
    }

    private ArrayNode cartProducts(Visit visit) {
        ArrayNode products = JSON.arrayNode();
        for (long[] item : visit.cart) {
            Product product = catalogue.products.get((int) item[0]);
            ObjectNode line = products.addObject();
            line.put("product_id", product.id());
            line.put("name", product.name(visit.language));
            line.put("price", product.price());
            line.put("quantity", item[1]);
        }
        return products;
    }

    private long cartValue(Visit visit) {
        long total = 0;
        for (long[] item : visit.cart) {
            total += catalogue.products.get((int) item[0]).priceCents() * item[1];
        }
        return total;
    }

    private ArrayNode orderProducts(OrderDraft order) {
        ArrayNode products = JSON.arrayNode();
        int position = 1;
        for (OrderLine line : order.lines) {
            Product product = productById(line.productId());
            ObjectNode item = products.addObject();
            item.put("product_id", line.productId());
            item.put("sku", line.productId());
            item.put("name", line.name());
            item.put("category", product.category().name(order.language));
            item.put("brand", product.brand());
            item.put("price", line.unitPriceCents() / 100.0);
            item.put("quantity", line.quantity());
            item.put("position", position++);
        }
        return products;
    }

    /** A login on this device: {@code Signed In} and an identify with user id and email. */
    private void login(Visit visit, @Nullable String email) {
        Person person = visit.person;
        Customer customer = person.customer;
        visit.userId = customer.userId();
        person.identified[visit.deviceIndex] = true;
        ObjectNode signedIn = JSON.objectNode();
        signedIn.put("method", "password");
        visit.track("Signed In", signedIn);
        ObjectNode traits = JSON.objectNode();
        traits.put("email", typedEmail(person, email != null ? email : usedEmail(person)));
        traits.put("firstName", customer.firstName());
        traits.put("lastName", customer.lastName());
        traits.put("language", customer.language());
        visit.add("identify", "", traits, null, null);
    }

    /** The registration at the first order: {@code Signed Up}, the full identify and the newsletter request. */
    private void register(Visit visit, OrderDraft order) {
        Person person = visit.person;
        Customer customer = person.customer;
        visit.userId = customer.userId();
        person.identified[visit.deviceIndex] = true;
        ObjectNode signedUp = JSON.objectNode();
        signedUp.put("method", "email");
        visit.track("Signed Up", signedUp);
        ObjectNode traits = JSON.objectNode();
        traits.put("email", typedEmail(person, order.email));
        traits.put("firstName", customer.firstName());
        traits.put("lastName", customer.lastName());
        if (customer.phone() != null) {
            traits.put("phone", customer.phone());
        }
        traits.put("language", customer.language());
        ObjectNode address = traits.putObject("address");
        address.put("country", customer.country());
        address.put("state", customer.regionName());
        traits.put("createdAt", ISO.format(customer.acquiredAt()));
        visit.add("identify", "", traits, null, null);
        if (customer.consents().email().doubleOptIn() != DoubleOptIn.NONE) {
            visit.advance(8);
            ObjectNode subscribed = JSON.objectNode();
            subscribed.put("list", "newsletter");
            subscribed.put("double_opt_in", "requested");
            visit.track("Newsletter Subscribed", subscribed);
        }
    }

    /** The email a person types this time: usually the primary, sometimes the second, rarely with stray case. */
    String usedEmail(Person person) {
        Customer customer = person.customer;
        if (customer.secondEmail() != null && Distributions.chance(person.random, 0.35)) {
            return customer.secondEmail();
        }
        return customer.email();
    }

    private static String typedEmail(Person person, String email) {
        double u = Distributions.uniform(person.random);
        if (u < 0.04) {
            int at = email.indexOf('@');
            return Character.toUpperCase(email.charAt(0)) + email.substring(1, at + 1)
                    + Character.toUpperCase(email.charAt(at + 1)) + email.substring(at + 2);
        }
        if (u < 0.05) {
            return " " + email + " ";
        }
        return email;
    }

    // ------------------------------------------------------------------------------------ server messages

    /** Email Delivered, possibly Opened and Link Clicked; a click schedules a visit. */
    void emailCampaign(Person person, MarketingPlan.EmailCampaign campaign) {
        Customer customer = person.customer;
        long delivered = campaign.sendMillis() + (long) (Distributions.uniform(person.random) * 20 * 60_000);
        ObjectNode base = emailProperties(campaign, customer.language());
        server(person, delivered, "Email Delivered", base.deepCopy(), null);
        double open = Math.min(0.95, customer.traits().emailOpenProbability() * campaign.appeal());
        if (!Distributions.chance(person.random, open)) {
            return;
        }
        long opened = delivered + (long) (Math.min(96, Distributions.logNormal(person.random, Math.log(2), 1.2))
                * ShopCalendar.HOUR);
        server(person, opened, "Email Opened", base.deepCopy(), null);
        if (!Distributions.chance(person.random, customer.traits().emailClickProbability())) {
            return;
        }
        long clicked = opened + 5_000 + (long) (Distributions.uniform(person.random) * 115_000);
        ObjectNode properties = base.deepCopy();
        String path = "/" + customer.language() + "/c/" + catalogue.categories.get(campaign.focusCategory()).id();
        properties.put("link_url", SHOP + path + "?utm_source=newsletter&utm_medium=email&utm_campaign="
                + campaign.id());
        server(person, clicked, "Email Link Clicked", properties, null);
        if (clicked < calendar.endMillis) {
            person.addClick(new Person.ClickVisit(clicked + 2_000, campaign.id(), campaign.focusCategory()));
        }
    }

    private ObjectNode emailProperties(MarketingPlan.EmailCampaign campaign, String language) {
        ObjectNode properties = JSON.objectNode();
        properties.put("email_id", campaign.id() + "-" + language);
        properties.put("email_subject", "de".equals(language) ? campaign.subjectDe() : campaign.subjectEn());
        properties.put("campaign_id", campaign.id());
        properties.put("campaign_name", "de".equals(language) ? campaign.nameDe() : campaign.nameEn());
        return properties;
    }

    void newsletterConfirmed(Person person, long millis) {
        ObjectNode properties = JSON.objectNode();
        properties.put("list", "newsletter");
        properties.put("double_opt_in", "confirmed");
        server(person, millis, "Newsletter Confirmed", properties, null);
    }

    void unsubscribed(Person person, long millis) {
        ObjectNode properties = JSON.objectNode();
        properties.put("list", "newsletter");
        server(person, millis, "Unsubscribed", properties, null);
    }

    void orderCancelled(Person person, OrderDraft order) {
        ObjectNode properties = JSON.objectNode();
        properties.putNull("order_id");
        properties.put("total", order.totalCents() / 100.0);
        properties.put("currency", "EUR");
        properties.put("reason", "customer_request");
        server(person, order.statusChangedMillis, "Order Cancelled", properties, order);
    }

    void orderRefunded(Person person, OrderDraft order) {
        ObjectNode properties = JSON.objectNode();
        properties.putNull("order_id");
        properties.put("total", order.subtotalCents / 100.0);
        properties.put("currency", "EUR");
        properties.set("products", orderProducts(order));
        server(person, order.statusChangedMillis, "Order Refunded", properties, order);
    }

    /** A message from the shop backend (analytics-java): user id only, consent state in the context. */
    private void server(Person person, long millis, String event, ObjectNode properties, @Nullable OrderDraft order) {
        String messageId = Distributions.uuid(person.random).toString();
        int sequence = person.sequence++;
        if (millis < calendar.startMillis || millis >= calendar.endMillis) {
            return;
        }
        DayBuffer buffer = output.buffer(millis);
        if (buffer == null) {
            return;
        }
        ObjectNode context = JSON.objectNode();
        ObjectNode library = context.putObject("library");
        library.put("name", "analytics-java");
        library.put("version", "3.5.4");
        context.putObject("traits").put("email", person.customer.email());
        context.set("consent", consent(person.customer.consents(), millis));
        buffer.events.add(new Pending.Event(millis, person.index(), sequence, "track", event, messageId,
                person.customer.userId(), null, properties, context, null, null, order));
    }

    // ------------------------------------------------------------------------------------------- sources

    /** How the visit that made someone a customer arrived (TV shows up as direct or organic). */
    Source acquisitionSource(Person person, Channel channel) {
        RandomGenerator random = person.random;
        LocalDate date = Instant.ofEpochMilli(person.acquiredMillis).atZone(ShopCalendar.ZONE).toLocalDate();
        return switch (channel) {
            case PAID_SEARCH -> new Source(channel, campaign(Distributions.chance(random, 0.85) ? "google" : "bing",
                    "cpc", "search-generic", null), "https://www.google.com/");
            case PAID_SOCIAL -> {
                String network = socialNetwork(random);
                yield new Source(channel, campaign(network, "paid_social", "social-prospecting", null),
                        "https://www." + network + ".com/");
            }
            case DISPLAY -> new Source(channel, campaign(Distributions.chance(random, 0.5) ? "dv360" : "gdn",
                    "display", "display-prospecting", null), "https://www.wetterbericht.example/");
            case VIDEO -> new Source(channel, campaign("youtube", "video",
                    "video-brand-q" + ((date.getMonthValue() - 1) / 3 + 1), null), "https://www.youtube.com/");
            case AFFILIATE -> {
                String partner = AFFILIATES[Distributions.index(random, AFFILIATES.length)];
                yield new Source(channel, campaign(partner, "affiliate", "affiliate-" + partner, null),
                        "https://" + partner + ".example/");
            }
            case EMAIL -> new Source(channel, campaign("partner-newsletter", "email",
                    String.format("list-partner-%d-%02d", date.getYear(), date.getMonthValue()), null), "");
            case TV -> Distributions.chance(random, 0.6) ? new Source(Channel.DIRECT, null, "")
                    : new Source(Channel.ORGANIC, null, "https://www.google.com/");
            case ORGANIC -> new Source(channel, null, Distributions.chance(random, 0.85) ? "https://www.google.com/"
                    : "https://www.bing.com/");
            case DIRECT -> new Source(channel, null, "");
        };
    }

    /** How a returning customer arrives: brand search, retargeting, vouchers, or no paid channel at all. */
    Source revisitSource(Person person, Channel channel) {
        RandomGenerator random = person.random;
        return switch (channel) {
            case PAID_SEARCH -> new Source(channel, campaign("google", "cpc", "search-brand", "lotse shop"),
                    "https://www.google.com/");
            case PAID_SOCIAL -> {
                String network = socialNetwork(random);
                yield new Source(channel, campaign(network, "paid_social", "social-retargeting", null),
                        "https://www." + network + ".com/");
            }
            case DISPLAY -> new Source(channel, campaign("dv360", "display", "display-retargeting", null),
                    "https://www.nachrichten.example/");
            case AFFILIATE -> {
                String partner = AFFILIATES[Distributions.index(random, 2)];
                yield new Source(channel, campaign(partner, "affiliate", "affiliate-" + partner, null),
                        "https://" + partner + ".example/");
            }
            case ORGANIC -> new Source(channel, null, "https://www.google.com/");
            default -> new Source(Channel.DIRECT, null, "");
        };
    }

    /** The visit source of a repeat purchase: email if an email was clicked in the last 72 hours. */
    Source repeatSource(Person person, long millis) {
        if (person.lastEmailClick != Long.MIN_VALUE && millis - person.lastEmailClick < 72 * ShopCalendar.HOUR) {
            return new Source(Channel.EMAIL, campaign("newsletter", "email", person.lastEmailCampaign, null), "");
        }
        return revisitSource(person, REVISIT_CHANNELS[Distributions.weighted(person.random, REVISIT_SHARES)]);
    }

    private static String socialNetwork(RandomGenerator random) {
        double u = Distributions.uniform(random);
        return u < 0.45 ? "facebook" : u < 0.85 ? "instagram" : "tiktok";
    }

    private static ObjectNode campaign(String source, String medium, String name, @Nullable String term) {
        ObjectNode campaign = JSON.objectNode();
        campaign.put("name", name);
        campaign.put("source", source);
        campaign.put("medium", medium);
        if (term != null) {
            campaign.put("term", term);
        }
        return campaign;
    }

    // ------------------------------------------------------------------------------------------- context

    private int chooseDevice(Person person, boolean preferMobile) {
        List<Device> devices = person.customer.devices();
        if (preferMobile && Distributions.chance(person.random, 0.7)) {
            for (int i = 0; i < devices.size(); i++) {
                if ("mobile".equals(devices.get(i).type())) {
                    return i;
                }
            }
        }
        double[] weights = {0.6, 0.3, 0.1};
        return Distributions.weighted(person.random, java.util.Arrays.copyOf(weights, devices.size()));
    }

    private ObjectNode context(Person person, Device device, long millis) {
        Customer customer = person.customer;
        ObjectNode context = JSON.objectNode();
        ObjectNode library = context.putObject("library");
        boolean app = !"web".equals(device.platform());
        if (app) {
            library.put("name", "ios".equals(device.platform()) ? "analytics-ios" : "analytics-android");
            library.put("version", "ios".equals(device.platform()) ? "4.1.8" : "4.11.3");
            ObjectNode application = context.putObject("app");
            application.put("name", "Lotse Shop");
            application.put("version", "4.12.0");
            application.put("build", "412");
            context.putObject("os").put("name", device.os());
        } else {
            library.put("name", "analytics.js");
            library.put("version", "next-1.72.0");
        }
        context.put("userAgent", device.userAgent());
        context.put("locale", PeopleWords.locale(customer.country(), customer.language()));
        context.put("timezone", timezone(customer.country()));
        context.put("ip", ip(device));
        ObjectNode deviceNode = context.putObject("device");
        deviceNode.put("id", device.deviceId());
        deviceNode.put("type", app ? device.platform() : device.type());
        context.set("consent", consent(customer.consents(), millis));
        return context;
    }

    private static ObjectNode consent(Consents consents, long millis) {
        Instant at = Instant.ofEpochMilli(millis);
        ObjectNode consent = JSON.objectNode();
        ObjectNode preferences = consent.putObject("categoryPreferences");
        preferences.put("email", consents.email().grantedAt(at));
        preferences.put("personalisation", consents.personalisation().granted());
        preferences.put("analytics", consents.analytics().granted());
        preferences.put("advertising", consents.advertising().granted());
        return consent;
    }

    private static String timezone(String country) {
        return switch (country) {
            case "AT" -> "Europe/Vienna";
            case "NL" -> "Europe/Amsterdam";
            case "FR" -> "Europe/Paris";
            case "IE" -> "Europe/Dublin";
            case "IT" -> "Europe/Rome";
            case "ES" -> "Europe/Madrid";
            case "BE" -> "Europe/Brussels";
            case "LU" -> "Europe/Luxembourg";
            default -> "Europe/Berlin";
        };
    }

    /** An address from the documentation ranges (RFC 5737), stable per device. */
    private static String ip(Device device) {
        long hash = Seeds.salt(device.deviceId());
        String[] prefixes = {"192.0.2.", "198.51.100.", "203.0.113."};
        return prefixes[(int) Math.floorMod(hash, 3L)] + (1 + Math.floorMod(hash >>> 8, 254L));
    }

    /** A URL path segment: lower case ASCII words joined by hyphens. */
    static String slug(String name) {
        StringBuilder slug = new StringBuilder();
        for (String word : name.split("[^\\p{L}\\p{N}]+")) {
            String ascii = PeopleWords.ascii(word);
            if (!ascii.isEmpty()) {
                if (slug.length() > 0) {
                    slug.append('-');
                }
                slug.append(ascii);
            }
        }
        return slug.toString();
    }

    static String iso(long millis) {
        return ISO.format(Instant.ofEpochMilli(millis));
    }
}
