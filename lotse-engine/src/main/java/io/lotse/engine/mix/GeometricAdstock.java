package io.lotse.engine.mix;

import java.util.Locale;

/**
 * Geometric adstock: {@code a[t] = x[t] + θ · a[t-1]}, so spend {@code k} periods ago weighs {@code θ^k}.
 *
 * @param theta the decay rate θ, in [0, 1)
 */
public record GeometricAdstock(double theta) implements Adstock {

    public GeometricAdstock {
        if (!(theta >= 0 && theta < 1)) {
            throw new IllegalArgumentException("geometric adstock needs 0 ≤ θ < 1, was " + theta);
        }
    }

    @Override
    public double[] apply(double[] spend) {
        double[] result = new double[spend.length];
        double carry = 0;
        for (int t = 0; t < spend.length; t++) {
            carry = spend[t] + theta * carry;
            result[t] = carry;
        }
        return result;
    }

    @Override
    public double steadyStateMultiplier() {
        return 1 / (1 - theta);
    }

    @Override
    public double weight(int lag) {
        return lag < 0 ? 0 : Math.pow(theta, lag);
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "geometric θ=%.3f", theta);
    }
}
