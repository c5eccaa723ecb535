package io.lotse.engine.propensity;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/** Stratified k-fold assignment: every fold gets nearly the same share of each outcome. Deterministic for a seed. */
public final class StratifiedFolds {

    private StratifiedFolds() {}

    /**
     * The fold (0 to {@code folds − 1}) of every row.
     *
     * @throws IllegalArgumentException when {@code folds < 2}, a label is neither 0 nor 1, or an outcome has fewer
     *                                  rows than there are folds
     */
    public static int[] assign(double[] labels, int folds, long seed) {
        if (folds < 2) {
            throw new IllegalArgumentException("cross-validation needs at least 2 folds, was " + folds);
        }
        ClassificationMetrics.requireLabels(labels, labels.length);
        Random random = new Random(seed);
        int[] foldOf = new int[labels.length];
        for (double outcome : new double[] {0.0, 1.0}) {
            List<Integer> members = new ArrayList<>();
            for (int i = 0; i < labels.length; i++) {
                if (labels[i] == outcome) {
                    members.add(i);
                }
            }
            if (members.size() < folds) {
                throw new IllegalArgumentException(folds + " folds need at least " + folds + " rows of each outcome, "
                        + "but outcome " + (int) outcome + " has " + members.size());
            }
            Collections.shuffle(members, random);
            for (int k = 0; k < members.size(); k++) {
                foldOf[members.get(k)] = k % folds;
            }
        }
        return foldOf;
    }

    /** The rows of one fold, or of all other folds, in ascending order. */
    public static int[] rows(int[] foldOf, int fold, boolean inFold) {
        int count = 0;
        for (int f : foldOf) {
            if ((f == fold) == inFold) {
                count++;
            }
        }
        int[] rows = new int[count];
        int next = 0;
        for (int i = 0; i < foldOf.length; i++) {
            if ((foldOf[i] == fold) == inFold) {
                rows[next++] = i;
            }
        }
        return rows;
    }
}
