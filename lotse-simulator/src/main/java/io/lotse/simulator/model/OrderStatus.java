package io.lotse.simulator.model;

/** Final state of an order. */
public enum OrderStatus {
    COMPLETED, RETURNED, CANCELLED;

    /** Lower-case name used in files. */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
