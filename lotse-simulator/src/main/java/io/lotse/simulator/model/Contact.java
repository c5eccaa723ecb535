package io.lotse.simulator.model;

/**
 * A row of the shop's CRM export at the end of the simulation, formatted as the export writes it: phone numbers,
 * dates and amounts come in several national and ISO formats, so an importer has cleaning to do.
 *
 * @param customerNumber           the user id
 * @param email                    primary email, sometimes with stray capitals or blanks
 * @param firstName                first name
 * @param lastName                 last name
 * @param salutation               Frau/Herr/Ms/Mr or empty
 * @param phone                    as typed, e.g. {@code 0151 2345678} or {@code +49 151 2345678}; may be empty
 * @param region                   state or country name
 * @param country                  ISO code or a German or English country name
 * @param language                 {@code de} or {@code en}
 * @param customerSince            date of the first order, {@code dd.MM.yyyy} or ISO
 * @param dateOfBirth              {@code dd.MM.yyyy}, ISO or empty
 * @param orders                   orders placed, including cancelled ones
 * @param revenue                  order revenue in euros, {@code 1.234,56} or {@code 1234.56}
 * @param consentEmail             {@code true} or {@code false}
 * @param consentEmailAt           time of the email decision or empty
 * @param emailDoubleOptIn         {@code none}, {@code requested} or {@code confirmed}
 * @param emailDoubleOptInAt       confirmation time or empty
 * @param consentPersonalisation   {@code true} or {@code false}
 * @param consentPersonalisationAt decision time
 * @param consentAnalytics         {@code true} or {@code false}
 * @param consentAnalyticsAt       decision time
 * @param consentAdvertising       {@code true} or {@code false}
 * @param consentAdvertisingAt     decision time
 */
public record Contact(String customerNumber, String email, String firstName, String lastName, String salutation,
        String phone, String region, String country, String language, String customerSince, String dateOfBirth,
        int orders, String revenue, String consentEmail, String consentEmailAt, String emailDoubleOptIn,
        String emailDoubleOptInAt, String consentPersonalisation, String consentPersonalisationAt,
        String consentAnalytics, String consentAnalyticsAt, String consentAdvertising, String consentAdvertisingAt) {
}
