package io.lotse.simulator.model;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A simulated person: what the shop knows about them and what only the simulation knows (latent traits,
 * purchase history, gender as a protected attribute).
 *
 * @param index              0-based index; customer k is the same person whatever the number of customers
 * @param personId           true person id, e.g. {@code P0000042} (truth only)
 * @param userId             the shop's customer number, sent as {@code userId}
 * @param firstName          first name
 * @param lastName           last name
 * @param gender             protected attribute (truth)
 * @param ageBand            age band
 * @param dateOfBirth        date of birth, consistent with the age band at the start
 * @param country            ISO 3166-1 alpha-2 code
 * @param region             ISO 3166-2 code of the German state, or the country code elsewhere
 * @param regionName         state name, or the country's name
 * @param language           {@code de} or {@code en}
 * @param email              primary email, lower case
 * @param secondEmail        a second address used on some visits (about 10% of people), or null
 * @param phone              E.164 phone number, or null
 * @param acquiredAt         time of the first purchase
 * @param acquisitionChannel channel that brought the customer (truth; TV shows up as direct or organic)
 * @param devices            one to three devices
 * @param consents           consent choices, as they stand at the end of the simulation
 * @param traits             latent traits (truth)
 * @param purchases          BG/NBD outcome (truth)
 */
public record Customer(int index, String personId, String userId, String firstName, String lastName, Gender gender,
        AgeBand ageBand, LocalDate dateOfBirth, String country, String region, String regionName, String language,
        String email, @Nullable String secondEmail, @Nullable String phone, Instant acquiredAt,
        Channel acquisitionChannel, List<Device> devices, Consents consents, LatentTraits traits,
        PurchaseHistory purchases) {
}
