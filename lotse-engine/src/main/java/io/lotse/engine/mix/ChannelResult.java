package io.lotse.engine.mix;

/**
 * What the model says about one paid channel over the fitted periods.
 *
 * @param channel                the channel
 * @param spend                  total spend
 * @param contribution           total outcome the channel caused (within the fitted periods)
 * @param contributionInterval   its bootstrap interval
 * @param outcomeShare           contribution / total outcome
 * @param spendShare             share of all paid spend
 * @param effectShare            share of all paid channels' contribution
 * @param roi                    contribution / spend: outcome per unit of spend
 * @param roiInterval            its bootstrap interval
 * @param averageSpend           average spend per period
 * @param marginalRoi            extra outcome per extra unit of spend at the average spend per period, once
 *                               settled (slope of the response curve)
 * @param marginalRoiInterval    its bootstrap interval
 * @param pausedShare            share of periods with (almost) no spend: without any, the data show the response
 *                               only over the spend range used, and the contribution below it is extrapolated
 * @param effect                 the fitted adstock, saturation and coefficient
 */
public record ChannelResult(String channel, double spend, double contribution, Interval contributionInterval,
                            double outcomeShare, double spendShare, double effectShare, double roi,
                            Interval roiInterval, double averageSpend, double marginalRoi,
                            Interval marginalRoiInterval, double pausedShare, ChannelEffect effect) {
}
