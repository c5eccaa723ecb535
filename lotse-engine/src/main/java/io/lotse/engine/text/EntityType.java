package io.lotse.engine.text;

/** Kinds of things a customer message may name. */
public enum EntityType {
    ORDER_NUMBER,
    EMAIL,
    AMOUNT,
    DATE,
    PRODUCT
}
