package io.lotse.server.importer;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A field Lotse knows in an import, with the column headers (German and English) that name it. Headers are
 * compared after {@link #normalise}: lower-cased, without spaces, underscores, hyphens and dots.
 */
enum Field {
    EMAIL("email", EnumSet.allOf(ImportKind.class),
            "email", "mail", "emailaddress", "emailadresse", "mailadresse", "emailaddresse"),
    CUSTOMER_ID("customer_id", EnumSet.allOf(ImportKind.class),
            "customerid", "kundennummer", "kundennr", "kundenid", "userid", "customerno", "customernumber"),
    FIRST_NAME("first_name", EnumSet.of(ImportKind.CONTACTS), "firstname", "vorname", "givenname"),
    LAST_NAME("last_name", EnumSet.of(ImportKind.CONTACTS),
            "lastname", "nachname", "name", "surname", "familienname", "familyname"),
    PHONE("phone", EnumSet.of(ImportKind.CONTACTS),
            "phone", "telefon", "handy", "mobil", "mobile", "telefonnummer", "phonenumber", "tel", "mobilnummer",
            "handynummer", "mobilephone", "cellphone"),
    COUNTRY("country", EnumSet.of(ImportKind.CONTACTS), "country", "land"),
    CITY("city", EnumSet.of(ImportKind.CONTACTS), "city", "ort", "stadt", "wohnort", "town"),
    ZIP("zip", EnumSet.of(ImportKind.CONTACTS), "zip", "plz", "zipcode", "postalcode", "postcode", "postleitzahl"),
    BIRTHDAY("birthday", EnumSet.of(ImportKind.CONTACTS),
            "birthday", "geburtsdatum", "geburtstag", "dateofbirth", "birthdate", "dob"),
    ORDER_ID("order_id", EnumSet.of(ImportKind.ORDERS),
            "orderid", "ordernumber", "orderno", "bestellnummer", "bestellnr", "bestellid", "invoiceno", "invoice",
            "invoicenumber", "invoiceid", "rechnungsnummer", "auftragsnummer"),
    DATE("date", EnumSet.of(ImportKind.ORDERS),
            "date", "datum", "bestelldatum", "invoicedate", "orderdate", "rechnungsdatum", "createdat",
            "auftragsdatum", "kaufdatum"),
    SKU("sku", EnumSet.of(ImportKind.ORDERS),
            "sku", "artikelnummer", "artikelnr", "artnr", "stockcode", "productid", "productcode", "itemid",
            "itemcode", "ean"),
    PRODUCT("product", EnumSet.of(ImportKind.ORDERS),
            "product", "artikel", "description", "productname", "artikelname", "bezeichnung", "itemname", "item",
            "produkt", "artikelbezeichnung"),
    QUANTITY("quantity", EnumSet.of(ImportKind.ORDERS), "quantity", "menge", "anzahl", "qty", "stück", "stueck"),
    UNIT_PRICE("unit_price", EnumSet.of(ImportKind.ORDERS),
            "unitprice", "preis", "einzelpreis", "price", "stückpreis", "stueckpreis", "itemprice"),
    TOTAL("total", EnumSet.of(ImportKind.ORDERS),
            "total", "summe", "betrag", "gesamt", "gesamtbetrag", "gesamtsumme", "ordertotal", "amount",
            "rechnungsbetrag", "bestellwert"),
    CURRENCY("currency", EnumSet.of(ImportKind.ORDERS), "currency", "währung", "waehrung", "currencycode"),
    STATUS("status", EnumSet.of(ImportKind.ORDERS),
            "status", "orderstatus", "bestellstatus");

    private final String wireName;
    private final Set<ImportKind> kinds;
    private final List<String> headers;

    Field(String wireName, Set<ImportKind> kinds, String... headers) {
        this.wireName = wireName;
        this.kinds = kinds;
        this.headers = List.of(headers);
    }

    /** The field's name in mappings and reports, e.g. {@code first_name}. */
    String wireName() {
        return wireName;
    }

    boolean appliesTo(ImportKind kind) {
        return kinds.contains(kind);
    }

    List<String> headers() {
        return headers;
    }

    /** The field a column header names for this kind of import. */
    static Optional<Field> byHeader(String header, ImportKind kind) {
        String normalised = normalise(header);
        for (Field field : values()) {
            if (field.appliesTo(kind) && (field.headers.contains(normalised) || normalise(field.wireName).equals(normalised))) {
                return Optional.of(field);
            }
        }
        return Optional.empty();
    }

    /** A field by its name in a {@code column=field} override; names are compared like headers. */
    static Optional<Field> byName(String name, ImportKind kind) {
        String normalised = normalise(name);
        for (Field field : values()) {
            if (field.appliesTo(kind) && normalise(field.wireName).equals(normalised)) {
                return Optional.of(field);
            }
        }
        return byHeader(name, kind);
    }

    /** Lower-cased, without white space, underscores, hyphens and dots: {@code E-Mail} becomes {@code email}. */
    static String normalise(String header) {
        StringBuilder out = new StringBuilder(header.length());
        String lower = header.strip().toLowerCase(Locale.ROOT);
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            if (!Character.isWhitespace(c) && c != '_' && c != '-' && c != '.' && c != '\uFEFF') {
                out.append(c);
            }
        }
        return out.toString();
    }
}
