package io.lotse.engine.clv;

/**
 * Gauss's hypergeometric function ₂F₁ by its power series, for the cases the models need.
 */
final class Hypergeometric {

    /** Terms summed at most before giving up: z within about 5·10⁻⁵ of 1 still converges. */
    static final int MAX_TERMS = 500_000;
    /** Relative size of the bounded remainder at which a series stops. */
    static final double TOLERANCE = 1e-15;
    /** Rescaling point that keeps a positive series of many large terms finite. */
    private static final double RESCALE_ABOVE = 1e250;

    private Hypergeometric() {}

    /**
     * ln ₂F₁(a, b; c; z) for a, b, c &gt; 0 and 0 ≤ z &lt; 1, where every term of the series is positive: the sum
     * is carried as a scale and a mantissa so that it cannot overflow.
     *
     * @throws IllegalArgumentException outside that domain
     * @throws ArithmeticException       when the series has not converged after {@link #MAX_TERMS} terms
     */
    static double log2F1(double a, double b, double c, double z) {
        if (!(a > 0 && b > 0 && c > 0)) {
            throw new IllegalArgumentException("log2F1 needs a, b, c > 0, was " + a + ", " + b + ", " + c);
        }
        if (!(z >= 0 && z < 1)) {
            throw new IllegalArgumentException("log2F1 needs 0 <= z < 1, was " + z);
        }
        double term = 1;
        double sum = 1;
        double logScale = 0;
        for (int n = 0; n < MAX_TERMS; n++) {
            double ratio = (a + n) * (b + n) / ((c + n) * (n + 1)) * z;
            term *= ratio;
            sum += term;
            if (remainderIsNegligible(term, ratio, z, sum)) {
                return logScale + Math.log(sum);
            }
            if (sum > RESCALE_ABOVE) {
                logScale += Math.log(sum);
                term /= sum;
                sum = 1;
            }
        }
        throw new ArithmeticException(notConverged("2F1(" + a + ", " + b + "; " + c + "; " + z + ")"));
    }

    /**
     * Whether the terms after {@code term} add up to less than {@link #TOLERANCE} of {@code sum}: the ratio of
     * successive terms tends to z monotonically once n is past the parameters, so the remainder is at most a
     * geometric series with the larger of the last ratio and z.
     */
    static boolean remainderIsNegligible(double term, double ratio, double z, double sum) {
        if (term == 0) {
            return true;
        }
        double bound = Math.max(Math.abs(ratio), Math.abs(z));
        return bound < 1 && Math.abs(term) * bound / (1 - bound) <= TOLERANCE * Math.abs(sum);
    }

    static String notConverged(String what) {
        return what + " did not converge within " + MAX_TERMS + " terms";
    }
}
