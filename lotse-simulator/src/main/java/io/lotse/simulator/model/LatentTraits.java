package io.lotse.simulator.model;

/**
 * A customer's hidden behaviour parameters (truth). Arrays are shared, not copied: do not modify them.
 *
 * @param categoryPreferences   Dirichlet draw over the catalogue's categories, in catalogue order; sums to one
 * @param priceSensitivity      weight of the standardised log price in product choice (higher: cheaper items)
 * @param emailOpenProbability  probability of opening a marketing email
 * @param emailClickProbability probability of clicking a link in an opened email
 * @param transactionRate       BG/NBD λ: repeat purchases per week while alive
 * @param dropoutProbability    BG/NBD p: probability of dropping out after each repeat purchase
 * @param spendRate             Gamma-Gamma ν: order values are Gamma(p, ν), mean p/ν
 * @param expectedOrderValue    p/ν in euros
 * @param browsingPerPurchase   browsing sessions per purchase while alive
 * @param serviceContactRate    multiplier of the rate of customer-service messages
 * @param typoRate              probability of a typo per word in the person's messages
 */
public record LatentTraits(double[] categoryPreferences, double priceSensitivity, double emailOpenProbability,
        double emailClickProbability, double transactionRate, double dropoutProbability, double spendRate,
        double expectedOrderValue, double browsingPerPurchase, double serviceContactRate, double typoRate) {
}
