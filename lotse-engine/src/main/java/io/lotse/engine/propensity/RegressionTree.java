package io.lotse.engine.propensity;

/**
 * One boosted tree over raw feature values. Node 0 is the root; an inner node sends a row left when its value is at
 * most the threshold, and an unknown value to the side learned in training. Every node, inner ones included, holds
 * the (shrunk) output the tree would give if it stopped there; the path's changes of that output are the features'
 * contributions (Saabas), which sum to the leaf's output minus the root's.
 */
final class RegressionTree {

    private final int[] feature;
    private final double[] threshold;
    private final boolean[] missingLeft;
    private final int[] left;
    private final int[] right;
    private final double[] value;
    private final double[] gain;

    RegressionTree(int[] feature, double[] threshold, boolean[] missingLeft, int[] left, int[] right, double[] value,
                   double[] gain) {
        this.feature = feature;
        this.threshold = threshold;
        this.missingLeft = missingLeft;
        this.left = left;
        this.right = right;
        this.value = value;
        this.gain = gain;
    }

    double predict(double[] row) {
        return value[leaf(row)];
    }

    double rootValue() {
        return value[0];
    }

    /** Adds each split feature's change of the node output along the row's path to {@code contributions}. */
    void contribute(double[] row, double[] contributions) {
        int node = 0;
        while (feature[node] >= 0) {
            int next = next(node, row);
            contributions[feature[node]] += value[next] - value[node];
            node = next;
        }
    }

    /** Adds each split's loss reduction to its feature's importance. */
    void addImportance(double[] importance) {
        for (int node = 0; node < feature.length; node++) {
            if (feature[node] >= 0) {
                importance[feature[node]] += gain[node];
            }
        }
    }

    int leaves() {
        int count = 0;
        for (int f : feature) {
            if (f < 0) {
                count++;
            }
        }
        return count;
    }

    private int leaf(double[] row) {
        int node = 0;
        while (feature[node] >= 0) {
            node = next(node, row);
        }
        return node;
    }

    private int next(int node, double[] row) {
        double x = row[feature[node]];
        boolean goLeft = Double.isNaN(x) ? missingLeft[node] : x <= threshold[node];
        return goLeft ? left[node] : right[node];
    }
}
