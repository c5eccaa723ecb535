package io.lotse.engine.recommend;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * V-SKNN, session-based nearest neighbours with decay (Ludewig & Jannach 2018, "Evaluation of session-based
 * recommendation algorithms"): the current session is compared with past sessions that share an item with it.
 *
 * <ul>
 *   <li>Candidates: through an index item → sessions, the {@code sampleSize} most recent past sessions holding
 *   any item of the current session.</li>
 *   <li>Similarity: the sum over shared items of their position weight in the current session, which decays
 *   linearly from 1 for the latest item to {@code 1/n} for the first of n (an item seen twice counts at its
 *   latest position).</li>
 *   <li>Score of an item: the summed similarity of the {@code neighbours} most similar sessions holding it.</li>
 * </ul>
 *
 * <p>So a visitor without history gets personal results after their first product view.
 */
public final class SessionKnn {

    /**
     * @param neighbours how many most similar past sessions vote
     * @param sampleSize how many of the most recent candidate sessions are compared at all
     */
    public record Parameters(int neighbours, int sampleSize) {

        public Parameters {
            if (neighbours < 1 || sampleSize < 1) {
                throw new IllegalArgumentException("neighbours and sampleSize must be at least 1");
            }
        }

        public static Parameters defaults() {
            return new Parameters(100, 500);
        }
    }

    private final int items;
    private final Parameters parameters;
    /** Distinct items of each past session, ascending; sessions in time order, so a higher id is more recent. */
    private final int[][] sessionItems;
    /** For each item the ids of the sessions holding it, most recent first, at most {@code sampleSize}. */
    private final int[][] sessionsOf;
    private final ModelProvenance provenance;

    private SessionKnn(int items, Parameters parameters, int[][] sessionItems, int[][] sessionsOf,
                       ModelProvenance provenance) {
        this.items = items;
        this.parameters = parameters;
        this.sessionItems = sessionItems;
        this.sessionsOf = sessionsOf;
        this.provenance = provenance;
    }

    /**
     * Indexes past sessions.
     *
     * @param sessions each session's items in the order they were seen; sessions oldest first
     * @param items    the number of items; every index must lie below it
     */
    public static SessionKnn train(List<int[]> sessions, int items, Parameters parameters, DataWindow window) {
        long start = System.nanoTime();
        int[][] sessionItems = new int[sessions.size()][];
        int[] counts = new int[items];
        for (int s = 0; s < sessionItems.length; s++) {
            int[] distinct = Arrays.stream(sessions.get(s)).distinct().sorted().toArray();
            for (int item : distinct) {
                if (item < 0 || item >= items) {
                    throw new IllegalArgumentException("item " + item + " outside 0.." + (items - 1));
                }
                counts[item]++;
            }
            sessionItems[s] = distinct;
        }
        int[][] sessionsOf = new int[items][];
        int[] filled = new int[items];
        for (int item = 0; item < items; item++) {
            sessionsOf[item] = new int[Math.min(counts[item], parameters.sampleSize())];
        }
        for (int s = sessionItems.length - 1; s >= 0; s--) {
            for (int item : sessionItems[s]) {
                if (filled[item] < sessionsOf[item].length) {
                    sessionsOf[item][filled[item]++] = s;
                }
            }
        }
        ModelProvenance provenance = new ModelProvenance("vsknn", window, Map.of(
                "neighbours", (double) parameters.neighbours(), "sample_size", (double) parameters.sampleSize()),
                Map.of("sessions", (double) sessionItems.length), 0, ModelProvenance.since(start));
        return new SessionKnn(items, parameters, sessionItems, sessionsOf, provenance);
    }

    public int items() {
        return items;
    }

    /**
     * Scores every item for the current session.
     *
     * @param current the session's items in the order seen, oldest first; indices outside the model are ignored
     * @param scores  of length {@link #items()}; overwritten
     */
    public void score(int[] current, double[] scores) {
        neighbourhood(current).score(scores);
    }

    /** The item of the current session that most ties it to the neighbours holding {@code item}, or -1. */
    public int evidence(int[] current, int item) {
        return neighbourhood(current).evidence(item);
    }

    /**
     * The past sessions most similar to the current one, found once and then used for scores and evidence.
     *
     * @param current the session's items in the order seen, oldest first; indices outside the model are ignored
     */
    public Neighbourhood neighbourhood(int[] current) {
        return find(current);
    }

    /** The most similar past sessions with their similarities, and the current session's weighted items. */
    public final class Neighbourhood {

        private final int[] items;
        private final double[] weights;
        private final int[] sessions;
        private final double[] similarities;

        private Neighbourhood(int[] items, double[] weights, int[] sessions, double[] similarities) {
            this.items = items;
            this.weights = weights;
            this.sessions = sessions;
            this.similarities = similarities;
        }

        /**
         * Writes each item's score, the summed similarity of the neighbours holding it.
         *
         * @param scores of length {@link SessionKnn#items()}; overwritten
         */
        public void score(double[] scores) {
            Arrays.fill(scores, 0);
            for (int n = 0; n < sessions.length; n++) {
                double similarity = similarities[n];
                for (int item : sessionItems[sessions[n]]) {
                    scores[item] += similarity;
                }
            }
        }

        /** The item of the current session that most ties it to the neighbours holding {@code item}, or -1. */
        public int evidence(int item) {
            int best = -1;
            double bestWeight = 0;
            for (int session : sessions) {
                int[] members = sessionItems[session];
                if (Arrays.binarySearch(members, item) < 0) {
                    continue;
                }
                for (int c = 0; c < items.length; c++) {
                    int own = items[c];
                    if (own != item && weights[c] > bestWeight && Arrays.binarySearch(members, own) >= 0) {
                        bestWeight = weights[c];
                        best = own;
                    }
                }
            }
            return best;
        }
    }

    private Neighbourhood find(int[] current) {
        List<Integer> order = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        int length = current.length;
        for (int position = 0; position < length; position++) {
            int item = current[position];
            if (item < 0 || item >= items) {
                continue;
            }
            double weight = (position + 1) / (double) length;
            int existing = order.indexOf(item);
            if (existing >= 0) {
                weights.set(existing, weight);
            } else {
                order.add(item);
                weights.add(weight);
            }
        }
        int[] own = order.stream().mapToInt(Integer::intValue).toArray();
        double[] ownWeights = weights.stream().mapToDouble(Double::doubleValue).toArray();
        int total = 0;
        for (int item : own) {
            total += sessionsOf[item].length;
        }
        int[] candidates = new int[total];
        int at = 0;
        for (int item : own) {
            System.arraycopy(sessionsOf[item], 0, candidates, at, sessionsOf[item].length);
            at += sessionsOf[item].length;
        }
        Arrays.sort(candidates);
        int distinct = 0;
        for (int i = 0; i < candidates.length; i++) {
            if (i == 0 || candidates[i] != candidates[i - 1]) {
                candidates[distinct++] = candidates[i];
            }
        }
        int from = Math.max(0, distinct - parameters.sampleSize());
        int compared = distinct - from;
        double[] similarity = new double[compared];
        for (int c = 0; c < compared; c++) {
            int[] members = sessionItems[candidates[from + c]];
            double sum = 0;
            for (int k = 0; k < own.length; k++) {
                if (Arrays.binarySearch(members, own[k]) >= 0) {
                    sum += ownWeights[k];
                }
            }
            similarity[c] = sum;
        }
        // Best similarity first; among equals the more recent session: rank positions counted from the newest.
        double[] byRecency = new double[compared];
        int[] positions = new int[compared];
        for (int c = 0; c < compared; c++) {
            byRecency[c] = similarity[compared - 1 - c];
            positions[c] = c;
        }
        int[] best = TopItems.topAmong(positions, compared, byRecency, parameters.neighbours());
        int[] sessions = new int[best.length];
        double[] similarities = new double[best.length];
        for (int n = 0; n < best.length; n++) {
            int c = compared - 1 - best[n];
            sessions[n] = candidates[from + c];
            similarities[n] = similarity[c];
        }
        return new Neighbourhood(own, ownWeights, sessions, similarities);
    }

    public ModelProvenance provenance() {
        return provenance;
    }
}
