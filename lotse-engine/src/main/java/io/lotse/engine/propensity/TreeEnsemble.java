package io.lotse.engine.propensity;

import java.util.List;

/**
 * Fitted gradient-boosted trees: {@code logOdds = base + Σ tree(x)}. The bias of an explanation is the base plus
 * every tree's root output; the rest of the score is split among the features along each tree's path.
 */
public final class TreeEnsemble implements ScoringModel {

    private final FeatureSchema schema;
    private final double base;
    private final List<RegressionTree> trees;
    private final double bias;

    TreeEnsemble(FeatureSchema schema, double base, List<RegressionTree> trees) {
        this.schema = schema;
        this.base = base;
        this.trees = List.copyOf(trees);
        double sum = base;
        for (RegressionTree tree : this.trees) {
            sum += tree.rootValue();
        }
        this.bias = sum;
    }

    @Override
    public FeatureSchema schema() {
        return schema;
    }

    @Override
    public double logOdds(double[] row) {
        double score = base;
        for (RegressionTree tree : trees) {
            score += tree.predict(row);
        }
        return score;
    }

    @Override
    public double bias() {
        return bias;
    }

    @Override
    public double[] contributions(double[] row) {
        double[] result = new double[schema.size()];
        for (RegressionTree tree : trees) {
            tree.contribute(row, result);
        }
        return result;
    }

    /** The boosting rounds kept (after early stopping). */
    public int trees() {
        return trees.size();
    }

    /** Total loss reduction of each feature's splits, in schema order: a global view of what the model uses. */
    public double[] gainImportance() {
        double[] importance = new double[schema.size()];
        for (RegressionTree tree : trees) {
            tree.addImportance(importance);
        }
        return importance;
    }
}
