package io.lotse.simulator;

import io.lotse.simulator.model.AgeBand;
import io.lotse.simulator.model.Channel;
import io.lotse.simulator.model.Consents;
import io.lotse.simulator.model.Customer;
import io.lotse.simulator.model.Device;
import io.lotse.simulator.model.DoubleOptIn;
import io.lotse.simulator.model.EmailConsent;
import io.lotse.simulator.model.Gender;
import io.lotse.simulator.model.LatentTraits;
import io.lotse.simulator.model.PurchaseHistory;
import io.lotse.simulator.model.PurposeConsent;
import io.lotse.simulator.stats.BgNbd;
import io.lotse.simulator.stats.Distributions;
import io.lotse.simulator.stats.GammaGamma;
import io.lotse.simulator.stats.Seeds;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * Creates customer k from three streams of its own (profile, purchases, activity), so that customer k is the
 * same person whatever the number of customers. Behaviour traits are drawn independently of gender and age.
 */
final class PeopleFactory {

    private static final double[] COUNTRY_SHARES = PeopleWords.COUNTRIES.stream()
            .mapToDouble(PeopleWords.Country::share).toArray();
    private static final double[] STATE_SHARES = PeopleWords.STATES.stream()
            .mapToDouble(PeopleWords.State::share).toArray();
    private static final double[] AGE_SHARES = {0.12, 0.22, 0.21, 0.19, 0.15, 0.11};
    private static final double[] GENDER_SHARES = {0.49, 0.49, 0.01, 0.01};
    /** Concentration of the Dirichlet preferences: small values give a few favourite categories each. */
    private static final double PREFERENCE_CONCENTRATION = 5;
    static final double BASE_BROWSE_PER_WEEK = 0.04;
    static final double LAPSED_BROWSE_PER_WEEK = 0.03;
    static final double SERVICE_PER_WEEK = 0.01;

    private final long seed;
    private final ShopCalendar calendar;
    private final MarketingPlan plan;
    private final double[] preferenceAlpha;
    private final ShopParameters parameters;

    PeopleFactory(long seed, ShopCalendar calendar, MarketingPlan plan, Catalogue catalogue,
            ShopParameters parameters) {
        this.seed = seed;
        this.calendar = calendar;
        this.plan = plan;
        this.parameters = parameters;
        this.preferenceAlpha = new double[catalogue.categoryWeights.length];
        for (int c = 0; c < preferenceAlpha.length; c++) {
            preferenceAlpha[c] = PREFERENCE_CONCENTRATION * catalogue.categoryWeights[c];
        }
    }

    Person create(int k) {
        SplittableRandom profile = Seeds.stream(seed, "customer.profile", k);
        SplittableRandom purchases = Seeds.stream(seed, "customer.purchases", k);
        SplittableRandom activity = Seeds.stream(seed, "customer.activity", k);

        int cell = plan.drawCell(profile);
        Channel channel = MarketingPlan.channel(cell);
        long acquired = plan.timeInWeek(profile, MarketingPlan.week(cell));

        PeopleWords.Country country = PeopleWords.COUNTRIES.get(Distributions.weighted(profile, COUNTRY_SHARES));
        String region;
        String regionName;
        if ("DE".equals(country.code())) {
            PeopleWords.State state = PeopleWords.STATES.get(Distributions.weighted(profile, STATE_SHARES));
            region = state.code();
            regionName = state.name();
        } else {
            region = country.code();
            regionName = PeopleWords.COUNTRY_NAMES.get(country.code());
        }
        String language = Distributions.chance(profile, country.germanShare()) ? "de" : "en";
        Gender gender = Gender.values()[Distributions.weighted(profile, GENDER_SHARES)];
        AgeBand ageBand = AgeBand.values()[Distributions.weighted(profile, AGE_SHARES)];
        int age = ageBand.youngest() + Distributions.index(profile, ageBand.oldest() - ageBand.youngest() + 1);
        LocalDate birth = calendar.start.minusYears(age).minusDays(Distributions.index(profile, 365));
        boolean female = gender == Gender.FEMALE
                || (gender != Gender.MALE && Distributions.chance(profile, 0.5));
        List<String> firstNames = female ? country.female() : country.male();
        String firstName = firstNames.get(Distributions.index(profile, firstNames.size()));
        String lastName = country.last().get(Distributions.index(profile, country.last().size()));

        List<String> primaryDomains = "de".equals(language) ? PeopleWords.PRIMARY_DOMAINS_DE
                : PeopleWords.PRIMARY_DOMAINS_EN;
        String email = localPart(profile, firstName, lastName) + (k + 1) + "@"
                + primaryDomains.get(Distributions.index(profile, primaryDomains.size()));
        String secondEmail = null;
        if (Distributions.chance(profile, parameters.secondEmailShare())) {
            secondEmail = localPart(profile, firstName, lastName) + (k + 1) + "@"
                    + PeopleWords.SECOND_DOMAINS.get(Distributions.index(profile, PeopleWords.SECOND_DOMAINS.size()));
        }
        String phone = null;
        if (("DE".equals(country.code()) || "AT".equals(country.code())) && Distributions.chance(profile, 0.7)) {
            phone = phone(country.code(), k);
        }
        List<Device> devices = devices(profile);

        int researchCount = Math.min(4, Distributions.poisson(profile, 1.3));
        long[] research = new long[researchCount];
        for (int i = 0; i < researchCount; i++) {
            double days = Math.min(14, Distributions.exponential(profile, 1 / 3.0));
            research[i] = acquired - Math.max(60_000L, (long) (days * ShopCalendar.DAY));
        }
        Arrays.sort(research);
        Instant firstVisit = Instant.ofEpochMilli(researchCount > 0 ? research[0] : acquired - 600_000L);

        double attitude = Distributions.uniform(profile);
        PurposeConsent analytics = new PurposeConsent(
                attitude + 0.2 * (Distributions.uniform(profile) - 0.5) < 0.75, firstVisit);
        PurposeConsent personalisation = new PurposeConsent(
                attitude + 0.2 * (Distributions.uniform(profile) - 0.5) < 0.6, firstVisit);
        PurposeConsent advertising = new PurposeConsent(
                attitude + 0.2 * (Distributions.uniform(profile) - 0.5) < 0.45, firstVisit);
        EmailConsent emailConsent = emailConsent(profile, channel, acquired);

        double[] preferences = Distributions.dirichlet(profile, preferenceAlpha);
        double priceSensitivity = Distributions.gamma(profile, 4, 4);
        double open = Distributions.beta(profile, 2, 4.5);
        double click = Distributions.beta(profile, 1.5, 7);
        BgNbd bgNbd = parameters.repeatPurchases();
        double lambda = Distributions.gamma(profile, bgNbd.r(), bgNbd.alpha());
        double dropout = Distributions.beta(profile, bgNbd.a(), bgNbd.b());
        GammaGamma gammaGamma = parameters.orderValues();
        double nu = Distributions.gamma(profile, gammaGamma.q(), gammaGamma.gamma());
        double browsing = Distributions.gamma(profile, 3, 1);
        double service = Distributions.gamma(profile, 1.5, 1.5);
        double typoRate = Distributions.beta(profile, 1.2, 25);
        LatentTraits traits = new LatentTraits(preferences, priceSensitivity, open, click, lambda, dropout, nu,
                gammaGamma.meanOrderValue(nu), browsing, service, typoRate);

        PurchaseHistory history = purchases(purchases, acquired, lambda, dropout);

        Customer customer = new Customer(k, String.format("P%07d", k + 1), userId(k), firstName, lastName, gender,
                ageBand, birth, country.code(), region, regionName, language, email, secondEmail, phone,
                Instant.ofEpochMilli(acquired), channel, devices,
                new Consents(emailConsent, personalisation, analytics, advertising), traits, history);
        // Research before tracking began leaves no trace.
        long[] trackedResearch = Arrays.stream(research).filter(time -> time >= calendar.startMillis).toArray();
        Person person = new Person(customer, activity, trackedResearch);
        if (acquired < calendar.startMillis) {
            startWindowActivity(person, calendar.startMillis);
        }
        if (emailConsent.confirmedAt() != null && inWindow(emailConsent.confirmedAt().toEpochMilli())) {
            person.confirmAt = emailConsent.confirmedAt().toEpochMilli();
        }
        if (emailConsent.withdrawnAt() != null && inWindow(emailConsent.withdrawnAt().toEpochMilli())) {
            person.unsubscribeAt = emailConsent.withdrawnAt().toEpochMilli();
        }
        return person;
    }

    private boolean inWindow(long millis) {
        return millis >= calendar.startMillis && millis < calendar.endMillis;
    }

    /** Schedules the first browsing session and service contact after {@code from} (acquisition or tracking start). */
    void startWindowActivity(Person person, long from) {
        person.nextBrowse = nextBrowse(person, from);
        person.nextService = calendar.fromShopHours(calendar.shopHours(from)
                + Distributions.exponential(person.random, serviceRatePerHour(person)));
    }

    long nextBrowse(Person person, long from) {
        double rate = browseRatePerHour(person, from);
        return calendar.fromShopHours(calendar.shopHours(from) + Distributions.exponential(person.random, rate));
    }

    static double browseRatePerHour(Person person, long millis) {
        LatentTraits traits = person.customer.traits();
        double perWeek = person.alive(millis)
                ? traits.transactionRate() * traits.browsingPerPurchase() + BASE_BROWSE_PER_WEEK
                : LAPSED_BROWSE_PER_WEEK;
        return perWeek / 168;
    }

    static double serviceRatePerHour(Person person) {
        return SERVICE_PER_WEEK * person.customer.traits().serviceContactRate() / 168;
    }

    /** Repeat purchases on the shop clock: Poisson(λ) while alive, dropout with probability p after each. */
    private PurchaseHistory purchases(RandomGenerator random, long acquired, double lambdaPerWeek, double dropout) {
        double rate = lambdaPerWeek / 168;
        double clock = calendar.shopHours(acquired);
        List<Long> times = new ArrayList<>();
        Instant droppedOut = null;
        int beforeStart = 0;
        while (true) {
            clock += Distributions.exponential(random, rate);
            long time = calendar.fromShopHours(clock);
            if (time == Long.MAX_VALUE || time >= calendar.endMillis) {
                break;
            }
            times.add(time);
            if (time < calendar.startMillis) {
                beforeStart++;
            }
            if (Distributions.chance(random, dropout)) {
                droppedOut = Instant.ofEpochMilli(time);
                break;
            }
        }
        long[] millis = times.stream().mapToLong(Long::longValue).toArray();
        return new PurchaseHistory(millis, droppedOut, beforeStart);
    }

    private EmailConsent emailConsent(RandomGenerator random, Channel channel, long acquired) {
        double ask = channel == Channel.EMAIL ? 0.85 : 0.5;
        if (!Distributions.chance(random, ask)) {
            return new EmailConsent(DoubleOptIn.NONE, null, null, null);
        }
        long requested = acquired - 60_000L - (long) (Distributions.uniform(random) * 60_000L);
        if (!Distributions.chance(random, 0.82)) {
            return new EmailConsent(DoubleOptIn.REQUESTED, Instant.ofEpochMilli(requested), null, null);
        }
        long confirmed = requested + 30_000L
                + (long) (Distributions.logNormal(random, Math.log(20), 1.5) * 60_000L);
        Instant withdrawn = null;
        long unsubscribe = confirmed + (long) (Distributions.exponential(random, 1 / 80.0) * ShopCalendar.WEEK);
        if (unsubscribe < calendar.endMillis) {
            withdrawn = Instant.ofEpochMilli(unsubscribe);
        }
        if (confirmed >= calendar.endMillis) {
            return new EmailConsent(DoubleOptIn.REQUESTED, Instant.ofEpochMilli(requested), null, null);
        }
        return new EmailConsent(DoubleOptIn.CONFIRMED, Instant.ofEpochMilli(requested), Instant.ofEpochMilli(confirmed),
                withdrawn);
    }

    private static String localPart(RandomGenerator random, String firstName, String lastName) {
        String first = PeopleWords.ascii(firstName);
        String last = PeopleWords.ascii(lastName);
        return switch (Distributions.index(random, 6)) {
            case 0 -> first + "." + last;
            case 1 -> first + last;
            case 2 -> first.charAt(0) + "." + last;
            case 3 -> last + "." + first;
            case 4 -> first + "_" + last;
            default -> first + "." + last.charAt(0);
        };
    }

    /** The shop's customer number: a bijection of the index onto ten-digit numbers. */
    static String userId(int k) {
        long x = (k * 0x9E3779B1L) & 0xFFFFFFFFL;
        x ^= x >>> 16;
        return Long.toString(1_000_000_000L + x);
    }

    /**
     * A unique mobile number in E.164, from an affine bijection of the index. The numbers are synthetic and
     * may exist: never call or text them.
     */
    static String phone(String country, int k) {
        List<String> prefixes = "DE".equals(country) ? PeopleWords.DE_MOBILE_PREFIXES : PeopleWords.AT_MOBILE_PREFIXES;
        long space = prefixes.size() * 10_000_000L;
        long n = Math.floorMod(104_729L * k + 3_141_592L, space);
        String prefix = prefixes.get((int) (n / 10_000_000L));
        String subscriber = String.format("%07d", n % 10_000_000L);
        return ("DE".equals(country) ? "+49" : "+43") + prefix + subscriber;
    }

    private List<Device> devices(RandomGenerator random) {
        int count = 1 + Distributions.weighted(random, new double[] {0.55, 0.33, 0.12});
        List<String> types = new ArrayList<>();
        types.add(List.of("mobile", "desktop", "tablet").get(Distributions.weighted(random,
                new double[] {0.55, 0.37, 0.08})));
        while (types.size() < count) {
            List<String> remaining = new ArrayList<>(List.of("mobile", "desktop", "tablet"));
            remaining.removeAll(types);
            String type = remaining.size() == 1 || Distributions.chance(random, 0.8) ? remaining.get(0)
                    : remaining.get(1);
            types.add(type);
        }
        List<Device> devices = new ArrayList<>();
        for (String type : types) {
            PeopleWords.DeviceModel model = switch (type) {
                case "desktop" -> pick(random, PeopleWords.DESKTOPS);
                case "tablet" -> pick(random, PeopleWords.TABLETS);
                default -> Distributions.chance(random, 0.35) ? pick(random, PeopleWords.MOBILE_APP)
                        : pick(random, PeopleWords.MOBILE_WEB);
            };
            devices.add(new Device(Distributions.uuid(random).toString(), Distributions.uuid(random).toString(),
                    model.type(), model.platform(), model.os(), model.userAgent()));
        }
        return List.copyOf(devices);
    }

    private static <T> T pick(RandomGenerator random, List<T> values) {
        return values.get(Distributions.index(random, values.size()));
    }

    /** A new address a person wants to move to, unique to the person. */
    static String newEmail(Customer customer, @Nullable String domainHint) {
        String domain = domainHint != null ? domainHint : PeopleWords.NEW_DOMAINS.get(customer.index() % 2);
        return PeopleWords.ascii(customer.firstName()) + "." + PeopleWords.ascii(customer.lastName())
                + (customer.index() + 1) + "@" + domain;
    }
}
