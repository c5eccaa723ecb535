package io.lotse.engine.recommend;

import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;

/**
 * Implicit-feedback matrix factorisation (Hu, Koren & Volinsky 2008): people and items get {@code factors}-long
 * vectors x and y minimising {@code Σ c_ui (p_ui - x_uᵀ y_i)² + λ (Σ |x_u|² + Σ |y_i|²)} over all pairs, where
 * {@code p_ui} is 1 for an interaction and 0 otherwise, and the confidence {@code c_ui = 1 + α · count}.
 *
 * <p>Alternating least squares, each person's (and item's) system solved approximately with a few steps of
 * conjugate gradient warm-started from the previous solution (Takács, Pilászy & Tikk 2011, as in the
 * {@code implicit} library), so that an iteration costs O(nnz · f + (people + items) · f²). Initial factors are
 * drawn from a seeded generator; the result is the same for the same data, parameters and seed.
 *
 * <p>Scoring folds the history in: the person's vector is solved exactly (Cholesky) against the item factors,
 * so people unknown at training time are scored too.
 */
public final class ImplicitAls implements HistoryScorer {

    /**
     * @param factors        length of the latent vectors
     * @param regularisation λ
     * @param alpha          confidence per interaction count
     * @param iterations     alternating rounds
     * @param cgSteps        conjugate-gradient steps per solve
     * @param seed           seed of the initial factors
     */
    public record Parameters(int factors, double regularisation, double alpha, int iterations, int cgSteps,
                             long seed) {

        public Parameters {
            if (factors < 1 || iterations < 0 || cgSteps < 1) {
                throw new IllegalArgumentException("factors and cgSteps must be at least 1, iterations at least 0");
            }
            if (!(regularisation > 0) || !(alpha > 0)) {
                throw new IllegalArgumentException("regularisation and alpha must be positive");
            }
        }

        /** Chosen on a validation month of the UCI Online Retail data (see docs/recommendations.md). */
        public static Parameters defaults() {
            return new Parameters(64, 10, 1, 15, 3, 42);
        }
    }

    private final int factors;
    private final double regularisation;
    private final double alpha;
    private final double[] itemFactors;
    private final double[] personFactors;
    /** YᵀY + λI, shared by every fold-in. */
    private final double[] gram;
    private final ModelProvenance provenance;

    private ImplicitAls(int factors, double regularisation, double alpha, double[] itemFactors,
                        double[] personFactors, double[] gram, ModelProvenance provenance) {
        this.factors = factors;
        this.regularisation = regularisation;
        this.alpha = alpha;
        this.itemFactors = itemFactors;
        this.personFactors = personFactors;
        this.gram = gram;
        this.provenance = provenance;
    }

    public static ImplicitAls train(Interactions interactions, Parameters parameters, DataWindow window) {
        long start = System.nanoTime();
        int f = parameters.factors();
        int people = interactions.people();
        int items = interactions.items();
        SplittableRandom random = new SplittableRandom(parameters.seed());
        double[] x = new double[people * f];
        double[] y = new double[items * f];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextDouble() * 0.01;
        }
        for (int i = 0; i < y.length; i++) {
            y[i] = random.nextDouble() * 0.01;
        }
        for (int iteration = 0; iteration < parameters.iterations(); iteration++) {
            solveSide(x, y, people, f, parameters, interactions, true);
            solveSide(y, x, items, f, parameters, interactions, false);
        }
        double loss = loss(interactions, x, y, f, parameters);
        ModelProvenance provenance = new ModelProvenance("ials", window, Map.of(
                "factors", (double) f, "regularisation", parameters.regularisation(), "alpha", parameters.alpha(),
                "iterations", (double) parameters.iterations(), "cg_steps", (double) parameters.cgSteps()),
                Map.of("loss", loss), parameters.seed(), ModelProvenance.since(start));
        return new ImplicitAls(f, parameters.regularisation(), parameters.alpha(), y, x,
                gramPlusRegularisation(y, items, f, parameters.regularisation()), provenance);
    }

    /** One half-step: every row of {@code solved} re-fitted with conjugate gradient against {@code fixed}. */
    private static void solveSide(double[] solved, double[] fixed, int rows, int f, Parameters parameters,
                                  Interactions interactions, boolean people) {
        int fixedRows = fixed.length / f;
        double[] gram = gramPlusRegularisation(fixed, fixedRows, f, parameters.regularisation());
        IntStream.range(0, rows).parallel().forEach(row -> {
            int from = people ? interactions.rowStart(row) : interactions.columnStart(row);
            int to = people ? interactions.rowEnd(row) : interactions.columnEnd(row);
            int[] others = new int[to - from];
            double[] confidence = new double[to - from];
            for (int k = from; k < to; k++) {
                others[k - from] = people ? interactions.rowItem(k) : interactions.columnPerson(k);
                confidence[k - from] = 1 + parameters.alpha()
                        * (people ? interactions.rowCount(k) : interactions.columnCount(k));
            }
            conjugateGradient(solved, row * f, fixed, gram, others, confidence, f, parameters.cgSteps());
        });
    }

    /**
     * Improves {@code x} (at {@code offset} of {@code target}) towards the solution of
     * {@code (YᵀY + λI + Σ (c - 1) y yᵀ) x = Σ c y} over the given rows of Y.
     */
    static void conjugateGradient(double[] target, int offset, double[] y, double[] gram, int[] others,
                                          double[] confidence, int f, int steps) {
        double[] x = Arrays.copyOfRange(target, offset, offset + f);
        double[] r = new double[f];
        multiply(gram, x, r, f);
        for (int i = 0; i < f; i++) {
            r[i] = -r[i];
        }
        for (int k = 0; k < others.length; k++) {
            int yOffset = others[k] * f;
            double dot = dot(y, yOffset, x, f);
            double c = confidence[k];
            double factor = c - (c - 1) * dot;
            for (int i = 0; i < f; i++) {
                r[i] += factor * y[yOffset + i];
            }
        }
        double[] p = r.clone();
        double rsOld = dot(r, 0, r, f);
        if (rsOld < 1e-20) {
            return;
        }
        double[] ap = new double[f];
        for (int step = 0; step < steps; step++) {
            multiply(gram, p, ap, f);
            for (int k = 0; k < others.length; k++) {
                int yOffset = others[k] * f;
                double factor = (confidence[k] - 1) * dot(y, yOffset, p, f);
                for (int i = 0; i < f; i++) {
                    ap[i] += factor * y[yOffset + i];
                }
            }
            double alpha = rsOld / dot(p, 0, ap, f);
            for (int i = 0; i < f; i++) {
                x[i] += alpha * p[i];
                r[i] -= alpha * ap[i];
            }
            double rsNew = dot(r, 0, r, f);
            if (rsNew < 1e-20) {
                break;
            }
            double beta = rsNew / rsOld;
            for (int i = 0; i < f; i++) {
                p[i] = r[i] + beta * p[i];
            }
            rsOld = rsNew;
        }
        System.arraycopy(x, 0, target, offset, f);
    }

    static double[] gramPlusRegularisation(double[] factors, int rows, int f, double regularisation) {
        double[] gram = new double[f * f];
        for (int row = 0; row < rows; row++) {
            int offset = row * f;
            for (int i = 0; i < f; i++) {
                double value = factors[offset + i];
                if (value == 0) {
                    continue;
                }
                for (int j = 0; j < f; j++) {
                    gram[i * f + j] += value * factors[offset + j];
                }
            }
        }
        for (int i = 0; i < f; i++) {
            gram[i * f + i] += regularisation;
        }
        return gram;
    }

    private static void multiply(double[] matrix, double[] vector, double[] result, int f) {
        for (int i = 0; i < f; i++) {
            double sum = 0;
            for (int j = 0; j < f; j++) {
                sum += matrix[i * f + j] * vector[j];
            }
            result[i] = sum;
        }
    }

    private static double dot(double[] a, int offset, double[] b, int f) {
        double sum = 0;
        for (int i = 0; i < f; i++) {
            sum += a[offset + i] * b[i];
        }
        return sum;
    }

    /** The objective per matrix cell, computed with YᵀY so that the zero cells cost nothing to visit. */
    private static double loss(Interactions interactions, double[] x, double[] y, int f, Parameters parameters) {
        double[] yty = gramPlusRegularisation(y, interactions.items(), f, 0);
        double total = 0;
        double[] tmp = new double[f];
        double[] xu = new double[f];
        for (int person = 0; person < interactions.people(); person++) {
            System.arraycopy(x, person * f, xu, 0, f);
            multiply(yty, xu, tmp, f);
            total += dot(tmp, 0, xu, f);
            for (int k = interactions.rowStart(person); k < interactions.rowEnd(person); k++) {
                double c = 1 + parameters.alpha() * interactions.rowCount(k);
                double prediction = dot(y, interactions.rowItem(k) * f, xu, f);
                total += c * (1 - prediction) * (1 - prediction) - prediction * prediction;
            }
        }
        double norms = sumOfSquares(x) + sumOfSquares(y);
        double cells = Math.max(1.0, (double) interactions.people() * interactions.items());
        return (total + parameters.regularisation() * norms) / cells;
    }

    private static double sumOfSquares(double[] values) {
        double sum = 0;
        for (double value : values) {
            sum += value * value;
        }
        return sum;
    }

    @Override
    public int items() {
        return itemFactors.length / factors;
    }

    @Override
    public void score(PersonHistory history, double[] scores) {
        double[] person = foldIn(history);
        int items = items();
        for (int item = 0; item < items; item++) {
            scores[item] = dot(itemFactors, item * factors, person, factors);
        }
    }

    /** The person's latent vector for a history: the exact least-squares solution against the item factors. */
    double[] foldIn(PersonHistory history) {
        int f = factors;
        if (history.isEmpty()) {
            return new double[f];
        }
        DMatrixRMaj a = new DMatrixRMaj(f, f);
        System.arraycopy(gram, 0, a.data, 0, f * f);
        DMatrixRMaj b = new DMatrixRMaj(f, 1);
        int[] items = history.items();
        for (int k = 0; k < items.length; k++) {
            double c = 1 + alpha * history.counts()[k];
            int offset = items[k] * f;
            for (int i = 0; i < f; i++) {
                double yi = itemFactors[offset + i];
                b.data[i] += c * yi;
                for (int j = 0; j < f; j++) {
                    a.data[i * f + j] += (c - 1) * yi * itemFactors[offset + j];
                }
            }
        }
        LinearSolverDense<DMatrixRMaj> solver = LinearSolverFactory_DDRM.chol(f);
        if (!solver.setA(a)) {
            throw new IllegalStateException("the fold-in system is not positive definite");
        }
        DMatrixRMaj solution = new DMatrixRMaj(f, 1);
        solver.solve(b, solution);
        return solution.data;
    }

    /** The learnt vector of a person of the training data. */
    double[] personFactors(int person) {
        return Arrays.copyOfRange(personFactors, person * factors, (person + 1) * factors);
    }

    /** The history item whose latent vector is closest (by dot product) to the item's. */
    @Override
    public int evidence(PersonHistory history, int item) {
        int best = -1;
        double bestDot = 0;
        for (int own : history.items()) {
            double value = dot(itemFactors, own * factors, Arrays.copyOfRange(itemFactors, item * factors,
                    (item + 1) * factors), factors);
            if (value > bestDot) {
                bestDot = value;
                best = own;
            }
        }
        return best;
    }

    /** The regularisation the model was trained with. */
    public double regularisation() {
        return regularisation;
    }

    @Override
    public ModelProvenance provenance() {
        return provenance;
    }
}
