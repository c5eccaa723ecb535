package io.lotse.engine.clv;

import java.util.List;
import org.hipparchus.special.Gamma;

/**
 * The Pareto/NBD model of repeat buying (Schmittlein, Morrison and Colombo, "Counting Your Customers", Management
 * Science 33(1), 1987): while alive a customer buys at Poisson rate λ, λ ~ Gamma(r, α); the customer's lifetime is
 * exponential with rate μ, μ ~ Gamma(s, β), independent of λ.
 *
 * <p>The likelihood follows Fader and Hardie, "A Note on Deriving the Pareto/NBD Model and Related Expressions"
 * (2005): L = Γ(r+x) α^r β^s / Γ(r) · [(α+T)^−(r+x) (β+T)^−s + s/(r+s+x) · A₀] with
 * A₀ = F(t<sub>x</sub>) − F(T) and, for α ≥ β, F(τ) = ₂F₁(r+s+x, s+1; r+s+x+1; (α−β)/(α+τ)) / (α+τ)^(r+s+x);
 * for α &lt; β the same with α and β swapped and s+1 replaced by r+x. Euler's transformation turns both into
 * series whose terms fall at least as fast as zⁿ, which do not grow with x and meet at α = β without a
 * special case:
 * <ul>
 *   <li>α ≥ β: F(τ) = (α+τ)^−(r+x) (β+τ)^−s ₂F₁(1, r+x; r+s+x+1; (α−β)/(α+τ));</li>
 *   <li>α &lt; β: F(τ) = (α+τ)^(1−r−x) (β+τ)^−(s+1) ₂F₁(1, s+1; r+s+x+1; (β−α)/(β+τ)).</li>
 * </ul>
 * The difference A₀ is taken in log space as ln F(t<sub>x</sub>) + ln(−expm1(ln F(T) − ln F(t<sub>x</sub>))).
 *
 * @param r     shape of the purchase-rate distribution
 * @param alpha rate of the purchase-rate distribution, in the unit of the summaries
 * @param s     shape of the dropout-rate distribution
 * @param beta  rate of the dropout-rate distribution, in the unit of the summaries
 */
public record ParetoNbd(double r, double alpha, double s, double beta) implements PurchaseModel {

    public ParetoNbd {
        if (!(BgNbd.positive(r) && BgNbd.positive(alpha) && BgNbd.positive(s) && BgNbd.positive(beta))) {
            throw new IllegalArgumentException("Pareto/NBD parameters must be positive and finite, were r = " + r
                    + ", alpha = " + alpha + ", s = " + s + ", beta = " + beta);
        }
    }

    /**
     * Fits the model by maximum likelihood (Nelder-Mead on the logarithms of the parameters, from two fixed
     * starts, each restarted until it stops improving).
     *
     * @throws IllegalArgumentException when there are no customers or none with a repeat purchase
     */
    public static ModelFit<ParetoNbd> fit(List<CustomerSummary> customers) {
        PurchaseData data = PurchaseData.of(customers, "Pareto/NBD");
        double meanAge = data.meanAge();
        double rate = Math.max(data.meanFrequency(), 0.05) / meanAge;
        List<double[]> starts = List.of(new double[] {1, 1 / rate, 1, meanAge},
                new double[] {0.5, 0.5 / rate, 0.5, 0.5 * meanAge});
        MaximumLikelihood.Maximum maximum = MaximumLikelihood.maximise(
                theta -> new ParetoNbd(theta[0], theta[1], theta[2], theta[3]).logLikelihood(data), starts);
        double[] theta = maximum.parameters();
        return new ModelFit<>(new ParetoNbd(theta[0], theta[1], theta[2], theta[3]), maximum.logLikelihood(),
                data.customers, maximum.iterations(), maximum.converged());
    }

    @Override
    public double logLikelihood(CustomerSummary customer) {
        int x = customer.frequency();
        double constant = Gamma.logGamma(r + x) - Gamma.logGamma(r) + r * Math.log(alpha) + s * Math.log(beta);
        return constant + logBracket(x, customer.recency(), customer.age());
    }

    double logLikelihood(PurchaseData data) {
        double[] rateTerms = data.logGammaRatios(r);
        double constant = r * Math.log(alpha) + s * Math.log(beta);
        double sum = 0;
        for (int i = 0; i < data.weight.length; i++) {
            double value = constant + rateTerms[data.frequencyIndex[i]]
                    + logBracket(data.frequency[i], data.recency[i], data.age[i]);
            sum += data.weight[i] * value;
        }
        return sum;
    }

    /** ln[(α+T)^−(r+x) (β+T)^−s + s/(r+s+x) · A₀]. */
    private double logBracket(int x, double recency, double age) {
        double aliveAtT = logAliveAtT(x, age);
        double logDiedBetween = logDiedBetween(x, recency, age);
        return BgNbd.logAddExp(aliveAtT, logDiedBetween);
    }

    private double logAliveAtT(int x, double age) {
        return -(r + x) * Math.log(alpha + age) - s * Math.log(beta + age);
    }

    /** ln(s/(r+s+x) · A₀); −∞ when t<sub>x</sub> = T. */
    private double logDiedBetween(int x, double recency, double age) {
        double atLast = logF(x, recency);
        double atEnd = logF(x, age);
        if (!(atEnd < atLast)) {
            return Double.NEGATIVE_INFINITY;
        }
        return Math.log(s) - Math.log(r + s + x) + atLast + Math.log(-Math.expm1(atEnd - atLast));
    }

    private double logF(int x, double tau) {
        double rx = r + x;
        if (alpha >= beta) {
            double z = (alpha - beta) / (alpha + tau);
            return -rx * Math.log(alpha + tau) - s * Math.log(beta + tau)
                    + Hypergeometric.log2F1(1, rx, rx + s + 1, z);
        }
        double z = (beta - alpha) / (beta + tau);
        return (1 - rx) * Math.log(alpha + tau) - (s + 1) * Math.log(beta + tau)
                + Hypergeometric.log2F1(1, s + 1, rx + s + 1, z);
    }

    /**
     * P(alive | x, t<sub>x</sub>, T) = (α+T)^−(r+x) (β+T)^−s / [(α+T)^−(r+x) (β+T)^−s + s/(r+s+x) · A₀].
     */
    @Override
    public double probabilityAlive(CustomerSummary customer) {
        int x = customer.frequency();
        double aliveAtT = logAliveAtT(x, customer.age());
        double logDiedBetween = logDiedBetween(x, customer.recency(), customer.age());
        return Math.exp(aliveAtT - BgNbd.logAddExp(aliveAtT, logDiedBetween));
    }

    /**
     * E[Y(t) | x, t<sub>x</sub>, T] = (r+x)(β+T) / ((α+T)(s−1)) · [1 − ((β+T)/(β+T+t))^(s−1)] · P(alive),
     * evaluated as (r+x)/(α+T) · (β+T) · (−expm1(−(s−1)u))/(s−1) · P(alive) with u = ln(1 + t/(β+T)), which is
     * exact at s = 1 too (where it becomes u).
     */
    @Override
    public double expectedPurchases(CustomerSummary customer, double time) {
        BgNbd.requireTime(time);
        return expectedWhileAlive(customer.frequency(), customer.age(), time) * probabilityAlive(customer);
    }

    /** E[X(t)] = rβ / (α(s−1)) · [1 − (β/(β+t))^(s−1)]. */
    @Override
    public double expectedPurchasesOfNewCustomer(double time) {
        BgNbd.requireTime(time);
        return expectedWhileAlive(0, 0, time);
    }

    private double expectedWhileAlive(int x, double age, double time) {
        double u = Math.log1p(time / (beta + age));
        double lifetime = s == 1 ? u : -Math.expm1(-(s - 1) * u) / (s - 1);
        return (r + x) / (alpha + age) * (beta + age) * lifetime;
    }
}
