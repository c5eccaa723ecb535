package io.lotse.engine.mix;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Recommends a budget split from a fitted model, taking its uncertainty into account.
 *
 * <ol>
 *   <li>The optimum maximises the <em>expected</em> outcome: the response curves averaged over the selected
 *   model and its bootstrap refits (the models the data support), not the selected model's curves alone.</li>
 *   <li>The recommendation moves from the anchor (the current plan scaled to the budget, within the bounds)
 *   towards that optimum only as far as the evidence carries: the step is chosen to maximise the lower end of
 *   the interval of the improvement across the models. Where the models disagree, the recommendation stays
 *   close to the current plan; where no step is better in the lower end, it keeps the current plan.</li>
 * </ol>
 */
public final class BudgetRecommender {

    /** Steps from the anchor to the optimum that are tried: 0, 5%, …, 100% of the way. */
    static final int STEPS = 20;

    private BudgetRecommender() {}

    /**
     * A recommendation.
     *
     * @param anchor      the current plan scaled to the budget, within the bounds: what changes are measured from
     * @param optimal     the split maximising the expected outcome
     * @param recommended the split recommended: {@code anchor + step · (optimal − anchor)}
     * @param step        how far the recommendation moves towards the optimum, 0 to 1
     * @param comparison  the recommended plan against the anchor over the forecast periods
     */
    public record Recommendation(double[] anchor, double[] optimal, double[] recommended, double step,
                                 PlanForecast.Comparison comparison) {
    }

    /**
     * Response curves averaged over the selected model and its bootstrap refits: the expected outcome per period
     * of each channel at a spend per period.
     */
    public static List<ResponseCurve> expectedCurves(MixResult result) {
        List<MixModel> models = new ArrayList<>();
        models.add(result.model());
        models.addAll(result.replicates());
        List<ResponseCurve> curves = new ArrayList<>();
        for (int c = 0; c < result.model().effects().size(); c++) {
            int channel = c;
            curves.add(spend -> {
                double total = 0;
                for (MixModel model : models) {
                    total += model.effect(channel).response(spend);
                }
                return total / models.size();
            });
        }
        return curves;
    }

    /**
     * Recommends a split of {@code budget} per period.
     *
     * @param current     the current spend per period of every channel, in the model's order
     * @param budget      spend per period to split
     * @param lower       least spend per period of every channel (equal to upper for a locked channel)
     * @param upper       most spend per period of every channel
     * @param firstPeriod first period of the plan, for the forecast
     * @param periods     periods of the plan
     */
    public static Recommendation recommend(MixResult result, double[] current, double budget, double[] lower,
                                           double[] upper, LocalDate firstPeriod, int periods) {
        List<ResponseCurve> curves = expectedCurves(result);
        double[] anchor = BudgetAllocator.proportional(current, budget, lower, upper);
        double[] optimal = BudgetAllocator.maximise(curves, budget, lower, upper).spend();
        List<MixModel> models = new ArrayList<>();
        models.add(result.model());
        models.addAll(result.replicates());
        double tail = (1 - result.intervalLevel()) / 2;
        double bestStep = 0;
        double bestLower = 0;
        for (int k = 1; k <= STEPS; k++) {
            double step = (double) k / STEPS;
            double[] plan = between(anchor, optimal, step);
            double[] gains = new double[models.size()];
            for (int m = 0; m < models.size(); m++) {
                for (int c = 0; c < plan.length; c++) {
                    ChannelEffect effect = models.get(m).effect(c);
                    gains[m] += effect.response(plan[c]) - effect.response(anchor[c]);
                }
            }
            java.util.Arrays.sort(gains);
            double lowerEnd = Interval.quantile(gains, tail);
            if (lowerEnd > bestLower * (1 + 1e-9) + 1e-12) {
                bestLower = lowerEnd;
                bestStep = step;
            }
        }
        double[] recommended = between(anchor, optimal, bestStep);
        return new Recommendation(anchor, optimal, recommended, bestStep,
                PlanForecast.compare(result, anchor, recommended, firstPeriod, periods));
    }

    private static double[] between(double[] from, double[] to, double step) {
        double[] plan = new double[from.length];
        for (int c = 0; c < from.length; c++) {
            plan[c] = from[c] + step * (to[c] - from[c]);
        }
        return plan;
    }
}
