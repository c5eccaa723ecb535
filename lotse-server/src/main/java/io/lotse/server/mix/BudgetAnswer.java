package io.lotse.server.mix;

import java.time.LocalDate;
import java.util.List;

/**
 * A recommended budget split with its forecast and evidence.
 *
 * @param fitId          the fit it comes from
 * @param modelVersion   that fit's model version
 * @param outcome        what the forecast counts: revenue or orders
 * @param start          first week of the plan
 * @param weeks          weeks of the plan
 * @param budget         total spend of the plan
 * @param channels       per channel: current and recommended spend per week, bounds, evidence
 * @param step           how far the recommendation moves from the current split towards the expected optimum
 *                       (0 to 1): only as far as the models agree that it helps
 * @param current        forecast outcome of the current split over the plan's weeks
 * @param recommended    forecast outcome of the recommended split
 * @param change         recommended minus current
 * @param relativeChange change / current outcome
 * @param evidence       fit quality and data window
 * @param caveats        codes of what limits the recommendation (see docs/mix.md)
 */
public record BudgetAnswer(long fitId, String modelVersion, MixOutcome outcome, LocalDate start, int weeks,
                           double budget, List<ChannelPlan> channels, double step, Estimate current,
                           Estimate recommended, Estimate change, Estimate relativeChange, Evidence evidence,
                           List<String> caveats) {

    public BudgetAnswer {
        channels = List.copyOf(channels);
        caveats = List.copyOf(caveats);
    }

    /**
     * A figure with its interval.
     *
     * @param value the expected value
     * @param lower lower end of the interval
     * @param upper upper end
     * @param level coverage of the interval, e.g. 0.8
     */
    public record Estimate(double value, double lower, double upper, double level) {
    }

    /**
     * One channel of the plan; spend per week.
     *
     * @param channel      the channel
     * @param current      current spend per week
     * @param recommended  recommended spend per week
     * @param min          lower bound
     * @param max          upper bound
     * @param locked       whether the channel was locked
     * @param roi          the channel's return on spend over the fitted weeks
     * @param roiLower     its interval
     * @param roiUpper     its interval
     * @param marginalRoi  extra outcome per extra unit of spend at the current spend
     * @param maxObserved  the most it ever spent in a week in the data
     */
    public record ChannelPlan(String channel, double current, double recommended, double min, double max,
                              boolean locked, double roi, double roiLower, double roiUpper, double marginalRoi,
                              double maxObserved) {

        /** Recommended minus current spend over one week. */
        public double shift() {
            return recommended - current;
        }
    }

    /**
     * Why to trust the recommendation, or not.
     *
     * @param firstWeek      first week of data
     * @param lastWeek       last week of data
     * @param weeks          weeks of data
     * @param r2             R² of the fit
     * @param nrmse          NRMSE of the fit
     * @param decompRssd     DECOMP.RSSD
     * @param holdoutWeeks   weeks held out, 0 without holdout check
     * @param holdoutMape    mean absolute percentage error on them (0 without holdout check)
     * @param bootstrap      bootstrap refits behind the intervals
     * @param liftTests      lift tests calibrating the fit
     * @param neverPaused    channels without a week of (almost) no spend
     */
    public record Evidence(LocalDate firstWeek, LocalDate lastWeek, int weeks, double r2, double nrmse,
                           double decompRssd, int holdoutWeeks, double holdoutMape, int bootstrap, int liftTests,
                           List<String> neverPaused) {

        public Evidence {
            neverPaused = List.copyOf(neverPaused);
        }
    }
}
