package io.lotse.simulator.model;

/** Age bands of customers. */
public enum AgeBand {
    AGE_18_24("18-24", 18, 24),
    AGE_25_34("25-34", 25, 34),
    AGE_35_44("35-44", 35, 44),
    AGE_45_54("45-54", 45, 54),
    AGE_55_64("55-64", 55, 64),
    AGE_65_PLUS("65+", 65, 85);

    private final String label;
    private final int youngest;
    private final int oldest;

    AgeBand(String label, int youngest, int oldest) {
        this.label = label;
        this.youngest = youngest;
        this.oldest = oldest;
    }

    /** The label used in files, e.g. {@code 25-34}. */
    public String label() {
        return label;
    }

    /** Youngest age in the band. */
    public int youngest() {
        return youngest;
    }

    /** Oldest age in the band (85 for the open band). */
    public int oldest() {
        return oldest;
    }
}
