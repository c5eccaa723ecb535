package io.lotse.simulator.stats;

/**
 * The Gamma-Gamma model of spend per order (Fader, Hardie and Lee, "RFM and CLV", 2005): a customer's order
 * values are Gamma(shape p, rate ν); ν varies across customers as Gamma(shape q, rate γ).
 *
 * @param p     shape of the order-value distribution
 * @param q     shape of the distribution of ν
 * @param gamma rate of the distribution of ν, in euros
 */
public record GammaGamma(double p, double q, double gamma) {

    public GammaGamma {
        if (!(p > 0 && q > 1 && gamma > 0)) {
            throw new IllegalArgumentException("Gamma-Gamma needs p > 0, q > 1 and γ > 0");
        }
    }

    /** The mean order value across customers, pγ / (q - 1). */
    public double meanOrderValue() {
        return p * gamma / (q - 1);
    }

    /** The mean order value of a customer with rate ν, p / ν. */
    public double meanOrderValue(double nu) {
        return p / nu;
    }
}
