package io.lotse.simulator.model;

import java.util.List;

/**
 * True parameters of the marketing mix. Weekly new customers = baseline + Σ β · Hill(adstock(spend)), where the
 * baseline (organic and direct) is {@code baselinePerWeek · trend · seasonality · holidays}.
 *
 * @param scale                  factor from the reference shop to this one (spend and κ scale with it; β and
 *                               the baseline with it too, times a normaliser close to one that makes the
 *                               expected new customers add up to the number of customers)
 * @param baselinePerWeek        baseline new customers per week before trend, seasonality and holidays
 * @param trendPerYear           relative growth of the baseline per year
 * @param seasonalAmplitude      amplitude of the yearly cosine
 * @param seasonalPeakDayOfYear  day of the year of its peak
 * @param organicShare           share of baseline customers arriving organically (the rest direct)
 * @param channels               per media channel
 */
public record MarketingTruth(double scale, double baselinePerWeek, double trendPerYear, double seasonalAmplitude,
        int seasonalPeakDayOfYear, double organicShare, List<ChannelTruth> channels) {
}
