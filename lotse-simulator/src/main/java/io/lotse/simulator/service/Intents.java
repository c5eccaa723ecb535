package io.lotse.simulator.service;

import java.util.List;

/** The customer-service intents of the shop. */
public final class Intents {

    private Intents() {}

    /** The label of messages that fit none of the intents. */
    public static final String OUT_OF_SCOPE = "out_of_scope";

    /** All thirty intents. */
    public static final List<String> ALL = List.of("where_is_my_order", "return_item", "refund_status",
            "delivery_delay", "change_address", "cancel_order", "invoice_copy", "payment_failed", "voucher_problem",
            "product_question", "complaint", "delete_account", "change_email", "unsubscribe", "damaged_item",
            "wrong_item", "missing_item", "exchange_size", "shipping_costs", "delivery_options", "opening_hours",
            "account_locked", "password_reset", "price_match", "warranty", "stock_availability", "order_change",
            "gift_wrapping", "loyalty_points", "business_invoice");
}
