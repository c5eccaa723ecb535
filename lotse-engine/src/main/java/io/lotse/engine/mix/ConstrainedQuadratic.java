package io.lotse.engine.mix;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * Minimises {@code ½ bᵀGb − cᵀb} for a symmetric positive definite G with {@code b[j] ≥ 0} for the constrained
 * indices: the ridge normal equations with non-negative media coefficients. Lawson and Hanson's active-set method
 * ("Solving Least Squares Problems", 1974, ch. 23), generalised to leave some variables free; exact after finitely
 * many steps, each a Cholesky solve (EJML) on the current passive set.
 */
final class ConstrainedQuadratic {

    private static final double TOLERANCE = 1e-12;

    private ConstrainedQuadratic() {}

    /**
     * @param gram        G, n × n, symmetric positive definite
     * @param linear      c, length n
     * @param constrained which coefficients must be ≥ 0
     * @return the minimiser
     */
    static double[] solve(double[][] gram, double[] linear, boolean[] constrained) {
        int n = linear.length;
        boolean[] passive = new boolean[n];
        for (int j = 0; j < n; j++) {
            passive[j] = true;
        }
        double[] b = solveOn(gram, linear, passive);
        if (nonNegative(b, constrained)) {
            return b;
        }
        // Lawson-Hanson from the point where every constrained coefficient is zero.
        for (int j = 0; j < n; j++) {
            passive[j] = !constrained[j];
        }
        b = solveOn(gram, linear, passive);
        int limit = 3 * n + 10;
        for (int outer = 0; outer < limit; outer++) {
            int entering = -1;
            double steepest = TOLERANCE * (1 + maxAbs(linear));
            for (int j = 0; j < n; j++) {
                if (!passive[j]) {
                    double gradient = linear[j] - dot(gram[j], b);
                    if (gradient > steepest) {
                        steepest = gradient;
                        entering = j;
                    }
                }
            }
            if (entering < 0) {
                return b;
            }
            passive[entering] = true;
            for (int inner = 0; inner < limit; inner++) {
                double[] s = solveOn(gram, linear, passive);
                double step = 1;
                boolean feasible = true;
                for (int j = 0; j < n; j++) {
                    if (passive[j] && constrained[j] && s[j] <= 0) {
                        feasible = false;
                        double denominator = b[j] - s[j];
                        if (denominator > 0) {
                            step = Math.min(step, b[j] / denominator);
                        } else {
                            step = 0;
                        }
                    }
                }
                if (feasible) {
                    b = s;
                    break;
                }
                for (int j = 0; j < n; j++) {
                    b[j] += step * (s[j] - b[j]);
                    if (passive[j] && constrained[j] && b[j] <= TOLERANCE) {
                        passive[j] = false;
                        b[j] = 0;
                    }
                }
            }
        }
        return b;
    }

    /** The unconstrained minimiser over the passive coefficients, the others zero. */
    private static double[] solveOn(double[][] gram, double[] linear, boolean[] passive) {
        int n = linear.length;
        int m = 0;
        int[] index = new int[n];
        for (int j = 0; j < n; j++) {
            if (passive[j]) {
                index[m++] = j;
            }
        }
        double[] b = new double[n];
        if (m == 0) {
            return b;
        }
        DMatrixRMaj a = new DMatrixRMaj(m, m);
        DMatrixRMaj rhs = new DMatrixRMaj(m, 1);
        for (int i = 0; i < m; i++) {
            for (int k = 0; k < m; k++) {
                a.unsafe_set(i, k, gram[index[i]][index[k]]);
            }
            rhs.unsafe_set(i, 0, linear[index[i]]);
        }
        DMatrixRMaj x = new DMatrixRMaj(m, 1);
        if (!CommonOps_DDRM.solveSPD(a, rhs, x)) {
            throw new IllegalStateException("the ridge system is not positive definite");
        }
        for (int i = 0; i < m; i++) {
            b[index[i]] = x.unsafe_get(i, 0);
        }
        return b;
    }

    private static boolean nonNegative(double[] b, boolean[] constrained) {
        for (int j = 0; j < b.length; j++) {
            if (constrained[j] && b[j] < 0) {
                return false;
            }
        }
        return true;
    }

    private static double dot(double[] row, double[] b) {
        double sum = 0;
        for (int j = 0; j < b.length; j++) {
            sum += row[j] * b[j];
        }
        return sum;
    }

    private static double maxAbs(double[] values) {
        double max = 0;
        for (double v : values) {
            max = Math.max(max, Math.abs(v));
        }
        return max;
    }
}
