package io.lotse.simulator.model;

/** Whether an order is a customer's first (acquisition) or a BG/NBD repeat purchase. */
public enum OrderKind {
    FIRST, REPEAT;

    /** Lower-case name used in files. */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
