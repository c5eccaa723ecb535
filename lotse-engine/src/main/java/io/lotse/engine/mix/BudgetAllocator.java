package io.lotse.engine.mix;

import java.util.List;
import java.util.Locale;

/**
 * Splits a budget over channels to maximise the expected outcome on their response curves, within per-channel
 * bounds (a locked channel has equal bounds).
 *
 * <p>The curves need not be concave (Hill curves with α &gt; 1 are S-shaped), so a greedy split by marginal return
 * can stop in a poor local optimum. The allocator instead solves the separable problem globally on a grid by
 * dynamic programming (the best split of k grid units over the first j channels, for every k), then refines the
 * grid solution continuously by exchanging spend between pairs of channels (golden-section search on each
 * exchange) until no exchange improves the outcome.
 */
public final class BudgetAllocator {

    /** Grid units of the dynamic programme. */
    static final int GRID = 2000;
    private static final double GOLDEN = (Math.sqrt(5) - 1) / 2;

    private BudgetAllocator() {}

    /**
     * The split of {@code budget} that maximises the summed response.
     *
     * @param curves the channels' response curves
     * @param budget spend per period to split, all of it
     * @param lower  each channel's least spend per period
     * @param upper  each channel's most spend per period
     * @throws IllegalArgumentException when the bounds cannot hold the budget
     */
    public static Allocation maximise(List<? extends ResponseCurve> curves, double budget, double[] lower,
                                      double[] upper) {
        int n = curves.size();
        requireBounds(n, budget, lower, upper);
        double floor = sum(lower);
        double rest = budget - floor;
        double[] spend = lower.clone();
        if (rest <= 1e-12 * Math.max(1, budget)) {
            return new Allocation(spend, total(curves, spend));
        }
        double unit = rest / GRID;
        int[] maxUnits = new int[n];
        double[][] value = new double[n][];
        for (int c = 0; c < n; c++) {
            // The last unit of a channel may be partial: it stops at the upper bound.
            maxUnits[c] = (int) Math.min(GRID, Math.ceil((upper[c] - lower[c]) / unit - 1e-9));
            value[c] = new double[maxUnits[c] + 1];
            for (int k = 0; k <= maxUnits[c]; k++) {
                value[c][k] = curves.get(c).response(Math.min(upper[c], lower[c] + k * unit));
            }
        }
        // best[k]: the best outcome of k units over the channels so far; choice[c][k]: units channel c takes.
        double[] best = new double[GRID + 1];
        java.util.Arrays.fill(best, Double.NEGATIVE_INFINITY);
        int[][] choice = new int[n][GRID + 1];
        for (int k = 0; k <= Math.min(GRID, maxUnits[0]); k++) {
            best[k] = value[0][k];
            choice[0][k] = k;
        }
        for (int c = 1; c < n; c++) {
            double[] next = new double[GRID + 1];
            java.util.Arrays.fill(next, Double.NEGATIVE_INFINITY);
            for (int k = 0; k <= GRID; k++) {
                int most = Math.min(k, maxUnits[c]);
                double top = Double.NEGATIVE_INFINITY;
                int arg = 0;
                for (int j = 0; j <= most; j++) {
                    double before = best[k - j];
                    if (before == Double.NEGATIVE_INFINITY) {
                        continue;
                    }
                    double candidate = before + value[c][j];
                    if (candidate > top) {
                        top = candidate;
                        arg = j;
                    }
                }
                next[k] = top;
                choice[c][k] = arg;
            }
            best = next;
        }
        if (best[GRID] == Double.NEGATIVE_INFINITY) {
            throw new IllegalArgumentException("the upper bounds cannot hold the budget");
        }
        int units = GRID;
        for (int c = n - 1; c >= 0; c--) {
            int taken = choice[c][units];
            spend[c] = Math.min(upper[c], lower[c] + taken * unit);
            units -= taken;
        }
        fillUp(curves, spend, upper, budget);
        refine(curves, spend, lower, upper, 2 * unit);
        return new Allocation(spend, total(curves, spend));
    }

    /** Gives what partial units left over to the channels with room, best marginal return first. */
    private static void fillUp(List<? extends ResponseCurve> curves, double[] spend, double[] upper, double budget) {
        double left = budget - sum(spend);
        while (left > 1e-12 * Math.max(1, budget)) {
            int best = -1;
            double bestGain = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < spend.length; c++) {
                double room = Math.min(upper[c] - spend[c], left);
                if (room <= 0) {
                    continue;
                }
                double gain = curves.get(c).response(spend[c] + room) - curves.get(c).response(spend[c]);
                if (gain > bestGain) {
                    bestGain = gain;
                    best = c;
                }
            }
            if (best < 0) {
                return;
            }
            double room = Math.min(upper[best] - spend[best], left);
            spend[best] += room;
            left -= room;
        }
    }

    /** Exchanges spend between pairs of channels while that improves the outcome. */
    private static void refine(List<? extends ResponseCurve> curves, double[] spend, double[] lower, double[] upper,
                               double reach) {
        int n = curves.size();
        for (int round = 0; round < 50; round++) {
            double gained = 0;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    if (i == j) {
                        continue;
                    }
                    // Move d from j to i, d in [0, most].
                    double most = Math.min(Math.min(upper[i] - spend[i], spend[j] - lower[j]), reach);
                    if (most <= 0) {
                        continue;
                    }
                    ResponseCurve a = curves.get(i);
                    ResponseCurve b = curves.get(j);
                    double si = spend[i];
                    double sj = spend[j];
                    double base = a.response(si) + b.response(sj);
                    double lo = 0;
                    double hi = most;
                    for (int step = 0; step < 60 && hi - lo > 1e-9 * Math.max(1, most); step++) {
                        double m1 = hi - GOLDEN * (hi - lo);
                        double m2 = lo + GOLDEN * (hi - lo);
                        double f1 = a.response(si + m1) + b.response(sj - m1);
                        double f2 = a.response(si + m2) + b.response(sj - m2);
                        if (f1 < f2) {
                            lo = m1;
                        } else {
                            hi = m2;
                        }
                    }
                    double d = (lo + hi) / 2;
                    double improved = a.response(si + d) + b.response(sj - d);
                    if (improved > base + 1e-12 * Math.abs(base)) {
                        spend[i] = si + d;
                        spend[j] = sj - d;
                        gained += improved - base;
                    }
                }
            }
            if (gained <= 1e-12) {
                return;
            }
        }
    }

    /**
     * The largest budget whose best split still returns at least {@code targetRoi} outcome per unit of spend
     * (for a target cost per acquisition, pass its inverse), with that split.
     *
     * @throws IllegalArgumentException when no budget within the bounds reaches the target, naming the best ROI
     *                                  there is
     */
    public static Allocation forTargetRoi(List<? extends ResponseCurve> curves, double targetRoi, double[] lower,
                                          double[] upper) {
        if (!(targetRoi > 0)) {
            throw new IllegalArgumentException("the target ROI must be positive, was " + targetRoi);
        }
        double least = Math.max(sum(lower), 1e-9 * Math.max(1, sum(upper)));
        double most = sum(upper);
        int steps = 100;
        Allocation lastGood = null;
        double lastGoodBudget = 0;
        double bestRoi = 0;
        double nextBudget = most;
        for (int i = 0; i <= steps; i++) {
            double budget = least + (most - least) * i / steps;
            Allocation allocation = maximise(curves, budget, lower, upper);
            bestRoi = Math.max(bestRoi, allocation.roi());
            if (allocation.roi() >= targetRoi) {
                lastGood = allocation;
                lastGoodBudget = budget;
                nextBudget = i < steps ? least + (most - least) * (i + 1) / steps : budget;
            }
        }
        if (lastGood == null) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "no budget within the bounds reaches an ROI of %.4g; the best is %.4g", targetRoi, bestRoi));
        }
        double good = lastGoodBudget;
        double bad = nextBudget;
        for (int i = 0; i < 40 && bad - good > 1e-6 * Math.max(1, bad); i++) {
            double middle = (good + bad) / 2;
            Allocation allocation = maximise(curves, middle, lower, upper);
            if (allocation.roi() >= targetRoi) {
                good = middle;
                lastGood = allocation;
            } else {
                bad = middle;
            }
        }
        return lastGood;
    }

    /**
     * The least budget whose best split reaches an outcome per period of {@code target}, with that split.
     *
     * @throws IllegalArgumentException when even the upper bounds do not reach it
     */
    public static Allocation forTargetOutcome(List<? extends ResponseCurve> curves, double target, double[] lower,
                                              double[] upper) {
        double least = sum(lower);
        double most = sum(upper);
        Allocation atMost = maximise(curves, most, lower, upper);
        if (atMost.response() < target) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "an outcome of %.4g per period is out of reach; the upper bounds give %.4g", target,
                    atMost.response()));
        }
        Allocation atLeast = maximise(curves, least, lower, upper);
        if (atLeast.response() >= target) {
            return atLeast;
        }
        double low = least;
        double high = most;
        Allocation found = atMost;
        for (int i = 0; i < 50 && high - low > 1e-7 * Math.max(1, high); i++) {
            double middle = (low + high) / 2;
            Allocation allocation = maximise(curves, middle, lower, upper);
            if (allocation.response() >= target) {
                high = middle;
                found = allocation;
            } else {
                low = middle;
            }
        }
        return found;
    }

    /**
     * The split of {@code budget} in proportion to {@code weights} (e.g. the current plan), as near as the bounds
     * allow: {@code clamp(lower + weight · t, lower, upper)} with t chosen so that the spend adds up to the budget.
     * Without any positive weight, or when the weighted channels cannot hold the budget, every channel weighs the
     * same.
     */
    public static double[] proportional(double[] weights, double budget, double[] lower, double[] upper) {
        int n = weights.length;
        requireBounds(n, budget, lower, upper);
        double[] w = weights.clone();
        double capacity = 0;
        for (int c = 0; c < n; c++) {
            w[c] = Math.max(0, w[c]);
            capacity += w[c] > 0 ? upper[c] : lower[c];
        }
        if (sum(w) == 0 || capacity < budget) {
            java.util.Arrays.fill(w, 1);
        }
        double low = 0;
        double high = 1;
        while (spread(w, high, lower, upper) < budget && high < 1e300) {
            high *= 2;
        }
        for (int i = 0; i < 200 && high - low > 1e-15 * high; i++) {
            double middle = (low + high) / 2;
            if (spread(w, middle, lower, upper) < budget) {
                low = middle;
            } else {
                high = middle;
            }
        }
        double[] spend = new double[n];
        for (int c = 0; c < n; c++) {
            spend[c] = Math.min(upper[c], lower[c] + w[c] * high);
        }
        return spend;
    }

    private static double spread(double[] w, double t, double[] lower, double[] upper) {
        double total = 0;
        for (int c = 0; c < w.length; c++) {
            total += Math.min(upper[c], lower[c] + w[c] * t);
        }
        return total;
    }

    private static void requireBounds(int n, double budget, double[] lower, double[] upper) {
        if (n == 0) {
            throw new IllegalArgumentException("there are no channels to allocate to");
        }
        if (lower.length != n || upper.length != n) {
            throw new IllegalArgumentException("every channel needs a lower and an upper bound");
        }
        if (!(budget >= 0 && Double.isFinite(budget))) {
            throw new IllegalArgumentException("the budget must be a number ≥ 0, was " + budget);
        }
        for (int c = 0; c < n; c++) {
            if (!(lower[c] >= 0 && lower[c] <= upper[c] && Double.isFinite(upper[c]))) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "channel %d needs 0 ≤ lower ≤ upper, was %.2f and %.2f", c + 1, lower[c], upper[c]));
            }
        }
        double floor = sum(lower);
        double ceiling = sum(upper);
        if (budget < floor - 1e-9 * Math.max(1, floor)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "the budget %.2f is below the sum of the lower bounds, %.2f", budget, floor));
        }
        if (budget > ceiling + 1e-9 * Math.max(1, ceiling)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "the budget %.2f exceeds the sum of the upper bounds, %.2f", budget, ceiling));
        }
    }

    static double total(List<? extends ResponseCurve> curves, double[] spend) {
        double total = 0;
        for (int c = 0; c < spend.length; c++) {
            total += curves.get(c).response(spend[c]);
        }
        return total;
    }

    private static double sum(double[] values) {
        double total = 0;
        for (double v : values) {
            total += v;
        }
        return total;
    }
}
