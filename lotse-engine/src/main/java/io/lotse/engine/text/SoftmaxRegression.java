package io.lotse.engine.text;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Multinomial logistic regression over a sparse block and a dense block of features, trained by stochastic
 * gradient descent with L2 regularisation (weight decay through a shared scale factor, so a step costs only the
 * non-zero features). Weights are stored feature-major, so one feature's class weights are adjacent.
 */
final class SoftmaxRegression {

    /**
     * Training parameters.
     *
     * @param epochs       passes over the data
     * @param learningRate initial step size
     * @param l2           regularisation strength per example
     * @param seed         order of the examples
     */
    record Parameters(int epochs, double learningRate, double l2, long seed) {

        Parameters {
            if (epochs < 1) {
                throw new IllegalArgumentException("epochs must be at least 1, was " + epochs);
            }
            if (!(learningRate > 0) || !(l2 >= 0)) {
                throw new IllegalArgumentException("learning rate must be positive and l2 not negative");
            }
        }
    }

    /** One training example: its sparse features (already compacted), dense features and class. */
    record Example(SparseVector sparse, float[] dense, int label) {
    }

    private final int classes;
    private final int sparseDimension;
    private final int denseDimension;
    private final float[] sparseWeights;
    private final float[] denseWeights;
    private final float[] bias;

    private SoftmaxRegression(int classes, int sparseDimension, int denseDimension, float[] sparseWeights,
            float[] denseWeights, float[] bias) {
        this.classes = classes;
        this.sparseDimension = sparseDimension;
        this.denseDimension = denseDimension;
        this.sparseWeights = sparseWeights;
        this.denseWeights = denseWeights;
        this.bias = bias;
    }

    static SoftmaxRegression train(Example[] examples, int classes, int sparseDimension, int denseDimension,
            Parameters parameters) {
        float[] v = new float[sparseDimension * classes];
        float[] u = new float[denseDimension * classes];
        float[] b = new float[classes];
        double scale = 1;
        double[] logits = new double[classes];
        double[] gradient = new double[classes];
        int[] order = new int[examples.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(parameters.seed());
        long t = 0;
        double eta0 = parameters.learningRate();
        double lambda = parameters.l2();
        for (int epoch = 0; epoch < parameters.epochs(); epoch++) {
            shuffle(order, random);
            for (int index : order) {
                Example example = examples[index];
                double eta = eta0 / (1 + lambda * eta0 * t++);
                scores(example.sparse(), example.dense(), v, u, b, scale, classes, logits);
                softmaxInPlace(logits);
                for (int c = 0; c < classes; c++) {
                    gradient[c] = logits[c] - (c == example.label() ? 1 : 0);
                }
                scale *= 1 - eta * lambda;
                if (scale < 1e-6) {
                    rescale(v, scale);
                    rescale(u, scale);
                    scale = 1;
                }
                double step = eta / scale;
                int[] indices = example.sparse().indices();
                float[] values = example.sparse().values();
                for (int k = 0; k < indices.length; k++) {
                    int offset = indices[k] * classes;
                    double x = values[k] * step;
                    for (int c = 0; c < classes; c++) {
                        v[offset + c] -= (float) (gradient[c] * x);
                    }
                }
                float[] dense = example.dense();
                for (int k = 0; k < dense.length; k++) {
                    int offset = k * classes;
                    double x = dense[k] * step;
                    for (int c = 0; c < classes; c++) {
                        u[offset + c] -= (float) (gradient[c] * x);
                    }
                }
                for (int c = 0; c < classes; c++) {
                    b[c] -= (float) (eta * gradient[c]);
                }
            }
        }
        rescale(v, scale);
        rescale(u, scale);
        return new SoftmaxRegression(classes, sparseDimension, denseDimension, v, u, b);
    }

    /** The unnormalised class scores (logits) of a feature vector. */
    double[] logits(SparseVector sparse, float[] dense) {
        double[] logits = new double[classes];
        scores(sparse, dense, sparseWeights, denseWeights, bias, 1, classes, logits);
        return logits;
    }

    int classes() {
        return classes;
    }

    int sparseDimension() {
        return sparseDimension;
    }

    int denseDimension() {
        return denseDimension;
    }

    private static void scores(SparseVector sparse, float[] dense, float[] v, float[] u, float[] b, double scale,
            int classes, double[] out) {
        Arrays.fill(out, 0);
        int[] indices = sparse.indices();
        float[] values = sparse.values();
        for (int k = 0; k < indices.length; k++) {
            int offset = indices[k] * classes;
            double x = values[k];
            for (int c = 0; c < classes; c++) {
                out[c] += v[offset + c] * x;
            }
        }
        for (int k = 0; k < dense.length; k++) {
            int offset = k * classes;
            double x = dense[k];
            for (int c = 0; c < classes; c++) {
                out[c] += u[offset + c] * x;
            }
        }
        for (int c = 0; c < classes; c++) {
            out[c] = out[c] * scale + b[c];
        }
    }

    /** Replaces logits by their softmax probabilities. */
    static void softmaxInPlace(double[] logits) {
        double max = Double.NEGATIVE_INFINITY;
        for (double l : logits) {
            max = Math.max(max, l);
        }
        double sum = 0;
        for (int c = 0; c < logits.length; c++) {
            logits[c] = Math.exp(logits[c] - max);
            sum += logits[c];
        }
        for (int c = 0; c < logits.length; c++) {
            logits[c] /= sum;
        }
    }

    private static void rescale(float[] weights, double scale) {
        for (int i = 0; i < weights.length; i++) {
            weights[i] *= (float) scale;
        }
    }

    private static void shuffle(int[] order, SplittableRandom random) {
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int tmp = order[i];
            order[i] = order[j];
            order[j] = tmp;
        }
    }
}
