package io.lotse.engine.mix;

import java.util.List;

/**
 * The saturation family searched for every channel: Hill with shape α in [0.5, 3] and inflexion γ in [0.01, 1]
 * (κ that far from the smallest to the largest adstocked value; Robyn's default range for γ starts at 0.3, which
 * excludes channels that run above half saturation all the time), or logistic with μ = ρ / mean adstock,
 * ρ in [0.1, 10] on a log scale.
 */
public enum SaturationType {
    HILL(List.of("alpha", "gamma")),
    LOGISTIC(List.of("rho"));

    private static final double ALPHA_MIN = 0.5;
    private static final double ALPHA_MAX = 3;
    private static final double GAMMA_MIN = 0.01;
    private static final double GAMMA_MAX = 1;
    private static final double RHO_MIN = 0.1;
    private static final double RHO_MAX = 10;

    private final List<String> hyperparameters;

    SaturationType(List<String> hyperparameters) {
        this.hyperparameters = hyperparameters;
    }

    /** Names of the searched hyperparameters, in the order {@link #create} reads them. */
    public List<String> hyperparameters() {
        return hyperparameters;
    }

    /** The wire name, e.g. {@code hill}. */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The type of a wire name, with a clear error for anything else. */
    public static SaturationType fromKey(String key) {
        for (SaturationType type : values()) {
            if (type.key().equalsIgnoreCase(key.strip())) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown saturation '" + key + "': use hill or logistic");
    }

    /** The saturation at a point of the unit cube, scaled to the channel's adstocked series. */
    Saturation create(double[] unit, int offset, double[] adstocked) {
        return switch (this) {
            case HILL -> HillSaturation.fromInflexion(
                    ALPHA_MIN + (ALPHA_MAX - ALPHA_MIN) * AdstockType.clamp(unit[offset]),
                    GAMMA_MIN + (GAMMA_MAX - GAMMA_MIN) * AdstockType.clamp(unit[offset + 1]), adstocked);
            case LOGISTIC -> LogisticSaturation.fromRelative(
                    RHO_MIN * Math.pow(RHO_MAX / RHO_MIN, AdstockType.clamp(unit[offset])), adstocked);
        };
    }
}
