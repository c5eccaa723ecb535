package io.lotse.simulator.model;

/**
 * True response parameters of a media channel, in the simulated shop's absolute units.
 *
 * @param channel                    media channel
 * @param adstockDecay               θ of the geometric adstock
 * @param halfSaturation             κ: adstocked spend in euros at which the Hill curve is one half
 * @param shape                      s: Hill shape
 * @param beta                       β: new customers per week at full saturation
 * @param costPerMille               euros per thousand impressions
 * @param totalSpend                 spend over all weeks, in euros
 * @param expectedCustomers          expected new customers over all weeks
 * @param expectedRevenuePerEuro     expected first-order revenue per euro of spend (return on ad spend)
 */
public record ChannelTruth(Channel channel, double adstockDecay, double halfSaturation, double shape, double beta,
        double costPerMille, double totalSpend, double expectedCustomers, double expectedRevenuePerEuro) {
}
