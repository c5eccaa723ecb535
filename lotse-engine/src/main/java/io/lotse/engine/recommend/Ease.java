package io.lotse.engine.recommend;

import java.util.Arrays;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;

/**
 * EASE (Steck 2019, "Embarrassingly Shallow Autoencoders for Sparse Data"): an item × item weight matrix B
 * learned in closed form from the binary interaction matrix X, {@code P = (XᵀX + λI)⁻¹},
 * {@code B = I - P · diag(1 / diag(P))}, i.e. {@code B_ij = -P_ij / P_jj} with a zero diagonal. A person's score
 * for item j is {@code Σ_{i in history} B_ij}.
 *
 * <p>Memory and time grow with the square and cube of the number of items: meant for catalogues up to
 * {@value #MAX_ITEMS} items; use {@link ImplicitAls} for larger ones.
 */
public final class Ease implements HistoryScorer {

    /** The largest catalogue EASE accepts: its dense matrices would not fit in memory far beyond. */
    public static final int MAX_ITEMS = 20_000;

    /**
     * @param lambda the L2 regularisation, added to the diagonal of the Gram matrix
     */
    public record Parameters(double lambda) {

        public Parameters {
            if (!(lambda > 0) || Double.isInfinite(lambda)) {
                throw new IllegalArgumentException("lambda must be positive, was " + lambda);
            }
        }

        public static Parameters defaults() {
            return new Parameters(200);
        }
    }

    private final int items;
    /** B row by row: row i holds how much having item i speaks for every item j. */
    private final float[] weights;
    private final ModelProvenance provenance;

    private Ease(int items, float[] weights, ModelProvenance provenance) {
        this.items = items;
        this.weights = weights;
        this.provenance = provenance;
    }

    /** Learns B from the binary pattern of the interactions (counts are ignored). */
    public static Ease train(Interactions interactions, Parameters parameters, DataWindow window) {
        long start = System.nanoTime();
        int n = interactions.items();
        if (n > MAX_ITEMS) {
            throw new IllegalArgumentException("EASE is meant for up to " + MAX_ITEMS + " items, got " + n
                    + "; use implicit ALS for large catalogues");
        }
        DMatrixRMaj gram = new DMatrixRMaj(n, n);
        double[] g = gram.data;
        for (int person = 0; person < interactions.people(); person++) {
            int from = interactions.rowStart(person);
            int to = interactions.rowEnd(person);
            for (int a = from; a < to; a++) {
                int row = interactions.rowItem(a) * n;
                for (int b = from; b < to; b++) {
                    g[row + interactions.rowItem(b)] += 1;
                }
            }
        }
        for (int i = 0; i < n; i++) {
            g[i * n + i] += parameters.lambda();
        }
        DMatrixRMaj inverse = new DMatrixRMaj(n, n);
        if (n > 0) {
            LinearSolverDense<DMatrixRMaj> solver = LinearSolverFactory_DDRM.symmPosDef(n);
            if (!solver.setA(gram)) {
                throw new IllegalStateException("XᵀX + λI is not positive definite; λ = " + parameters.lambda());
            }
            solver.invert(inverse);
        }
        double[] p = inverse.data;
        float[] weights = new float[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                weights[i * n + j] = i == j ? 0 : (float) (-p[i * n + j] / p[j * n + j]);
            }
        }
        ModelProvenance provenance = new ModelProvenance("ease", window, Map.of("lambda", parameters.lambda()),
                Map.of("weights", (double) n * n), 0, ModelProvenance.since(start));
        return new Ease(n, weights, provenance);
    }

    @Override
    public int items() {
        return items;
    }

    @Override
    public void score(PersonHistory history, double[] scores) {
        Arrays.fill(scores, 0);
        for (int item : history.items()) {
            int row = item * items;
            for (int j = 0; j < items; j++) {
                scores[j] += weights[row + j];
            }
        }
    }

    /** Scores as if the history held only the given items, as for a product page or a cart. */
    public void scoreItems(int[] anchors, double[] scores) {
        Arrays.fill(scores, 0);
        for (int item : anchors) {
            int row = item * items;
            for (int j = 0; j < items; j++) {
                scores[j] += weights[row + j];
            }
        }
    }

    @Override
    public int evidence(PersonHistory history, int item) {
        int best = -1;
        double bestWeight = 0;
        for (int own : history.items()) {
            double weight = weights[own * items + item];
            if (weight > bestWeight) {
                bestWeight = weight;
                best = own;
            }
        }
        return best;
    }

    /** B_ij: how much having item i speaks for item j. */
    public double weight(int i, int j) {
        return weights[i * items + j];
    }

    @Override
    public ModelProvenance provenance() {
        return provenance;
    }
}
