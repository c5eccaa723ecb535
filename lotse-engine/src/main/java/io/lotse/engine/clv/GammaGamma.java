package io.lotse.engine.clv;

import java.util.ArrayList;
import java.util.List;
import org.hipparchus.special.Gamma;

/**
 * The Gamma-Gamma model of spend per purchase (Fader, Hardie and Lee, "RFM and CLV: Using Iso-Value Curves for
 * Customer Base Analysis", Journal of Marketing Research 42(4), 2005; Fader and Hardie, "The Gamma-Gamma Model of
 * Monetary Value", 2013): a customer's purchase values are Gamma(p, ν) with mean p/ν; ν varies across customers as
 * Gamma(q, γ). Spend is assumed independent of the purchase process.
 *
 * @param p     shape of the purchase-value distribution
 * @param q     shape of the distribution of ν
 * @param gamma rate of the distribution of ν, in money ("v" in some implementations)
 */
public record GammaGamma(double p, double q, double gamma) {

    public GammaGamma {
        if (!(BgNbd.positive(p) && BgNbd.positive(q) && BgNbd.positive(gamma))) {
            throw new IllegalArgumentException("Gamma-Gamma parameters must be positive and finite, were p = " + p
                    + ", q = " + q + ", gamma = " + gamma);
        }
    }

    /**
     * Fits the model by maximum likelihood on the customers with at least one repeat purchase and a positive mean
     * repeat-purchase value (the others carry no information on spend per purchase); {@link ModelFit#customers()}
     * tells how many were used.
     *
     * @throws IllegalArgumentException when no customer qualifies
     */
    public static ModelFit<GammaGamma> fit(List<CustomerSummary> customers) {
        List<CustomerSummary> used = new ArrayList<>();
        double meanValue = 0;
        for (CustomerSummary customer : customers) {
            if (customer.frequency() > 0 && customer.monetaryValue() > 0) {
                used.add(customer);
                meanValue += customer.monetaryValue();
            }
        }
        if (used.isEmpty()) {
            throw new IllegalArgumentException("Gamma-Gamma needs at least one customer with a repeat purchase of"
                    + " positive value to fit");
        }
        meanValue /= used.size();
        double[] frequency = new double[used.size()];
        double[] value = new double[used.size()];
        for (int i = 0; i < frequency.length; i++) {
            frequency[i] = used.get(i).frequency();
            value[i] = used.get(i).monetaryValue();
        }
        List<double[]> starts = List.of(new double[] {1, 2, meanValue}, new double[] {5, 4, 3 * meanValue / 5});
        MaximumLikelihood.Maximum maximum = MaximumLikelihood.maximise(
                theta -> logLikelihood(theta[0], theta[1], theta[2], frequency, value), starts);
        double[] theta = maximum.parameters();
        return new ModelFit<>(new GammaGamma(theta[0], theta[1], theta[2]), maximum.logLikelihood(), used.size(),
                maximum.iterations(), maximum.converged());
    }

    /**
     * Log-likelihood of a customer's mean repeat-purchase value m̄ over x purchases:
     * ln Γ(px+q) − ln Γ(px) − ln Γ(q) + q ln γ + (px−1) ln m̄ + px ln x − (px+q) ln(γ + x m̄).
     *
     * @throws IllegalArgumentException when the customer has no repeat purchase or a mean value of 0
     */
    public double logLikelihood(CustomerSummary customer) {
        if (customer.frequency() == 0 || customer.monetaryValue() <= 0) {
            throw new IllegalArgumentException("the Gamma-Gamma likelihood needs a repeat purchase of positive value"
                    + " (customer " + customer.customerId() + ")");
        }
        return logLikelihood(p, q, gamma, new double[] {customer.frequency()},
                new double[] {customer.monetaryValue()});
    }

    private static double logLikelihood(double p, double q, double gamma, double[] frequency, double[] value) {
        double constant = q * Math.log(gamma) - Gamma.logGamma(q);
        double sum = 0;
        for (int i = 0; i < frequency.length; i++) {
            double px = p * frequency[i];
            sum += constant + Gamma.logGamma(px + q) - Gamma.logGamma(px) + (px - 1) * Math.log(value[i])
                    + px * Math.log(frequency[i]) - (px + q) * Math.log(gamma + frequency[i] * value[i]);
        }
        return sum;
    }

    /**
     * The mean purchase value across customers, E[p/ν] = pγ / (q − 1).
     *
     * @throws IllegalStateException when q ≤ 1, where the mean is infinite
     */
    public double meanSpend() {
        requireFiniteMean();
        return p * gamma / (q - 1);
    }

    /**
     * The customer's expected value per purchase given their history,
     * E[M | m̄, x] = p(γ + x m̄) / (px + q − 1): a weighted mean of the population mean pγ/(q−1), weight
     * (q−1)/(px+q−1), and the customer's own mean m̄, weight px/(px+q−1). Customers without repeat purchases get
     * the population mean.
     *
     * @throws IllegalStateException when q ≤ 1, where the population mean is infinite
     */
    public double expectedAverageSpend(CustomerSummary customer) {
        requireFiniteMean();
        int x = customer.frequency();
        return p * (gamma + x * customer.monetaryValue()) / (p * x + q - 1);
    }

    private void requireFiniteMean() {
        if (q <= 1) {
            throw new IllegalStateException("Gamma-Gamma with q = " + q + " <= 1 has an infinite mean spend");
        }
    }
}
