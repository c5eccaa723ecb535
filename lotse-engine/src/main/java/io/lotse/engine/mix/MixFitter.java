package io.lotse.engine.mix;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.hipparchus.optim.InitialGuess;
import org.hipparchus.optim.MaxEval;
import org.hipparchus.optim.SimpleBounds;
import org.hipparchus.optim.nonlinear.scalar.GoalType;
import org.hipparchus.optim.nonlinear.scalar.ObjectiveFunction;
import org.hipparchus.optim.nonlinear.scalar.noderiv.CMAESOptimizer;
import org.hipparchus.random.Well19937c;
import org.jspecify.annotations.Nullable;

/**
 * Fits a marketing-mix model the way Robyn does, in plain Java:
 *
 * <ol>
 *   <li>a hyperparameter search with CMA-ES (Hipparchus) over every channel's adstock and saturation parameters
 *   and the ridge penalty, in several independent trials;</li>
 *   <li>for each candidate, ridge regression on standardised columns (closed form, EJML) with non-negative media
 *   coefficients (an active-set method);</li>
 *   <li>multi-objective scoring: NRMSE, DECOMP.RSSD and, with lift tests, MAPE.LIFT; the search minimises their
 *   weighted sum, and every evaluated candidate enters a Pareto archive whose size is reported;</li>
 *   <li>a moving-block residual bootstrap, each refit searching afresh from a random start, for intervals of
 *   ROI, marginal ROI and contributions and for the expected response curves the allocator uses;</li>
 *   <li>a holdout check: the model refitted without the last periods predicts them.</li>
 * </ol>
 *
 * Every random choice derives from the settings' seed, so the same data and settings give the same model, whatever
 * the number of threads.
 */
public final class MixFitter {

    private static final double START_SIGMA = 0.3;
    private static final double INVALID = 1e6;

    private MixFitter() {}

    /** Fits without lift tests. */
    public static MixResult fit(MixData data, MixSettings settings) {
        return fit(data, settings, List.of());
    }

    /**
     * Fits the model.
     *
     * @param liftTests experiments that calibrate the fit; each must name a channel of the data and overlap its
     *                  periods
     * @throws IllegalArgumentException when the data or a lift test cannot be used, with the reason
     */
    public static MixResult fit(MixData data, MixSettings settings, List<LiftTest> liftTests) {
        long started = System.nanoTime();
        MixProblem problem = new MixProblem(data, settings, data.outcome(), data.size(), liftTests);
        if (problem.lifts().size() != liftTests.size()) {
            throw new IllegalArgumentException("a lift test lies outside the data's periods ("
                    + data.periods().get(0) + " to " + data.periods().get(data.size() - 1) + ")");
        }
        int minimum = problem.dimension + 2;
        if (data.size() < minimum) {
            throw new IllegalArgumentException("too little data: " + data.size() + " periods for "
                    + data.channels().size() + " channels; the model needs at least " + minimum);
        }

        Search main = search(data, settings, data.outcome(), data.size(), liftTests, null, START_SIGMA,
                settings.trials(), settings.generations(), settings.seed(), true);
        MixModel model = problem.model(main.best());
        MixProblem.Evaluation evaluation = problem.evaluate(main.best());
        double[] fitted = model.predict(data);
        FitDiagnostics.Holdout holdout = holdout(data, settings, liftTests, main.best());
        List<MixModel> replicates = bootstrap(data, settings, liftTests, fitted, main.best());

        List<FitDiagnostics.LiftCheck> checks = new ArrayList<>();
        double[][] contributions = model.contributionsOf(data);
        for (LiftTest test : liftTests) {
            double estimated = 0;
            int channel = data.channelIndex(test.channel());
            for (int t = 0; t < data.size(); t++) {
                if (overlaps(data, t, test)) {
                    estimated += contributions[channel][t];
                }
            }
            checks.add(new FitDiagnostics.LiftCheck(test, estimated,
                    estimated >= test.lower() && estimated <= test.upper()));
        }
        FitDiagnostics diagnostics = new FitDiagnostics(evaluation.r2(), evaluation.nrmse(), evaluation.decompRssd(),
                evaluation.mapeLift(), holdout, checks, main.front().size(), main.evaluations(), replicates.size());
        Provenance provenance = new Provenance(Provenance.ENGINE_VERSION, data.periods().get(0),
                data.periods().get(data.size() - 1), data.size(), data.periodDays(), data.channels(),
                data.controlNames(), liftTests.size(), settings, (System.nanoTime() - started) / 1_000_000);
        return summarise(data, model, replicates, diagnostics, provenance);
    }

    /**
     * The result of a model fitted before, e.g. restored from storage: channel results, decomposition and fitted
     * values are computed again from the data and the models.
     */
    public static MixResult summarise(MixData data, MixModel model, List<MixModel> replicates,
                                      FitDiagnostics diagnostics, Provenance provenance) {
        List<ChannelResult> channels = channelResults(data, model, replicates,
                provenance.settings().intervalLevel());
        return new MixResult(data, model, replicates, channels, model.decompose(data), model.predict(data),
                diagnostics, provenance);
    }

    static boolean overlaps(MixData data, int t, LiftTest test) {
        var start = data.periods().get(t);
        var end = start.plusDays(data.periodDays() - 1L);
        return !end.isBefore(test.from()) && !start.isAfter(test.to());
    }

    /** Per-channel totals, shares, ROI and marginal ROI, with bootstrap intervals. */
    private static List<ChannelResult> channelResults(MixData data, MixModel model, List<MixModel> replicates,
                                                      double level) {
        int channels = data.channels().size();
        double totalOutcome = 0;
        for (double v : data.outcome()) {
            totalOutcome += v;
        }
        double[] spend = new double[channels];
        double allSpend = 0;
        for (int c = 0; c < channels; c++) {
            spend[c] = data.totalSpend(c);
            allSpend += spend[c];
        }
        double[] contribution = totals(model.contributionsOf(data));
        double allEffect = 0;
        for (double v : contribution) {
            allEffect += v;
        }
        double[][] replicateContribution = new double[replicates.size()][];
        for (int r = 0; r < replicates.size(); r++) {
            replicateContribution[r] = totals(replicates.get(r).contributionsOf(data));
        }
        List<ChannelResult> results = new ArrayList<>();
        for (int c = 0; c < channels; c++) {
            double average = spend[c] / data.size();
            ChannelEffect effect = model.effect(c);
            double marginal = effect.marginalResponse(average);
            Interval contributionInterval;
            Interval roiInterval;
            Interval marginalInterval;
            if (replicates.isEmpty()) {
                contributionInterval = new Interval(contribution[c], contribution[c]);
                roiInterval = new Interval(contribution[c] / spend[c], contribution[c] / spend[c]);
                marginalInterval = new Interval(marginal, marginal);
            } else {
                double[] contributions = new double[replicates.size()];
                double[] marginals = new double[replicates.size()];
                for (int r = 0; r < replicates.size(); r++) {
                    contributions[r] = replicateContribution[r][c];
                    marginals[r] = replicates.get(r).effect(c).marginalResponse(average);
                }
                contributionInterval = Interval.around(contribution[c], contributions, level);
                roiInterval = new Interval(contributionInterval.lower() / spend[c],
                        contributionInterval.upper() / spend[c]);
                marginalInterval = Interval.around(marginal, marginals, level);
            }
            int paused = 0;
            for (double v : data.spendRow(c)) {
                if (v <= 0.05 * average) {
                    paused++;
                }
            }
            results.add(new ChannelResult(data.channels().get(c), spend[c], contribution[c], contributionInterval,
                    totalOutcome == 0 ? 0 : contribution[c] / totalOutcome, spend[c] / allSpend,
                    allEffect == 0 ? 0 : contribution[c] / allEffect, contribution[c] / spend[c], roiInterval,
                    average, marginal, marginalInterval, (double) paused / data.size(), effect));
        }
        return results;
    }

    private static double[] totals(double[][] rows) {
        double[] totals = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            for (double v : rows[i]) {
                totals[i] += v;
            }
        }
        return totals;
    }

    /** Refits on all but the last periods and scores the prediction of those. */
    private static FitDiagnostics.@Nullable Holdout holdout(MixData data, MixSettings settings,
                                                           List<LiftTest> liftTests, double[] start) {
        int held = settings.holdoutFor(data.size());
        int training = data.size() - held;
        if (held <= 0 || training < MixData.MIN_PERIODS) {
            return null;
        }
        Search search = search(data, settings, data.outcome(), training, liftTests, start, START_SIGMA, 1,
                settings.generations(), settings.seed() ^ 0x5DEECE66DL, false);
        MixProblem problem = new MixProblem(data, settings, data.outcome(), training, liftTests);
        double[] predicted = problem.model(search.best()).predict(data);
        double[] outcome = data.outcome();
        double mean = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : outcome) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        for (int t = training; t < data.size(); t++) {
            mean += outcome[t];
        }
        mean /= held;
        double squares = 0;
        double total = 0;
        double absolutePercent = 0;
        int percentCount = 0;
        for (int t = training; t < data.size(); t++) {
            double residual = outcome[t] - predicted[t];
            squares += residual * residual;
            total += (outcome[t] - mean) * (outcome[t] - mean);
            if (outcome[t] != 0) {
                absolutePercent += Math.abs(residual / outcome[t]);
                percentCount++;
            }
        }
        return new FitDiagnostics.Holdout(held, total > 0 ? 1 - squares / total : Double.NaN,
                Math.sqrt(squares / held) / (max - min),
                percentCount == 0 ? Double.NaN : absolutePercent / percentCount);
    }

    /** Moving-block residual bootstrap: refits on fitted + resampled residual blocks, one seed per replicate. */
    private static List<MixModel> bootstrap(MixData data, MixSettings settings, List<LiftTest> liftTests,
                                            double[] fitted, double[] start) {
        int replicates = settings.bootstrapReplicates();
        if (replicates == 0) {
            return List.of();
        }
        double[] outcome = data.outcome();
        int n = data.size();
        double[] residuals = new double[n];
        for (int t = 0; t < n; t++) {
            residuals[t] = outcome[t] - fitted[t];
        }
        int block = Math.min(settings.blockLength(), n);
        return IntStream.range(0, replicates).parallel().mapToObj(r -> {
            SplittableRandom random = new SplittableRandom(settings.seed() * 1_000_003L + r);
            double[] resampled = new double[n];
            for (int t = 0; t < n; t += block) {
                int from = random.nextInt(n - block + 1);
                for (int k = 0; k < block && t + k < n; k++) {
                    resampled[t + k] = fitted[t + k] + residuals[from + k];
                }
            }
            // Each refit searches afresh from a random start, so that the replicates show the other models the data
            // would support, not only the neighbourhood of the selected one.
            double[] from = new double[start.length];
            for (int i = 0; i < from.length; i++) {
                from[i] = 0.15 + 0.7 * random.nextDouble();
            }
            Search search = search(data, settings, resampled, n, liftTests, from, START_SIGMA, 1,
                    settings.bootstrapGenerations(), random.nextLong(), false);
            return new MixProblem(data, settings, resampled, n, liftTests).model(search.best());
        }).toList();
    }

    /**
     * The result of a search.
     *
     * @param best        the point with the smallest objective
     * @param front       the Pareto front of every evaluated point, when kept
     * @param evaluations points evaluated
     */
    record Search(double[] best, List<double[]> front, long evaluations) {
    }

    /**
     * Runs CMA-ES trials (in parallel) and returns the best point. Trial 0 starts at {@code start} (or the centre
     * of the cube), the others at seeded random points.
     */
    static Search search(MixData data, MixSettings settings, double[] outcome, int length, List<LiftTest> liftTests,
                         double @Nullable [] start, double sigma, int trials, int generations, long seed,
                         boolean keepFront) {
        List<Trial> results = IntStream.range(0, trials).parallel().mapToObj(trial -> {
            MixProblem problem = new MixProblem(data, settings, outcome, length, liftTests);
            SplittableRandom random = new SplittableRandom(seed + 7919L * trial);
            double[] guess = new double[problem.dimension];
            for (int i = 0; i < guess.length; i++) {
                guess[i] = trial == 0 ? (start == null ? 0.5 : start[i]) : 0.15 + 0.7 * random.nextDouble();
            }
            return runTrial(problem, settings, guess, sigma, generations, random.nextLong(), keepFront);
        }).toList();
        Trial best = results.get(0);
        long evaluations = 0;
        ParetoArchive front = new ParetoArchive();
        for (Trial trial : results) {
            evaluations += trial.evaluations;
            if (trial.bestValue < best.bestValue) {
                best = trial;
            }
            front.addAll(trial.front);
        }
        return new Search(best.bestPoint, front.points(), evaluations);
    }

    /** One CMA-ES run's outcome. */
    private static final class Trial {
        double[] bestPoint;
        double bestValue = Double.POSITIVE_INFINITY;
        long evaluations;
        final ParetoArchive front = new ParetoArchive();

        Trial(double[] start) {
            this.bestPoint = start.clone();
        }
    }

    private static Trial runTrial(MixProblem problem, MixSettings settings, double[] guess, double sigma,
                                  int generations, long seed, boolean keepFront) {
        Trial trial = new Trial(guess);
        int d = problem.dimension;
        double[] lower = new double[d];
        double[] upper = new double[d];
        double[] sigmas = new double[d];
        for (int i = 0; i < d; i++) {
            upper[i] = 1;
            sigmas[i] = sigma;
        }
        ObjectiveFunction objective = new ObjectiveFunction(point -> {
            trial.evaluations++;
            MixProblem.Evaluation evaluation;
            try {
                evaluation = problem.evaluate(point);
            } catch (IllegalArgumentException | IllegalStateException e) {
                return INVALID;
            }
            if (!Double.isFinite(evaluation.objective())) {
                return INVALID;
            }
            if (evaluation.objective() < trial.bestValue) {
                trial.bestValue = evaluation.objective();
                trial.bestPoint = point.clone();
            }
            if (keepFront) {
                trial.front.add(new double[] {evaluation.nrmse(), evaluation.decompRssd(),
                        Double.isNaN(evaluation.mapeLift()) ? 0 : evaluation.mapeLift()});
            }
            return evaluation.objective();
        });
        CMAESOptimizer optimizer = new CMAESOptimizer(generations, 0, true, 0, 0, new Well19937c(seed), false, null);
        try {
            optimizer.optimize(new MaxEval(generations * settings.population() + 10), objective, GoalType.MINIMIZE,
                    new InitialGuess(guess), new SimpleBounds(lower, upper), new CMAESOptimizer.Sigma(sigmas),
                    new CMAESOptimizer.PopulationSize(settings.population()));
        } catch (org.hipparchus.exception.MathIllegalStateException e) {
            // The evaluation budget ran out: the best point so far stands.
        }
        return trial;
    }

    /** The non-dominated points among those added (all objectives minimised). */
    static final class ParetoArchive {
        private final List<double[]> points = new ArrayList<>();

        void add(double[] point) {
            for (double[] other : points) {
                if (dominates(other, point) || java.util.Arrays.equals(other, point)) {
                    return;
                }
            }
            points.removeIf(other -> dominates(point, other));
            points.add(point);
        }

        void addAll(ParetoArchive other) {
            for (double[] point : other.points) {
                add(point);
            }
        }

        List<double[]> points() {
            return List.copyOf(points);
        }

        static boolean dominates(double[] a, double[] b) {
            boolean better = false;
            for (int i = 0; i < a.length; i++) {
                if (a[i] > b[i]) {
                    return false;
                }
                if (a[i] < b[i]) {
                    better = true;
                }
            }
            return better;
        }
    }
}
