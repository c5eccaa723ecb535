package io.lotse.engine.clv;

/**
 * A model of repeat purchases of customers who may silently stop buying ("die"): while alive a customer buys at a
 * Poisson rate λ that varies across customers as Gamma(shape r, rate α). Times are in the unit of the summaries
 * the model was fitted on.
 */
public sealed interface PurchaseModel permits BgNbd, ParetoNbd {

    /** Shape of the purchase-rate distribution. */
    double r();

    /** Rate (scale of time) of the purchase-rate distribution. */
    double alpha();

    /** Log-likelihood of one customer's summary (natural log). */
    double logLikelihood(CustomerSummary customer);

    /** The probability that the customer is still alive at the end of the calibration period. */
    double probabilityAlive(CustomerSummary customer);

    /** Expected purchases of the customer in the {@code time} after the end of the calibration period. */
    double expectedPurchases(CustomerSummary customer, double time);

    /** Expected repeat purchases of a customer in the {@code time} after their first purchase, E[X(t)]. */
    double expectedPurchasesOfNewCustomer(double time);

    /** The summed log-likelihood of the customers. */
    default double logLikelihood(Iterable<CustomerSummary> customers) {
        double sum = 0;
        for (CustomerSummary customer : customers) {
            sum += logLikelihood(customer);
        }
        return sum;
    }

    /**
     * The customer's expected purchase rate if alive, E[λ | alive, x, T] = (r + x) / (α + T): given that the
     * customer is alive at T, both models leave λ Gamma(r + x, α + T) distributed.
     */
    default double expectedPurchaseRate(CustomerSummary customer) {
        return (r() + customer.frequency()) / (alpha() + customer.age());
    }

    /**
     * Expected time from the end of the calibration period to the customer's next purchase, if alive: the mean
     * time between purchases at the expected purchase rate, (α + T) / (r + x). (The exact expected waiting time,
     * E[1/λ] = (α + T) / (r + x − 1), is infinite for customers with r + x ≤ 1, as most one-time buyers are.)
     */
    default double expectedTimeToNextPurchase(CustomerSummary customer) {
        return (alpha() + customer.age()) / (r() + customer.frequency());
    }

    /**
     * Churn risk from 0 (surely alive) to 100 (surely gone): 100 · (1 − P(alive)), rounded to a whole number.
     */
    default int churnRisk(CustomerSummary customer) {
        return (int) Math.round(100 * (1 - probabilityAlive(customer)));
    }
}
