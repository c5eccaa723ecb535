package io.lotse.server.predict;

import tools.jackson.databind.node.ObjectNode;

/**
 * Learns the probability of an outcome from people's features. Rows are model inputs in {@link PropensityFeatures}
 * order (already on log scale where the feature says so), {@code NaN} where a value does not exist for the person.
 */
interface PropensityLearner {

    /** A short name of the method, recorded with every model. */
    String name();

    /**
     * Fits a model.
     *
     * @param rows   one row per person
     * @param labels whether the outcome happened, per person
     * @throws IllegalArgumentException when rows and labels differ in number or there is only one class
     */
    Model fit(double[][] rows, boolean[] labels);

    /** A fitted propensity model. */
    interface Model {

        /** The probability of the outcome for a person's row. */
        double probability(double[] row);

        /**
         * What each feature adds to the log-odds of the person's probability compared with a person whose every
         * value is the training mean, per feature in row order; they sum to the log-odds minus the mean person's.
         */
        double[] contributions(double[] row);

        /** The fitted parameters, for the model's provenance. */
        ObjectNode parameters();
    }
}
