package io.lotse.bench;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Scores of predicted intents against true ones.
 *
 * @param accuracy         share of messages whose predicted intent (out of scope included) is the true one
 * @param macroF1          F1 averaged over the true intents (out of scope included when present)
 * @param inScopeAccuracy  among messages with an in-scope true intent, the share predicted right (a rejection as
 *                         out of scope counts as wrong); NaN without an out-of-scope label
 * @param oosRecall        share of out-of-scope messages predicted as such; NaN without any
 * @param oosPrecision     share of messages predicted out of scope that are; NaN when none is predicted so
 */
record IntentMetrics(double accuracy, double macroF1, double inScopeAccuracy, double oosRecall, double oosPrecision) {

    static IntentMetrics of(List<String> truth, List<String> predicted, @Nullable String outOfScope) {
        if (truth.size() != predicted.size()) {
            throw new IllegalArgumentException("one prediction per true label is needed");
        }
        int correct = 0;
        Map<String, int[]> counts = new HashMap<>();
        Set<String> trueLabels = new HashSet<>(truth);
        int inScope = 0;
        int inScopeRight = 0;
        int outside = 0;
        int outsideFound = 0;
        int predictedOutside = 0;
        for (int i = 0; i < truth.size(); i++) {
            String t = truth.get(i);
            String p = predicted.get(i);
            boolean right = t.equals(p);
            correct += right ? 1 : 0;
            // counts: true positives, false positives, false negatives
            if (right) {
                counts.computeIfAbsent(t, key -> new int[3])[0]++;
            } else {
                counts.computeIfAbsent(p, key -> new int[3])[1]++;
                counts.computeIfAbsent(t, key -> new int[3])[2]++;
            }
            if (outOfScope != null) {
                if (outOfScope.equals(t)) {
                    outside++;
                    outsideFound += right ? 1 : 0;
                } else {
                    inScope++;
                    inScopeRight += right ? 1 : 0;
                }
                predictedOutside += outOfScope.equals(p) ? 1 : 0;
            }
        }
        double f1Sum = 0;
        for (String label : trueLabels) {
            int[] c = counts.getOrDefault(label, new int[3]);
            double denominator = 2.0 * c[0] + c[1] + c[2];
            f1Sum += denominator == 0 ? 0 : 2.0 * c[0] / denominator;
        }
        return new IntentMetrics(correct / (double) truth.size(), f1Sum / trueLabels.size(),
                outOfScope == null || inScope == 0 ? Double.NaN : inScopeRight / (double) inScope,
                outside == 0 ? Double.NaN : outsideFound / (double) outside,
                predictedOutside == 0 ? Double.NaN : outsideFound / (double) predictedOutside);
    }
}
