package io.lotse.simulator;

import io.lotse.simulator.stats.BgNbd;
import io.lotse.simulator.stats.GammaGamma;

/**
 * The population-level truths of the shop that can be configured.
 *
 * @param repeatPurchases    BG/NBD parameters of repeat buying (time in weeks)
 * @param orderValues        Gamma-Gamma parameters of order values (euros)
 * @param secondEmailShare   share of people who use a second email address on some visits
 * @param returnRate         share of orders returned
 * @param cancellationRate   share of orders cancelled
 * @param outOfScopeShare    share of service messages that fit no intent
 * @param nextItemSampleRate share of browsing sessions whose next-item distribution is recorded
 */
public record ShopParameters(BgNbd repeatPurchases, GammaGamma orderValues, double secondEmailShare,
        double returnRate, double cancellationRate, double outOfScopeShare, double nextItemSampleRate) {

    /**
     * A lively shop. The CDNOW fit (r = 0.243, α = 4.414, a = 0.793, b = 2.426) describes a shop whose average
     * customer buys again every 18 weeks; over a half-year window that leaves most customers with no repeat
     * purchase. The default keeps CDNOW's dropout (a, b) but uses r = 0.8, α = 8 per week: a mean rate of one
     * repeat purchase per ten weeks with less heterogeneity. Order values: p = 6, q = 4, γ = 40, a mean of 80 €.
     */
    public static ShopParameters defaults() {
        return new ShopParameters(new BgNbd(0.8, 8.0, 0.793, 2.426), new GammaGamma(6, 4, 40), 0.10, 0.08, 0.02,
                0.10, 0.02);
    }

    public ShopParameters {
        check("secondEmailShare", secondEmailShare);
        check("returnRate", returnRate);
        check("cancellationRate", cancellationRate);
        check("outOfScopeShare", outOfScopeShare);
        check("nextItemSampleRate", nextItemSampleRate);
        if (returnRate + cancellationRate > 1) {
            throw new IllegalArgumentException("returnRate + cancellationRate must not exceed 1");
        }
    }

    private static void check(String name, double share) {
        if (!(share >= 0 && share <= 1)) {
            throw new IllegalArgumentException(name + " must be between 0 and 1, was " + share);
        }
    }
}
