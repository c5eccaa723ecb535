package io.lotse.engine.recommend;

import java.util.Arrays;
import java.util.Map;

/**
 * Item-based nearest neighbours: two items are similar when the same people interacted with both. Similarity is
 * shrunk cosine on the binary matrix, {@code |U_i ∩ U_j| / (sqrt(|U_i| · |U_j|) + shrinkage)}; each item keeps its
 * {@code neighbours} most similar items, and a person's score for an item is the sum of its similarities to the
 * items of their history.
 */
public final class ItemKnn implements HistoryScorer {

    /**
     * @param neighbours how many similar items each item keeps
     * @param shrinkage  damps similarities resting on few people
     */
    public record Parameters(int neighbours, double shrinkage) {

        public Parameters {
            if (neighbours < 1) {
                throw new IllegalArgumentException("neighbours must be at least 1, was " + neighbours);
            }
            if (!(shrinkage >= 0)) {
                throw new IllegalArgumentException("shrinkage must not be negative, was " + shrinkage);
            }
        }

        public static Parameters defaults() {
            return new Parameters(100, 10);
        }
    }

    private final Neighbours neighbours;
    private final ModelProvenance provenance;

    private ItemKnn(Neighbours neighbours, ModelProvenance provenance) {
        this.neighbours = neighbours;
        this.provenance = provenance;
    }

    public static ItemKnn train(Interactions interactions, Parameters parameters, DataWindow window) {
        long start = System.nanoTime();
        Neighbours neighbours = Neighbours.cooccurrence(interactions, parameters.neighbours(), 1,
                (item, other, together) -> together / (Math.sqrt((double) interactions.columnLength(item)
                        * interactions.columnLength(other)) + parameters.shrinkage()));
        ModelProvenance provenance = new ModelProvenance("itemknn", window,
                Map.of("neighbours", (double) parameters.neighbours(), "shrinkage", parameters.shrinkage()),
                Map.of("mean_neighbours", interactions.items() == 0 ? 0.0
                        : neighbours.size() / (double) interactions.items()), 0, ModelProvenance.since(start));
        return new ItemKnn(neighbours, provenance);
    }

    @Override
    public int items() {
        return neighbours.items();
    }

    @Override
    public void score(PersonHistory history, double[] scores) {
        Arrays.fill(scores, 0);
        double[] ones = new double[history.size()];
        Arrays.fill(ones, 1);
        neighbours.accumulate(history.items(), ones, scores);
    }

    /** Scores for a single item, as on a product page: its neighbours' similarities. */
    public void similarTo(int item, double[] scores) {
        Arrays.fill(scores, 0);
        neighbours.accumulate(new int[] {item}, new double[] {1}, scores);
    }

    @Override
    public int evidence(PersonHistory history, int item) {
        return neighbours.strongestAnchor(history.items(), item);
    }

    /** How similar two items are; 0 unless {@code other} is among the kept neighbours of {@code item}. */
    public double similarity(int item, int other) {
        return neighbours.between(item, other);
    }

    @Override
    public ModelProvenance provenance() {
        return provenance;
    }
}
