package io.lotse.bench;

import io.lotse.engine.mix.Allocation;
import io.lotse.engine.mix.BudgetAllocator;
import io.lotse.engine.mix.BudgetRecommender;
import io.lotse.engine.mix.ChannelEffect;
import io.lotse.engine.mix.ChannelResult;
import io.lotse.engine.mix.FitDiagnostics;
import io.lotse.engine.mix.GeometricAdstock;
import io.lotse.engine.mix.HillSaturation;
import io.lotse.engine.mix.Interval;
import io.lotse.engine.mix.LiftTest;
import io.lotse.engine.mix.LogisticSaturation;
import io.lotse.engine.mix.MixData;
import io.lotse.engine.mix.MixFitter;
import io.lotse.engine.mix.MixResult;
import io.lotse.engine.mix.MixSettings;
import io.lotse.engine.mix.ShoppingHolidays;
import io.lotse.engine.mix.WeibullAdstock;
import java.io.IOException;
import java.io.PrintStream;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Fits the marketing-mix model to a CSV file or a simulated shop, recommends a budget split for the next four
 * periods and, for a simulated shop, compares everything with the truth: each channel's contribution and ROI, and
 * the share of the truly optimal outcome the recommended split achieves under the true response curves.
 *
 * <p>Progress goes to standard error; the last line of standard output is one JSON object (see {@code docs/mix.md}).
 */
public final class MixEvaluation {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final EvaluationCommand<MixOptions> COMMAND = new EvaluationCommand<>("mix", MixOptions.USAGE,
            MixOptions::parse, options -> "the input", MixEvaluation::evaluate);
    /** The plan recommended: the next four periods (a month of weeks). */
    static final int PLAN_PERIODS = 4;
    /** The current plan: the average spend per period over the last year of weekly data. */
    static final int CURRENT_PERIODS = 52;
    /** Allocation bounds relative to the current spend of each channel. */
    static final double LOWER = 0.5;
    static final double UPPER = 2;

    private MixEvaluation() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        return COMMAND.run(args, out, err);
    }

    static ObjectNode evaluate(MixOptions options, PrintStream err) throws IOException {
        long started = System.nanoTime();
        SimulatedMixShop shop = null;
        MixData data;
        if (options.simulated() != null) {
            shop = SimulatedMixShop.read(options.simulated()).withExtraChannels(options.extraChannels(),
                    options.seed());
            data = shop.data();
            err.printf(Locale.ROOT, "Simulated shop %s: %d weeks, %d channels (%d added)%n", options.simulated(),
                    data.size(), data.channels().size(), options.extraChannels());
            if (options.writeData() != null) {
                shop.writeCsv(options.writeData());
                err.printf(Locale.ROOT, "Weekly data written to %s%n", options.writeData().toAbsolutePath());
            }
        } else {
            data = WeeklyTable.read(options.data(), options.dateColumn(), options.target(), options.channels(),
                    options.controls());
            err.printf(Locale.ROOT, "Read %d periods of %d days, %d channels, %d controls from %s%n", data.size(),
                    data.periodDays(), data.channels().size(), data.controlNames().size(), options.data());
        }
        if (options.holidays()) {
            data = data.withControls(ShoppingHolidays.NAMES,
                    ShoppingHolidays.controls(data.periods(), data.periodDays()));
        }
        MixSettings settings = MixSettings.defaults(options.seed()).withAdstock(options.adstock())
                .withSaturation(options.saturation()).withBootstrap(options.bootstrap(), 40);
        long readNanos = System.nanoTime() - started;

        long fitStart = System.nanoTime();
        MixResult result = MixFitter.fit(data, settings);
        long fitNanos = System.nanoTime() - fitStart;
        err.printf(Locale.ROOT, "Fitted in %.1f s: R² %.3f, NRMSE %.4f, DECOMP.RSSD %.3f%n", fitNanos / 1e9,
                result.diagnostics().r2(), result.diagnostics().nrmse(), result.diagnostics().decompRssd());

        long allocationStart = System.nanoTime();
        Plan plan = Plan.of(data);
        LocalDate next = data.periods().get(data.size() - 1).plusDays(data.periodDays());
        BudgetRecommender.Recommendation recommendation = BudgetRecommender.recommend(result, plan.current(),
                plan.budget(), plan.lower(), plan.upper(), next, PLAN_PERIODS);
        long allocationNanos = System.nanoTime() - allocationStart;
        err.printf(Locale.ROOT, "Allocated in %.2f s: %.0f%% of the way to the expected optimum%n",
                allocationNanos / 1e9, 100 * recommendation.step());

        ObjectNode root = NODES.objectNode();
        root.put("periods", data.size());
        root.put("period_days", data.periodDays());
        root.put("first_period", data.periods().get(0).toString());
        root.put("last_period", data.periods().get(data.size() - 1).toString());
        root.put("outcome_total", round(sum(data.outcome())));
        root.set("channels", channels(result));
        root.set("fit", fit(result.diagnostics()));
        root.set("allocation", allocation(data, plan, recommendation));
        ObjectNode seconds = root.putObject("seconds");
        seconds.put("read", round(readNanos / 1e9));
        seconds.put("fit", round(fitNanos / 1e9));
        seconds.put("allocation", round(allocationNanos / 1e9));
        seconds.put("fit_and_allocation", round((fitNanos + allocationNanos) / 1e9));
        ObjectNode settingsNode = root.putObject("settings");
        settingsNode.put("adstock", settings.adstock().key());
        settingsNode.put("saturation", settings.saturation().key());
        settingsNode.put("holidays", options.holidays());
        settingsNode.put("trials", settings.trials());
        settingsNode.put("generations", settings.generations());
        settingsNode.put("population", settings.population());
        settingsNode.put("bootstrap", settings.bootstrapReplicates());
        settingsNode.put("decomp_weight", settings.decompWeight());
        settingsNode.put("interval_level", settings.intervalLevel());
        settingsNode.put("seed", settings.seed());
        settingsNode.put("threads", Runtime.getRuntime().availableProcessors());
        if (shop != null) {
            root.set("truth", truth(shop, data, result, plan, recommendation));
            if (options.liftTests() > 0) {
                List<LiftTest> tests = shop.liftTests(options.liftTests());
                long calibratedStart = System.nanoTime();
                MixResult calibrated = MixFitter.fit(data, settings, tests);
                BudgetRecommender.Recommendation calibratedRecommendation = BudgetRecommender.recommend(calibrated,
                        plan.current(), plan.budget(), plan.lower(), plan.upper(), next, PLAN_PERIODS);
                ObjectNode node = root.putObject("calibrated");
                node.put("lift_tests", tests.size());
                node.put("seconds", round((System.nanoTime() - calibratedStart) / 1e9));
                node.set("fit", fit(calibrated.diagnostics()));
                node.set("truth", truth(shop, data, calibrated, plan, calibratedRecommendation));
                err.printf(Locale.ROOT, "Calibrated with %d lift tests: contribution error %.1f%% (uncalibrated %.1f%%)"
                        + "%n", tests.size(), 100 * node.path("truth").path("contribution_mape").asDouble(),
                        100 * root.path("truth").path("contribution_mape").asDouble());
            }
        }
        return root;
    }

    /**
     * The current plan and its bounds.
     *
     * @param current spend per period of every channel, averaged over the last year
     * @param budget  their sum
     * @param lower   half the current spend
     * @param upper   twice the current spend
     */
    record Plan(double[] current, double budget, double[] lower, double[] upper) {

        static Plan of(MixData data) {
            int channels = data.channels().size();
            int from = Math.max(0, data.size() - CURRENT_PERIODS * 7 / data.periodDays());
            double[] current = new double[channels];
            double[] lower = new double[channels];
            double[] upper = new double[channels];
            double budget = 0;
            for (int c = 0; c < channels; c++) {
                double[] spend = data.spend(c);
                for (int t = from; t < data.size(); t++) {
                    current[c] += spend[t] / (data.size() - from);
                }
                lower[c] = LOWER * current[c];
                upper[c] = UPPER * current[c];
                budget += current[c];
            }
            return new Plan(current, budget, lower, upper);
        }
    }

    private static ArrayNode channels(MixResult result) {
        ArrayNode array = NODES.arrayNode();
        for (ChannelResult channel : result.channels()) {
            ObjectNode node = array.addObject();
            node.put("channel", channel.channel());
            node.put("spend", round(channel.spend()));
            node.put("contribution", round(channel.contribution()));
            node.set("contribution_interval", interval(channel.contributionInterval()));
            node.put("share_of_outcome", round(channel.outcomeShare()));
            node.put("spend_share", round(channel.spendShare()));
            node.put("effect_share", round(channel.effectShare()));
            node.put("roi", round(channel.roi()));
            node.set("roi_interval", interval(channel.roiInterval()));
            node.put("mroi", round(channel.marginalRoi()));
            node.set("mroi_interval", interval(channel.marginalRoiInterval()));
            node.put("paused_share", round(channel.pausedShare()));
            ChannelEffect effect = channel.effect();
            ObjectNode adstock = node.putObject("adstock");
            if (effect.adstock() instanceof GeometricAdstock geometric) {
                adstock.put("type", "geometric");
                adstock.put("theta", round(geometric.theta()));
            } else if (effect.adstock() instanceof WeibullAdstock weibull) {
                adstock.put("type", weibull.pdf() ? "weibull_pdf" : "weibull_cdf");
                adstock.put("shape", round(weibull.shape()));
                adstock.put("scale_periods", round(weibull.scalePeriods()));
            }
            ObjectNode saturation = node.putObject("saturation");
            if (effect.saturation() instanceof HillSaturation hill) {
                saturation.put("type", "hill");
                saturation.put("alpha", round(hill.alpha()));
                saturation.put("kappa", round(hill.kappa()));
            } else if (effect.saturation() instanceof LogisticSaturation logistic) {
                saturation.put("type", "logistic");
                saturation.put("mu", logistic.mu());
            }
            node.put("beta", round(effect.beta()));
        }
        return array;
    }

    private static ObjectNode fit(FitDiagnostics diagnostics) {
        ObjectNode node = NODES.objectNode();
        node.put("r2", round(diagnostics.r2()));
        node.put("nrmse", round(diagnostics.nrmse()));
        node.put("decomp_rssd", round(diagnostics.decompRssd()));
        if (!Double.isNaN(diagnostics.mapeLift())) {
            node.put("mape_lift", round(diagnostics.mapeLift()));
        }
        if (diagnostics.holdout() != null) {
            ObjectNode holdout = node.putObject("holdout");
            holdout.put("periods", diagnostics.holdout().periods());
            holdout.put("r2", round(diagnostics.holdout().r2()));
            holdout.put("nrmse", round(diagnostics.holdout().nrmse()));
            holdout.put("mape", round(diagnostics.holdout().mape()));
        }
        node.put("pareto_front", diagnostics.paretoFront());
        node.put("evaluations", diagnostics.evaluations());
        node.put("bootstrap_replicates", diagnostics.bootstrapReplicates());
        return node;
    }

    private static ObjectNode allocation(MixData data, Plan plan, BudgetRecommender.Recommendation recommendation) {
        ObjectNode node = NODES.objectNode();
        node.put("periods", PLAN_PERIODS);
        node.put("budget_per_period", round(plan.budget()));
        node.put("bounds", LOWER + "x to " + UPPER + "x current");
        node.set("current", split(data, recommendation.anchor()));
        node.set("recommended", split(data, recommendation.recommended()));
        node.set("expected_optimum", split(data, recommendation.optimal()));
        node.put("step_towards_optimum", round(recommendation.step()));
        var comparison = recommendation.comparison();
        node.put("expected_change", round(comparison.change()));
        node.set("change_interval", interval(comparison.changeRange()));
        node.put("relative_change", round(comparison.relative()));
        node.set("relative_interval", interval(comparison.relativeRange()));
        node.put("forecast_current", round(comparison.current().outcome()));
        node.set("forecast_current_interval", interval(comparison.current().outcomeRange()));
        node.put("forecast_recommended", round(comparison.proposed().outcome()));
        node.set("forecast_recommended_interval", interval(comparison.proposed().outcomeRange()));
        return node;
    }

    private static ObjectNode split(MixData data, double[] spend) {
        ObjectNode node = NODES.objectNode();
        for (int c = 0; c < spend.length; c++) {
            node.put(data.channels().get(c), round(spend[c]));
        }
        return node;
    }

    /** Errors against the truth, and the allocation judged on the true curves. */
    private static ObjectNode truth(SimulatedMixShop shop, MixData data, MixResult result, Plan plan,
                                    BudgetRecommender.Recommendation recommendation) {
        ObjectNode node = NODES.objectNode();
        node.put("outcome", "new customers per week");
        node.put("mean_first_order_value", round(shop.meanFirstOrder()));
        ArrayNode channels = node.putArray("channels");
        double contributionError = 0;
        double roiError = 0;
        double weightedError = 0;
        double totalTruth = sum(shop.expected());
        for (int c = 0; c < data.channels().size(); c++) {
            ChannelResult fitted = result.channels().get(c);
            double truth = shop.expected()[c];
            double trueRoi = truth / fitted.spend();
            double error = fitted.contribution() / truth - 1;
            ObjectNode channel = channels.addObject();
            channel.put("channel", fitted.channel());
            channel.put("true_contribution", round(truth));
            channel.put("contribution", round(fitted.contribution()));
            channel.put("contribution_error", round(error));
            channel.put("true_roi", round(trueRoi));
            channel.put("roi", round(fitted.roi()));
            channel.put("roi_error", round(fitted.roi() / trueRoi - 1));
            channel.put("true_revenue_per_euro", round(trueRoi * shop.meanFirstOrder()));
            channel.put("revenue_per_euro", round(fitted.roi() * shop.meanFirstOrder()));
            channel.put("truth_in_roi_interval", fitted.roiInterval().contains(trueRoi));
            double trueMarginal = shop.channels().get(c).marginalResponse(plan.current()[c]);
            channel.put("true_mroi", round(trueMarginal));
            channel.put("mroi", round(result.model().effect(c).marginalResponse(plan.current()[c])));
            contributionError += Math.abs(error) / data.channels().size();
            roiError += Math.abs(fitted.roi() / trueRoi - 1) / data.channels().size();
            weightedError += Math.abs(fitted.contribution() - truth) / totalTruth;
        }
        node.put("contribution_mape", round(contributionError));
        node.put("roi_mape", round(roiError));
        node.put("contribution_error_weighted", round(weightedError));

        List<ChannelEffect> truthCurves = shop.channels();
        Allocation optimum = BudgetAllocator.maximise(truthCurves, plan.budget(), plan.lower(), plan.upper());
        double current = total(truthCurves, recommendation.anchor());
        double recommended = total(truthCurves, recommendation.recommended());
        double expectedOptimum = total(truthCurves, recommendation.optimal());
        double selectedOptimum = total(truthCurves, BudgetAllocator.maximise(result.model().effects(), plan.budget(),
                plan.lower(), plan.upper()).spend());
        ObjectNode allocation = node.putObject("allocation");
        allocation.put("budget_per_week", round(plan.budget()));
        allocation.set("true_optimum", split(data, optimum.spend()));
        allocation.put("true_outcome_optimum", round(optimum.response()));
        allocation.put("true_outcome_current", round(current));
        allocation.put("true_outcome_recommended", round(recommended));
        allocation.put("share_of_optimum", round(recommended / optimum.response()));
        allocation.put("current_share_of_optimum", round(current / optimum.response()));
        double room = optimum.response() - current;
        allocation.put("uplift_share", room <= 0 ? 1 : round((recommended - current) / room));
        allocation.put("expected_optimum_share", round(expectedOptimum / optimum.response()));
        allocation.put("selected_model_optimum_share", round(selectedOptimum / optimum.response()));
        // The shop's own split is already near the optimum, so the share above says little about whether the
        // recommender finds better splits; starting from an even split (within the same bounds) does.
        double[] even = BudgetAllocator.proportional(ones(plan.current().length), plan.budget(), plan.lower(),
                plan.upper());
        LocalDate next = data.periods().get(data.size() - 1).plusDays(data.periodDays());
        BudgetRecommender.Recommendation fromEven = BudgetRecommender.recommend(result, even, plan.budget(),
                plan.lower(), plan.upper(), next, PLAN_PERIODS);
        double evenOutcome = total(truthCurves, even);
        double evenRecommended = total(truthCurves, fromEven.recommended());
        ObjectNode evenNode = allocation.putObject("from_even_split");
        evenNode.set("start", split(data, even));
        evenNode.set("recommended", split(data, fromEven.recommended()));
        evenNode.put("step_towards_optimum", round(fromEven.step()));
        evenNode.put("start_share_of_optimum", round(evenOutcome / optimum.response()));
        evenNode.put("share_of_optimum", round(evenRecommended / optimum.response()));
        double evenRoom = optimum.response() - evenOutcome;
        evenNode.put("uplift_share", evenRoom <= 0 ? 1 : round((evenRecommended - evenOutcome) / evenRoom));
        return node;
    }

    private static double[] ones(int length) {
        double[] ones = new double[length];
        java.util.Arrays.fill(ones, 1);
        return ones;
    }

    private static double total(List<ChannelEffect> curves, double[] spend) {
        double total = 0;
        for (int c = 0; c < spend.length; c++) {
            total += curves.get(c).response(spend[c]);
        }
        return total;
    }

    private static ArrayNode interval(Interval interval) {
        ArrayNode array = NODES.arrayNode();
        array.add(round(interval.lower()));
        array.add(round(interval.upper()));
        return array;
    }

    private static double sum(double[] values) {
        double total = 0;
        for (double v : values) {
            total += v;
        }
        return total;
    }

    /** Six significant digits: enough for every figure reported, short enough to read. */
    static double round(double value) {
        if (!Double.isFinite(value) || value == 0) {
            return value;
        }
        return new java.math.BigDecimal(value).round(new java.math.MathContext(6)).doubleValue();
    }
}
