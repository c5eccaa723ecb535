package io.lotse.simulator.stats;

/**
 * The BG/NBD model of repeat buying (Fader, Hardie and Lee, "Counting Your Customers the Easy Way", 2005): while
 * alive a customer buys at Poisson rate λ, λ ~ Gamma(shape r, rate α) across customers; after each repeat
 * purchase the customer drops out for good with probability p, p ~ Beta(a, b). Time is in weeks and starts at
 * the customer's first purchase, which is not counted.
 *
 * @param r     shape of the transaction-rate distribution
 * @param alpha rate of the transaction-rate distribution, per week
 * @param a     first shape of the dropout distribution
 * @param b     second shape of the dropout distribution
 */
public record BgNbd(double r, double alpha, double a, double b) {

    /** The fit to the CDNOW data set published with the model. */
    public static final BgNbd CDNOW = new BgNbd(0.243, 4.414, 0.793, 2.426);

    public BgNbd {
        if (!(r > 0 && alpha > 0 && a > 0 && b > 0)) {
            throw new IllegalArgumentException("BG/NBD parameters must be positive");
        }
        if (Math.abs(a - 1) < 1e-9) {
            throw new IllegalArgumentException("the closed form of E[X(t)] needs a != 1");
        }
    }

    /** Mean transaction rate per week across customers, r / α. */
    public double meanRate() {
        return r / alpha;
    }

    /** Mean dropout probability across customers, a / (a + b). */
    public double meanDropout() {
        return a / (a + b);
    }

    /**
     * The expected number of repeat purchases of a randomly chosen new customer in the {@code weeks} after their
     * first purchase: E[X(t)] = (a+b-1)/(a-1) · [1 - (α/(α+t))^r · ₂F₁(r, b; a+b-1; t/(α+t))].
     */
    public double expectedRepeatPurchases(double weeks) {
        if (weeks <= 0) {
            return 0;
        }
        double z = weeks / (alpha + weeks);
        double bracket = 1 - Math.pow(alpha / (alpha + weeks), r) * hypergeometric2F1(r, b, a + b - 1, z);
        return (a + b - 1) / (a - 1) * bracket;
    }

    /** E[X(t) | λ, p] = (1 - e^(-λpt)) / p: the expectation for one customer with known λ (per week) and p. */
    public static double expectedRepeatPurchases(double lambda, double p, double weeks) {
        if (weeks <= 0) {
            return 0;
        }
        if (p < 1e-12) {
            return lambda * weeks;
        }
        return -Math.expm1(-lambda * p * weeks) / p;
    }

    /** Gauss's hypergeometric function ₂F₁(a, b; c; z) by its power series, for 0 ≤ z < 1. */
    static double hypergeometric2F1(double a, double b, double c, double z) {
        if (z < 0 || z >= 1) {
            throw new IllegalArgumentException("the series needs 0 <= z < 1, was " + z);
        }
        double term = 1;
        double sum = 1;
        for (int n = 0; n < 1_000_000; n++) {
            term *= (a + n) * (b + n) / ((c + n) * (n + 1)) * z;
            sum += term;
            if (Math.abs(term) < 1e-15 * Math.abs(sum)) {
                return sum;
            }
        }
        return sum;
    }
}
