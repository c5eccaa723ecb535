package io.lotse.engine.mix;

import java.util.List;

/**
 * The adstock family searched for every channel, with Robyn's default hyperparameter ranges: geometric θ in
 * [0, 0.9]; Weibull CDF shape in [0.0001, 2] and relative scale in [0, 0.1]; Weibull PDF shape in [0.0001, 10]
 * and relative scale in [0, 0.1].
 */
public enum AdstockType {
    GEOMETRIC(List.of("theta")),
    WEIBULL_CDF(List.of("shape", "scale")),
    WEIBULL_PDF(List.of("shape", "scale"));

    private static final double THETA_MAX = 0.9;
    private static final double SHAPE_MIN = 0.0001;
    private static final double CDF_SHAPE_MAX = 2;
    private static final double PDF_SHAPE_MAX = 10;
    private static final double SCALE_MAX = 0.1;

    private final List<String> hyperparameters;

    AdstockType(List<String> hyperparameters) {
        this.hyperparameters = hyperparameters;
    }

    /** Names of the searched hyperparameters, in the order {@link #create} reads them. */
    public List<String> hyperparameters() {
        return hyperparameters;
    }

    /** The wire name, e.g. {@code weibull_cdf}. */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The type of a wire name, with a clear error for anything else. */
    public static AdstockType fromKey(String key) {
        for (AdstockType type : values()) {
            if (type.key().equalsIgnoreCase(key.strip())) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown adstock '" + key + "': use geometric, weibull_cdf or weibull_pdf");
    }

    /**
     * The adstock at a point of the unit cube: {@code unit[offset …]} in [0, 1] each, mapped linearly to the
     * ranges.
     *
     * @param window the Weibull window, usually the number of periods
     */
    Adstock create(double[] unit, int offset, int window) {
        return switch (this) {
            case GEOMETRIC -> new GeometricAdstock(THETA_MAX * clamp(unit[offset]));
            case WEIBULL_CDF -> WeibullAdstock.fromRelativeScale(false,
                    SHAPE_MIN + (CDF_SHAPE_MAX - SHAPE_MIN) * clamp(unit[offset]),
                    SCALE_MAX * clamp(unit[offset + 1]), window);
            case WEIBULL_PDF -> WeibullAdstock.fromRelativeScale(true,
                    SHAPE_MIN + (PDF_SHAPE_MAX - SHAPE_MIN) * clamp(unit[offset]),
                    SCALE_MAX * clamp(unit[offset + 1]), window);
        };
    }

    static double clamp(double u) {
        return Math.min(1, Math.max(0, u));
    }
}
