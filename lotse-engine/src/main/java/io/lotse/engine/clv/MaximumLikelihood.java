package io.lotse.engine.clv;

import java.util.List;
import java.util.function.ToDoubleFunction;
import org.hipparchus.exception.MathIllegalStateException;
import org.hipparchus.optim.InitialGuess;
import org.hipparchus.optim.MaxEval;
import org.hipparchus.optim.nonlinear.scalar.GoalType;
import org.hipparchus.optim.nonlinear.scalar.ObjectiveFunction;
import org.hipparchus.optim.nonlinear.scalar.noderiv.NelderMeadSimplex;
import org.hipparchus.optim.nonlinear.scalar.noderiv.SimplexOptimizer;
import org.jspecify.annotations.Nullable;

/**
 * Maximises a log-likelihood over positive parameters with Nelder-Mead on their logarithms. Each start runs until
 * a restart from its optimum no longer improves the log-likelihood (Nelder-Mead can stall on the long, flat ridges
 * of these likelihoods; a fresh simplex gets it moving again). Deterministic: the same data and starts give the
 * same result.
 */
final class MaximumLikelihood {

    /** Parameters are kept within e^±25, far beyond any meaningful fit, so that the likelihood stays finite. */
    private static final double LOG_BOUND = 25;
    private static final int MAX_EVALUATIONS_PER_RUN = 20_000;
    private static final int MAX_RUNS_PER_START = 12;
    /** Relative and absolute change of the simplex's values at which one Nelder-Mead run ends. */
    private static final double SIMPLEX_TOLERANCE = 1e-13;
    /** A restart that improves the log-likelihood by less than this ends the start. */
    private static final double IMPROVEMENT_TOLERANCE = 1e-9;

    private MaximumLikelihood() {}

    /**
     * The maximum found.
     *
     * @param parameters    the parameters (not their logarithms)
     * @param logLikelihood the log-likelihood there
     * @param iterations    Nelder-Mead iterations over all starts and restarts
     * @param converged     whether the winning start ended by meeting the tolerance
     */
    record Maximum(double[] parameters, double logLikelihood, int iterations, boolean converged) {
    }

    /**
     * Maximises {@code logLikelihood} (of the parameters themselves, all positive) from each start (parameters,
     * not logarithms) and keeps the best. A log-likelihood that is not a number, or that throws an
     * {@link ArithmeticException}, counts as impossible.
     */
    static Maximum maximise(ToDoubleFunction<double[]> logLikelihood, List<double[]> starts) {
        Objective objective = new Objective(logLikelihood);
        @Nullable Maximum best = null;
        int iterations = 0;
        for (double[] start : starts) {
            double[] point = new double[start.length];
            for (int i = 0; i < start.length; i++) {
                point[i] = Math.log(start[i]);
            }
            double value = -objective.value(point);
            boolean converged = false;
            double step = 0.5;
            for (int run = 0; run < MAX_RUNS_PER_START && !converged; run++) {
                objective.forget();
                SimplexOptimizer optimizer = new SimplexOptimizer(SIMPLEX_TOLERANCE, SIMPLEX_TOLERANCE);
                boolean finished;
                try {
                    optimizer.optimize(new MaxEval(MAX_EVALUATIONS_PER_RUN), new ObjectiveFunction(objective::value),
                            GoalType.MINIMIZE, new InitialGuess(point), new NelderMeadSimplex(point.length, step));
                    finished = true;
                } catch (MathIllegalStateException budgetExhausted) {
                    finished = false;
                }
                iterations += optimizer.getIterations();
                double found = -objective.lowest;
                if (found > value) {
                    converged = finished && found - value <= IMPROVEMENT_TOLERANCE * (1 + Math.abs(found));
                    value = found;
                    point = objective.lowestAt.clone();
                } else {
                    converged = finished;
                }
                if (!finished) {
                    break;
                }
                step = 0.1;
            }
            if (best == null || value > best.logLikelihood()) {
                double[] parameters = new double[point.length];
                for (int i = 0; i < point.length; i++) {
                    parameters[i] = Math.exp(point[i]);
                }
                best = new Maximum(parameters, value, 0, converged && Double.isFinite(value));
            }
        }
        if (best == null) {
            throw new IllegalArgumentException("no start given");
        }
        return new Maximum(best.parameters(), best.logLikelihood(), iterations, best.converged());
    }

    /**
     * The negative log-likelihood of log-parameters, remembering the lowest value seen, so that a run cut short
     * by its evaluation budget still yields its best point.
     */
    private static final class Objective {

        private final ToDoubleFunction<double[]> logLikelihood;
        private double lowest;
        private double[] lowestAt = new double[0];

        Objective(ToDoubleFunction<double[]> logLikelihood) {
            this.logLikelihood = logLikelihood;
            forget();
        }

        void forget() {
            lowest = Double.POSITIVE_INFINITY;
        }

        double value(double[] logs) {
            double[] parameters = new double[logs.length];
            for (int i = 0; i < logs.length; i++) {
                if (!(Math.abs(logs[i]) <= LOG_BOUND)) {
                    return Double.POSITIVE_INFINITY;
                }
                parameters[i] = Math.exp(logs[i]);
            }
            double value;
            try {
                double logLikelihoodValue = logLikelihood.applyAsDouble(parameters);
                value = Double.isNaN(logLikelihoodValue) ? Double.POSITIVE_INFINITY : -logLikelihoodValue;
            } catch (ArithmeticException outsideTheSeriesDomain) {
                value = Double.POSITIVE_INFINITY;
            }
            if (value < lowest) {
                lowest = value;
                lowestAt = logs.clone();
            }
            return value;
        }
    }
}
