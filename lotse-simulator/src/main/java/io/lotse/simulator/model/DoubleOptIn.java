package io.lotse.simulator.model;

/** State of the double opt-in for email marketing. */
public enum DoubleOptIn {
    /** No newsletter subscription was asked for. */
    NONE,
    /** Asked for, but the confirmation link was never clicked: no consent. */
    REQUESTED,
    /** Confirmed by clicking the link in the confirmation email. */
    CONFIRMED;

    /** Lower-case name used in files. */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
