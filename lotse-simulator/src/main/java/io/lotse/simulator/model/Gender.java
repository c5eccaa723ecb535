package io.lotse.simulator.model;

/** A protected attribute, recorded for fairness audits and never used by the simulation's own behaviour models. */
public enum Gender {
    FEMALE, MALE, DIVERSE, UNSPECIFIED;

    /** Lower-case name used in files. */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
