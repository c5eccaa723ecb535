package io.lotse.engine.clv;

import java.util.List;
import org.hipparchus.special.Gamma;

/**
 * The BG/NBD model of repeat buying (Fader, Hardie and Lee, "Counting Your Customers the Easy Way", Marketing
 * Science 24(2), 2005): while alive a customer buys at Poisson rate λ, λ ~ Gamma(r, α) across customers; after each
 * purchase the customer drops out for good with probability p, p ~ Beta(a, b) across customers.
 *
 * <p>Every formula is evaluated in log space; the conditional expectation uses Euler's transformation of its ₂F₁
 * (see {@link #expectedPurchases(CustomerSummary, double)}), which keeps it finite for customers with many
 * purchases and continuous at a = 1.
 *
 * @param r     shape of the purchase-rate distribution
 * @param alpha rate of the purchase-rate distribution, in the unit of the summaries
 * @param a     first shape of the dropout distribution
 * @param b     second shape of the dropout distribution
 */
public record BgNbd(double r, double alpha, double a, double b) implements PurchaseModel {

    public BgNbd {
        if (!(positive(r) && positive(alpha) && positive(a) && positive(b))) {
            throw new IllegalArgumentException("BG/NBD parameters must be positive and finite, were r = " + r
                    + ", alpha = " + alpha + ", a = " + a + ", b = " + b);
        }
    }

    /**
     * Fits the model by maximum likelihood (Nelder-Mead on the logarithms of the parameters, from two fixed
     * starts, each restarted until it stops improving).
     *
     * @throws IllegalArgumentException when there are no customers or none with a repeat purchase
     */
    public static ModelFit<BgNbd> fit(List<CustomerSummary> customers) {
        PurchaseData data = PurchaseData.of(customers, "BG/NBD");
        double rate = Math.max(data.meanFrequency(), 0.05) / data.meanAge();
        List<double[]> starts = List.of(new double[] {1, 1 / rate, 1, 1},
                new double[] {0.3, 0.3 / rate, 0.7, 2.5});
        MaximumLikelihood.Maximum maximum = MaximumLikelihood.maximise(
                theta -> new BgNbd(theta[0], theta[1], theta[2], theta[3]).logLikelihood(data), starts);
        double[] theta = maximum.parameters();
        return new ModelFit<>(new BgNbd(theta[0], theta[1], theta[2], theta[3]), maximum.logLikelihood(),
                data.customers, maximum.iterations(), maximum.converged());
    }

    /**
     * ln L = ln Γ(r+x) − ln Γ(r) + r ln α + ln B(a, b+x) − ln B(a, b)
     * + ln[(α+T)^−(r+x) + 1{x&gt;0} · a/(b+x−1) · (α+t<sub>x</sub>)^−(r+x)].
     */
    @Override
    public double logLikelihood(CustomerSummary customer) {
        int x = customer.frequency();
        double common = Gamma.logGamma(r + x) - Gamma.logGamma(r) + r * Math.log(alpha)
                + Gamma.logGamma(a + b) + Gamma.logGamma(b + x) - Gamma.logGamma(b) - Gamma.logGamma(a + b + x);
        return common + logBracket(x, customer.recency(), customer.age());
    }

    double logLikelihood(PurchaseData data) {
        double[] rateTerms = data.logGammaRatios(r);
        double[] dropoutTerms = new double[data.distinctFrequencies.length];
        double logGammaB = Gamma.logGamma(b);
        double logGammaAB = Gamma.logGamma(a + b);
        for (int k = 0; k < dropoutTerms.length; k++) {
            int x = data.distinctFrequencies[k];
            dropoutTerms[k] = x == 0 ? 0
                    : Gamma.logGamma(b + x) - logGammaB - Gamma.logGamma(a + b + x) + logGammaAB;
        }
        double constant = r * Math.log(alpha);
        double sum = 0;
        for (int i = 0; i < data.weight.length; i++) {
            int k = data.frequencyIndex[i];
            double value = constant + rateTerms[k] + dropoutTerms[k]
                    + logBracket(data.frequency[i], data.recency[i], data.age[i]);
            sum += data.weight[i] * value;
        }
        return sum;
    }

    private double logBracket(int x, double recency, double age) {
        double aliveToT = -(r + x) * Math.log(alpha + age);
        if (x == 0) {
            return aliveToT;
        }
        double droppedAfterLast = Math.log(a) - Math.log(b + x - 1) - (r + x) * Math.log(alpha + recency);
        return logAddExp(aliveToT, droppedAfterLast);
    }

    /**
     * P(alive | x, t<sub>x</sub>, T) = 1 / (1 + 1{x&gt;0} · a/(b+x−1) · ((α+T)/(α+t<sub>x</sub>))^(r+x)); 1 for a
     * customer without repeat purchases (in the BG/NBD a customer can only drop out right after a purchase).
     */
    @Override
    public double probabilityAlive(CustomerSummary customer) {
        int x = customer.frequency();
        if (x == 0) {
            return 1;
        }
        double logOdds = Math.log(a) - Math.log(b + x - 1)
                + (r + x) * (Math.log(alpha + customer.age()) - Math.log(alpha + customer.recency()));
        return 1 / (1 + Math.exp(logOdds));
    }

    /**
     * E[Y(t) | x, t<sub>x</sub>, T] (Fader, Hardie and Lee 2005, eq. 10)
     * = (a+b+x−1)/(a−1) · [1 − ((α+T)/(α+T+t))^(r+x) ₂F₁(r+x, b+x; a+b+x−1; z)] · P(alive), z = t/(α+T+t).
     *
     * <p>Euler's transformation turns the bracket into 1 − (1−z)^(a−1) ₂F₁(a+b−1−r, a−1; a+b+x−1; z), whose series
     * does not grow with x. Writing ε = a − 1 and ₂F₁(A, ε; C; z) = 1 + ε·H with
     * H = Σ<sub>n≥1</sub> (A)<sub>n</sub> (1+ε)<sub>n−1</sub> / ((C)<sub>n</sub> n!) zⁿ, the bracket divided by
     * (a − 1) is −expm1(ε ln(1−z))/ε − H·(1−z)^ε, which stays exact as a approaches 1.
     *
     * @throws IllegalArgumentException when time is negative or not finite
     * @throws ArithmeticException      when the series does not converge (time many orders of magnitude beyond α+T)
     */
    @Override
    public double expectedPurchases(CustomerSummary customer, double time) {
        requireTime(time);
        return expectedPurchases(customer.frequency(), customer.age(), time) * probabilityAlive(customer);
    }

    /**
     * E[X(t)] = (a+b−1)/(a−1) · [1 − (α/(α+t))^r ₂F₁(r, b; a+b−1; t/(α+t))], evaluated as the conditional
     * expectation of a customer with x = 0 and T = 0.
     */
    @Override
    public double expectedPurchasesOfNewCustomer(double time) {
        requireTime(time);
        return expectedPurchases(0, 0, time);
    }

    private double expectedPurchases(int x, double age, double time) {
        if (time == 0) {
            return 0;
        }
        double z = time / (alpha + age + time);
        double logOneMinusZ = Math.log1p(-z);
        double epsilon = a - 1;
        double upper = a + b - 1 - r;
        double lower = a + b + x - 1;
        if (lower <= 0 && lower == Math.rint(lower)) {
            throw new ArithmeticException("the BG/NBD expectation needs a + b + x - 1 not to be zero or a negative"
                    + " whole number, was " + lower);
        }
        double h = 0;
        double term = upper / lower * z;
        for (int n = 1; ; n++) {
            h += term;
            if (n >= Hypergeometric.MAX_TERMS) {
                throw new ArithmeticException(Hypergeometric.notConverged(
                        "the BG/NBD expectation series (z = " + z + ")"));
            }
            double ratio = (upper + n) * (epsilon + n) / ((lower + n) * (n + 1)) * z;
            term *= ratio;
            if (Hypergeometric.remainderIsNegligible(term, ratio, z, h == 0 ? Double.MIN_NORMAL : h)) {
                h += term;
                break;
            }
        }
        double shrink = epsilon == 0 ? -logOneMinusZ : -Math.expm1(epsilon * logOneMinusZ) / epsilon;
        return lower * (shrink - h * Math.exp(epsilon * logOneMinusZ));
    }

    static void requireTime(double time) {
        if (!(Double.isFinite(time) && time >= 0)) {
            throw new IllegalArgumentException("time must be finite and not negative, was " + time);
        }
    }

    static boolean positive(double value) {
        return Double.isFinite(value) && value > 0;
    }

    static double logAddExp(double u, double v) {
        double max = Math.max(u, v);
        if (max == Double.NEGATIVE_INFINITY) {
            return max;
        }
        return max + Math.log1p(Math.exp(Math.min(u, v) - max));
    }
}
