package io.lotse.engine.propensity;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Gradient-boosted decision trees for a binary outcome with the logistic loss (second-order boosting as in
 * XGBoost): features are cut into quantile bins, each tree grows best split first up to a depth and a leaf limit,
 * leaves hold at least {@code minSamplesLeaf} rows, leaf values are {@code −G / (H + λ)} shrunk by the learning
 * rate, every tree sees a random share of the rows, and boosting stops once the log loss on a held-out stratified
 * share of the rows has not improved for {@code earlyStoppingRounds} rounds (the best round count is kept). Unknown
 * values go to whichever side of a split lowers the loss more. Single-threaded and deterministic for a seed.
 */
public final class GradientBoostedTrees {

    /** A split must lower the loss by more than this; smaller gains are rounding noise. */
    private static final double MIN_GAIN = 1e-9;
    private static final double MIN_HESSIAN = 1e-6;

    private GradientBoostedTrees() {}

    /**
     * @throws IllegalArgumentException when the data hold only one outcome
     */
    public static TreeEnsemble fit(TrainingData data, BoostingParameters parameters, long seed) {
        data.requireBothClasses();
        double[][] rows = data.rowsView();
        double[] labels = data.labelsView();
        int features = data.schema().size();
        Random random = new Random(seed);
        int[][] split = holdout(labels, parameters.validationFraction(), random);
        int[] train = split[0];
        int[] validation = split[1];

        FeatureBinning binning = FeatureBinning.fit(rows, train, features, parameters.maxBins());
        short[][] codes = binning.codes(rows, features);
        double positives = 0;
        for (int i : train) {
            positives += labels[i];
        }
        double rate = positives / train.length;
        double base = Math.log(rate / (1 - rate));

        double[] score = new double[rows.length];
        Arrays.fill(score, base);
        double[] gradient = new double[rows.length];
        double[] hessian = new double[rows.length];
        Grower grower = new Grower(codes, binning, parameters);
        List<RegressionTree> trees = new ArrayList<>();
        double bestLoss = validation.length == 0 ? Double.NaN : loss(score, labels, validation);
        int bestRounds = 0;
        int sampleSize = Math.max(1, (int) Math.round(parameters.subsample() * train.length));
        int[] pool = train.clone();
        for (int round = 0; round < parameters.maxTrees(); round++) {
            for (int i : train) {
                double p = LogisticRegression.sigmoid(score[i]);
                gradient[i] = p - labels[i];
                hessian[i] = Math.max(p * (1 - p), MIN_HESSIAN);
            }
            int[] sample = sampleSize == train.length ? train : sample(pool, sampleSize, random);
            RegressionTree tree = grower.grow(sample, gradient, hessian);
            trees.add(tree);
            for (int i = 0; i < rows.length; i++) {
                score[i] += tree.predict(rows[i]);
            }
            if (validation.length > 0) {
                double current = loss(score, labels, validation);
                if (current < bestLoss) {
                    bestLoss = current;
                    bestRounds = trees.size();
                } else if (trees.size() - bestRounds >= parameters.earlyStoppingRounds()) {
                    break;
                }
            } else {
                bestRounds = trees.size();
            }
        }
        return new TreeEnsemble(data.schema(), base, trees.subList(0, bestRounds));
    }

    /**
     * Train and validation rows: a stratified random share of each outcome is held out, unless that would leave
     * an outcome absent from either part.
     */
    private static int[][] holdout(double[] labels, double fraction, Random random) {
        int n = labels.length;
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        if (fraction == 0) {
            return new int[][] {all, new int[0]};
        }
        List<Integer> train = new ArrayList<>();
        List<Integer> validation = new ArrayList<>();
        for (double outcome : new double[] {0.0, 1.0}) {
            List<Integer> members = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (labels[i] == outcome) {
                    members.add(i);
                }
            }
            Collections.shuffle(members, random);
            int held = (int) Math.round(fraction * members.size());
            if (held == 0 || held == members.size()) {
                return new int[][] {all, new int[0]};
            }
            validation.addAll(members.subList(0, held));
            train.addAll(members.subList(held, members.size()));
        }
        return new int[][] {sorted(train), sorted(validation)};
    }

    private static int[] sorted(List<Integer> indices) {
        int[] result = indices.stream().mapToInt(Integer::intValue).toArray();
        Arrays.sort(result);
        return result;
    }

    /** {@code size} distinct rows of the pool drawn without replacement (a partial Fisher–Yates shuffle). */
    private static int[] sample(int[] pool, int size, Random random) {
        for (int k = 0; k < size; k++) {
            int pick = k + random.nextInt(pool.length - k);
            int swap = pool[k];
            pool[k] = pool[pick];
            pool[pick] = swap;
        }
        int[] chosen = Arrays.copyOf(pool, size);
        Arrays.sort(chosen);
        return chosen;
    }

    private static double loss(double[] score, double[] labels, int[] rows) {
        double sum = 0;
        for (int i : rows) {
            sum += LogisticRegression.logLoss(score[i], labels[i]);
        }
        return sum / rows.length;
    }

    /** Grows one tree on binned features, best split first. */
    private static final class Grower {

        private final short[][] codes;
        private final FeatureBinning binning;
        private final BoostingParameters parameters;

        Grower(short[][] codes, FeatureBinning binning, BoostingParameters parameters) {
            this.codes = codes;
            this.binning = binning;
            this.parameters = parameters;
        }

        private static final class Leaf {
            final int node;
            final int[] rows;
            final double g;
            final double h;
            final int depth;
            Split best;

            Leaf(int node, int[] rows, double g, double h, int depth) {
                this.node = node;
                this.rows = rows;
                this.g = g;
                this.h = h;
                this.depth = depth;
            }
        }

        private record Split(int feature, int bin, boolean missingLeft, double gain) {}

        RegressionTree grow(int[] rows, double[] gradient, double[] hessian) {
            Nodes nodes = new Nodes();
            double g = 0;
            double h = 0;
            for (int i : rows) {
                g += gradient[i];
                h += hessian[i];
            }
            Leaf root = new Leaf(nodes.add(value(g, h)), rows, g, h, 0);
            List<Leaf> open = new ArrayList<>();
            consider(root, gradient, hessian);
            open.add(root);
            int leaves = 1;
            while (leaves < parameters.maxLeaves()) {
                Leaf chosen = null;
                for (Leaf leaf : open) {
                    if (leaf.best != null && (chosen == null || leaf.best.gain() > chosen.best.gain())) {
                        chosen = leaf;
                    }
                }
                if (chosen == null) {
                    break;
                }
                open.remove(chosen);
                Split split = chosen.best;
                short[] column = codes[split.feature()];
                int leftCount = 0;
                for (int i : chosen.rows) {
                    if (goesLeft(column[i], split)) {
                        leftCount++;
                    }
                }
                int[] leftRows = new int[leftCount];
                int[] rightRows = new int[chosen.rows.length - leftCount];
                int l = 0;
                int r = 0;
                double gl = 0;
                double hl = 0;
                for (int i : chosen.rows) {
                    if (goesLeft(column[i], split)) {
                        leftRows[l++] = i;
                        gl += gradient[i];
                        hl += hessian[i];
                    } else {
                        rightRows[r++] = i;
                    }
                }
                double gr = chosen.g - gl;
                double hr = chosen.h - hl;
                Leaf left = new Leaf(nodes.add(value(gl, hl)), leftRows, gl, hl, chosen.depth + 1);
                Leaf right = new Leaf(nodes.add(value(gr, hr)), rightRows, gr, hr, chosen.depth + 1);
                nodes.split(chosen.node, split.feature(), binning.threshold(split.feature(), split.bin()),
                        split.missingLeft(), left.node, right.node, split.gain());
                consider(left, gradient, hessian);
                consider(right, gradient, hessian);
                open.add(left);
                open.add(right);
                leaves++;
            }
            return nodes.tree();
        }

        private static boolean goesLeft(short code, Split split) {
            return code == FeatureBinning.MISSING ? split.missingLeft() : code <= split.bin();
        }

        private double value(double g, double h) {
            return -parameters.learningRate() * g / (h + parameters.l2());
        }

        /** Finds the leaf's best split, if it may split at all. */
        private void consider(Leaf leaf, double[] gradient, double[] hessian) {
            int minLeaf = parameters.minSamplesLeaf();
            if (leaf.depth >= parameters.maxDepth() || leaf.rows.length < 2 * minLeaf) {
                return;
            }
            double lambda = parameters.l2();
            double parentScore = leaf.g * leaf.g / (leaf.h + lambda);
            Split best = null;
            for (int feature = 0; feature < codes.length; feature++) {
                int bins = binning.bins(feature);
                // Slot `bins` collects the unknown values.
                double[] g = new double[bins + 1];
                double[] h = new double[bins + 1];
                int[] c = new int[bins + 1];
                short[] column = codes[feature];
                for (int i : leaf.rows) {
                    int slot = column[i] == FeatureBinning.MISSING ? bins : column[i];
                    g[slot] += gradient[i];
                    h[slot] += hessian[i];
                    c[slot]++;
                }
                double gm = g[bins];
                double hm = h[bins];
                int cm = c[bins];
                double gAbove = 0;
                double hAbove = 0;
                int cAbove = 0;
                int lastBin = cm > 0 ? bins - 1 : bins - 2;
                for (int bin = 0; bin <= lastBin; bin++) {
                    gAbove += g[bin];
                    hAbove += h[bin];
                    cAbove += c[bin];
                    for (int side = 0; side < (cm > 0 ? 2 : 1); side++) {
                        boolean missingLeft = side == 1;
                        double gl = gAbove + (missingLeft ? gm : 0);
                        double hl = hAbove + (missingLeft ? hm : 0);
                        int cl = cAbove + (missingLeft ? cm : 0);
                        int cr = leaf.rows.length - cl;
                        if (cl < minLeaf || cr < minLeaf) {
                            continue;
                        }
                        double gr = leaf.g - gl;
                        double hr = leaf.h - hl;
                        double gain = gl * gl / (hl + lambda) + gr * gr / (hr + lambda) - parentScore;
                        if (gain > MIN_GAIN && (best == null || gain > best.gain())) {
                            best = new Split(feature, bin, missingLeft, gain);
                        }
                    }
                }
            }
            leaf.best = best;
        }
    }

    /** The growing arrays of one tree's nodes. */
    private static final class Nodes {
        private int size;
        private int[] feature = new int[16];
        private double[] threshold = new double[16];
        private boolean[] missingLeft = new boolean[16];
        private int[] left = new int[16];
        private int[] right = new int[16];
        private double[] value = new double[16];
        private double[] gain = new double[16];

        int add(double nodeValue) {
            if (size == feature.length) {
                int capacity = size * 2;
                feature = Arrays.copyOf(feature, capacity);
                threshold = Arrays.copyOf(threshold, capacity);
                missingLeft = Arrays.copyOf(missingLeft, capacity);
                left = Arrays.copyOf(left, capacity);
                right = Arrays.copyOf(right, capacity);
                value = Arrays.copyOf(value, capacity);
                gain = Arrays.copyOf(gain, capacity);
            }
            feature[size] = -1;
            value[size] = nodeValue;
            return size++;
        }

        void split(int node, int splitFeature, double splitThreshold, boolean unknownLeft, int leftChild,
                   int rightChild, double splitGain) {
            feature[node] = splitFeature;
            threshold[node] = splitThreshold;
            missingLeft[node] = unknownLeft;
            left[node] = leftChild;
            right[node] = rightChild;
            gain[node] = splitGain;
        }

        RegressionTree tree() {
            return new RegressionTree(Arrays.copyOf(feature, size), Arrays.copyOf(threshold, size),
                    Arrays.copyOf(missingLeft, size), Arrays.copyOf(left, size), Arrays.copyOf(right, size),
                    Arrays.copyOf(value, size), Arrays.copyOf(gain, size));
        }
    }
}
