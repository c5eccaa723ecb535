package io.lotse.engine.mix;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * What a budget plan is expected to bring over coming periods, with intervals from the bootstrap refits.
 *
 * <p>Media act through their response curves at a steady spend per period (adstock settled); the baseline follows
 * the fitted trend and seasonality, holiday controls from the calendar and any other control at its average over
 * the fitted periods. The interval of the total adds the fit's residual noise; the interval of a difference
 * between two plans does not, as both plans would meet the same noise.
 *
 * @param firstPeriod   first period of the forecast
 * @param periods       periods forecast
 * @param spend         total spend of the plan over the periods
 * @param outcome       expected total outcome over the periods
 * @param outcomeRange  its interval
 * @param media         expected outcome caused by the plan's spend
 * @param mediaRange    its interval
 */
public record PlanForecast(LocalDate firstPeriod, int periods, double spend, double outcome, Interval outcomeRange,
                           double media, Interval mediaRange) {

    /**
     * Forecasts a plan.
     *
     * @param result         the fitted model
     * @param spendPerPeriod the plan: spend per period of every channel, in the model's order
     * @param firstPeriod    first period of the forecast
     * @param periods        number of periods
     */
    public static PlanForecast of(MixResult result, double[] spendPerPeriod, LocalDate firstPeriod, int periods) {
        requirePlan(result, spendPerPeriod, periods);
        double[] baseline = baselineTotals(result, firstPeriod, periods);
        double[] media = mediaTotals(result, spendPerPeriod, periods);
        int replicates = media.length - 1;
        double spend = 0;
        for (double v : spendPerPeriod) {
            spend += v * periods;
        }
        double level = result.intervalLevel();
        if (replicates == 0) {
            double total = baseline[0] + media[0];
            double noise = result.model().residualSd() * Math.sqrt(periods) * normalQuantile(0.5 + level / 2);
            return new PlanForecast(firstPeriod, periods, spend, total, new Interval(total - noise, total + noise),
                    media[0], new Interval(media[0], media[0]));
        }
        SplittableRandom random = new SplittableRandom(result.provenance().settings().seed() ^ 0x9E3779B97F4A7C15L);
        double[] totals = new double[replicates];
        double[] mediaOnly = new double[replicates];
        for (int r = 0; r < replicates; r++) {
            double sd = result.replicates().get(r).residualSd() * Math.sqrt(periods);
            totals[r] = baseline[r + 1] + media[r + 1] + sd * Gaussian.draw(random);
            mediaOnly[r] = media[r + 1];
        }
        return new PlanForecast(firstPeriod, periods, spend, baseline[0] + media[0],
                Interval.around(baseline[0] + media[0], totals, level), media[0],
                Interval.around(media[0], mediaOnly, level));
    }

    /**
     * The difference a proposed plan makes against the current one, with its interval: in outcome and relative to
     * the current plan's expected outcome.
     *
     * @param current     the current plan's forecast
     * @param proposed    the proposed plan's forecast
     * @param change      expected extra outcome of the proposal (negative for less)
     * @param changeRange its interval
     * @param relative    change / current outcome
     * @param relativeRange its interval
     */
    public record Comparison(PlanForecast current, PlanForecast proposed, double change, Interval changeRange,
                             double relative, Interval relativeRange) {
    }

    /** Compares two plans over the same periods. */
    public static Comparison compare(MixResult result, double[] current, double[] proposed, LocalDate firstPeriod,
                                     int periods) {
        PlanForecast now = of(result, current, firstPeriod, periods);
        PlanForecast next = of(result, proposed, firstPeriod, periods);
        double[] baseline = baselineTotals(result, firstPeriod, periods);
        double[] mediaNow = mediaTotals(result, current, periods);
        double[] mediaNext = mediaTotals(result, proposed, periods);
        double change = mediaNext[0] - mediaNow[0];
        double relative = change / (baseline[0] + mediaNow[0]);
        int replicates = baseline.length - 1;
        if (replicates == 0) {
            return new Comparison(now, next, change, new Interval(change, change), relative,
                    new Interval(relative, relative));
        }
        double[] changes = new double[replicates];
        double[] relatives = new double[replicates];
        for (int r = 0; r < replicates; r++) {
            changes[r] = mediaNext[r + 1] - mediaNow[r + 1];
            relatives[r] = changes[r] / (baseline[r + 1] + mediaNow[r + 1]);
        }
        double level = result.intervalLevel();
        return new Comparison(now, next, change, Interval.around(change, changes, level), relative,
                Interval.around(relative, relatives, level));
    }

    private static void requirePlan(MixResult result, double[] plan, int periods) {
        if (plan.length != result.model().effects().size()) {
            throw new IllegalArgumentException("a plan needs a spend for each of the " + result.model().effects().size()
                    + " channels, got " + plan.length);
        }
        for (double v : plan) {
            if (!(v >= 0 && Double.isFinite(v))) {
                throw new IllegalArgumentException("a plan's spend must be a number ≥ 0, was " + v);
            }
        }
        if (periods < 1) {
            throw new IllegalArgumentException("a forecast needs at least one period, was " + periods);
        }
    }

    /** Baseline totals over the periods: the point model first, then every replicate. */
    private static double[] baselineTotals(MixResult result, LocalDate firstPeriod, int periods) {
        List<MixModel> models = models(result);
        MixData data = result.data();
        List<LocalDate> dates = new ArrayList<>();
        for (int k = 0; k < periods; k++) {
            dates.add(firstPeriod.plusDays((long) k * data.periodDays()));
        }
        double[][] controls = futureControls(data, dates);
        double[] totals = new double[models.size()];
        double[] values = new double[controls.length];
        for (int m = 0; m < models.size(); m++) {
            Baseline baseline = models.get(m).baseline();
            for (int k = 0; k < periods; k++) {
                for (int i = 0; i < controls.length; i++) {
                    values[i] = controls[i][k];
                }
                totals[m] += baseline.value(dates.get(k), values);
            }
        }
        return totals;
    }

    /** Holiday controls from the calendar, every other control at its average. */
    private static double[][] futureControls(MixData data, List<LocalDate> dates) {
        double[][] holidays = ShoppingHolidays.controls(dates, data.periodDays());
        double[][] controls = new double[data.controlNames().size()][dates.size()];
        for (int i = 0; i < controls.length; i++) {
            int holiday = ShoppingHolidays.NAMES.indexOf(data.controlNames().get(i));
            if (holiday >= 0) {
                controls[i] = holidays[holiday];
            } else {
                double mean = 0;
                for (double v : data.controlRow(i)) {
                    mean += v;
                }
                java.util.Arrays.fill(controls[i], mean / data.size());
            }
        }
        return controls;
    }

    /** Media totals over the periods at steady state: the point model first, then every replicate. */
    private static double[] mediaTotals(MixResult result, double[] plan, int periods) {
        List<MixModel> models = models(result);
        double[] totals = new double[models.size()];
        for (int m = 0; m < models.size(); m++) {
            double perPeriod = 0;
            for (int c = 0; c < plan.length; c++) {
                perPeriod += models.get(m).effect(c).response(plan[c]);
            }
            totals[m] = perPeriod * periods;
        }
        return totals;
    }

    private static List<MixModel> models(MixResult result) {
        List<MixModel> models = new ArrayList<>();
        models.add(result.model());
        models.addAll(result.replicates());
        return models;
    }

    /** The standard normal quantile, through the inverse error function. */
    static double normalQuantile(double p) {
        return org.hipparchus.special.Erf.erfInv(2 * p - 1) * Math.sqrt(2);
    }

    /** Standard normal draws from a seeded generator. */
    static final class Gaussian {
        private Gaussian() {}

        static double draw(SplittableRandom random) {
            double u = Math.max(random.nextDouble(), Double.MIN_VALUE);
            double v = random.nextDouble();
            return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
        }
    }
}
