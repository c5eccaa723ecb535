package io.lotse.server.importer;

import java.util.Locale;

/** Why a row was rejected, or why a value of an imported row was dropped; the code is stable. */
enum Reason {
    EMPTY_ROW("the row is empty"),
    CELL_TOO_LONG("a cell is longer than " + Cleaning.MAX_CELL_LENGTH + " characters"),
    INVALID_CHARACTERS("a cell holds control characters that cannot be stored"),
    INVALID_EMAIL("not an email address"),
    INVALID_PHONE("not a phone number"),
    MISSING_IDENTIFIER("no email, phone or customer id"),
    MISSING_CUSTOMER("no customer id or email"),
    ERASED_PERSON("the person was erased; an import does not bring them back"),
    MISSING_ORDER_ID("no order id"),
    NON_PRODUCT_CODE("a non-product line (postage, fees, discounts, adjustments)"),
    MISSING_DATE("no order date"),
    UNPARSEABLE_DATE("not a date"),
    INVALID_QUANTITY("the quantity is not a whole number"),
    ZERO_QUANTITY("the quantity is 0"),
    INVALID_PRICE("the price is not a number"),
    NEGATIVE_PRICE("the price is negative"),
    INVALID_TOTAL("the total is not a number"),
    INVALID_CONSENT("not a yes/no value"),
    ORDER_CUSTOMER_CONFLICT("an earlier line of the same order belongs to another customer"),
    NEGATIVE_QUANTITY_WITHOUT_ORIGINAL("a return or cancellation without an earlier order of the customer with that product"),
    REFUND_WITHOUT_ORIGINAL("a refunded or cancelled order that was never imported as completed");

    private final String text;

    Reason(String text) {
        this.text = text;
    }

    /** The stable code, e.g. {@code invalid_email}. */
    String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    String text() {
        return text;
    }
}
