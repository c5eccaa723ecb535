package io.lotse.simulator;

import io.lotse.simulator.model.Contact;
import io.lotse.simulator.model.Customer;
import io.lotse.simulator.model.EmailConsent;
import io.lotse.simulator.model.Gender;
import io.lotse.simulator.model.PurposeConsent;
import io.lotse.simulator.stats.Distributions;
import io.lotse.simulator.stats.Seeds;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * Writes a customer as the shop's CRM exports them at the end of the run. The CRM merged an older German
 * system: about half of the rows use German formats (dates {@code dd.MM.yyyy}, amounts {@code 1.234,56},
 * local times), the rest ISO; phone numbers are typed in many ways; countries appear as codes or names; a few
 * names and addresses carry stray capitals or blanks. The truth is in {@link Customer}.
 */
final class ContactExporter {

    private static final DateTimeFormatter GERMAN_DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy");
    private static final DateTimeFormatter GERMAN_TIME = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm")
            .withZone(ShopCalendar.ZONE);
    private static final DateTimeFormatter ISO_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);

    private final long seed;
    private final ShopCalendar calendar;

    ContactExporter(long seed, ShopCalendar calendar) {
        this.seed = seed;
        this.calendar = calendar;
    }

    Contact contact(Person person) {
        Customer customer = person.customer;
        SplittableRandom random = Seeds.stream(seed, "customer.contact", customer.index());
        boolean legacy = Distributions.chance(random, 0.55);
        String email = customer.email();
        double u = Distributions.uniform(random);
        if (u < 0.03) {
            email = Character.toUpperCase(email.charAt(0)) + email.substring(1);
        } else if (u < 0.04) {
            email = email + " ";
        }
        String firstName = customer.firstName();
        String lastName = customer.lastName();
        u = Distributions.uniform(random);
        if (u < 0.02) {
            lastName = lastName.toUpperCase(Locale.ROOT);
        } else if (u < 0.03) {
            firstName = firstName.toLowerCase(Locale.ROOT);
        } else if (u < 0.04) {
            firstName = " " + firstName;
        }
        String salutation = "";
        if (Distributions.chance(random, 0.9)) {
            boolean german = "de".equals(customer.language());
            if (customer.gender() == Gender.FEMALE) {
                salutation = german ? "Frau" : "Ms";
            } else if (customer.gender() == Gender.MALE) {
                salutation = german ? "Herr" : "Mr";
            }
        }
        String phone = customer.phone() == null ? "" : typedPhone(customer.phone(), random);
        var names = PeopleWords.COUNTRIES.stream().filter(c -> c.code().equals(customer.country())).findFirst()
                .orElseThrow().namesDe();
        u = Distributions.uniform(random);
        String country = u < 0.6 ? names.get(0) : u < 0.85 ? names.get(1) : names.get(names.size() > 2 ? 2 : 1);
        LocalDate since = customer.acquiredAt().atZone(ShopCalendar.ZONE).toLocalDate();
        String birth = Distributions.chance(random, 0.35) ? "" : date(customer.dateOfBirth(), legacy);
        Instant asOf = Instant.ofEpochMilli(calendar.endMillis - 1);
        EmailConsent emailConsent = customer.consents().email();
        Instant emailDecision = emailConsent.withdrawnAt() != null ? emailConsent.withdrawnAt()
                : emailConsent.confirmedAt() != null ? emailConsent.confirmedAt() : emailConsent.requestedAt();
        return new Contact(customer.userId(), email, firstName, lastName, salutation, phone, customer.regionName(),
                country, customer.language(), date(since, legacy), birth, person.orders,
                amount(person.revenueCents, legacy), Boolean.toString(emailConsent.grantedAt(asOf)),
                time(emailDecision, legacy), emailConsent.doubleOptIn().key(), time(emailConsent.confirmedAt(), legacy),
                granted(customer.consents().personalisation()), time(customer.consents().personalisation().decidedAt(),
                        legacy),
                granted(customer.consents().analytics()), time(customer.consents().analytics().decidedAt(), legacy),
                granted(customer.consents().advertising()), time(customer.consents().advertising().decidedAt(),
                        legacy));
    }

    private static String granted(PurposeConsent consent) {
        return Boolean.toString(consent.granted());
    }

    private static String date(LocalDate date, boolean legacy) {
        return legacy ? GERMAN_DATE.format(date) : date.toString();
    }

    private static String time(@Nullable Instant instant, boolean legacy) {
        if (instant == null) {
            return "";
        }
        return legacy ? GERMAN_TIME.format(instant) : ISO_TIME.format(instant);
    }

    /** 1234.56 or 1.234,56. */
    static String amount(long cents, boolean legacy) {
        String plain = String.format(Locale.ROOT, "%d.%02d", cents / 100, cents % 100);
        if (!legacy) {
            return plain;
        }
        String euros = Long.toString(cents / 100);
        StringBuilder grouped = new StringBuilder();
        for (int i = 0; i < euros.length(); i++) {
            if (i > 0 && (euros.length() - i) % 3 == 0) {
                grouped.append('.');
            }
            grouped.append(euros.charAt(i));
        }
        return grouped + "," + String.format(Locale.ROOT, "%02d", cents % 100);
    }

    /** An E.164 mobile number the way people type it: 0151 2345678, +49 151 2345678, 0151/2345678, … */
    static String typedPhone(String e164, RandomGenerator random) {
        String country = e164.substring(1, 3);
        String prefix = e164.substring(3, 6);
        String subscriber = e164.substring(6);
        String national = "0" + prefix;
        return switch (Distributions.index(random, 8)) {
            case 0 -> national + " " + subscriber;
            case 1 -> national + "/" + subscriber;
            case 2 -> "+" + country + " " + prefix + " " + subscriber;
            case 3 -> "+" + country + " (0)" + prefix + " " + subscriber;
            case 4 -> national + subscriber;
            case 5 -> "00" + country + " " + prefix + " " + subscriber;
            case 6 -> national + "-" + subscriber.substring(0, 3) + " " + subscriber.substring(3);
            default -> e164;
        };
    }
}
