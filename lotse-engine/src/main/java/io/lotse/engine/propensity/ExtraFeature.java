package io.lotse.engine.propensity;

/**
 * A numeric feature computed elsewhere, e.g. a BG/NBD model's probability of being alive or its expected number
 * of purchases, appended to the features Lotse derives from the history.
 *
 * @param name  the feature's name, declared in the {@link FeatureBuilder}
 * @param value its value; {@code NaN} when unknown, never infinite
 */
public record ExtraFeature(String name, double value) {

    public ExtraFeature {
        if (name.isBlank()) {
            throw new IllegalArgumentException("an extra feature needs a name");
        }
        if (Double.isInfinite(value)) {
            throw new IllegalArgumentException("extra feature '" + name + "' is infinite");
        }
    }
}
