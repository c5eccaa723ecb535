package io.lotse.engine.recommend;

import java.util.Arrays;
import java.util.Map;

/**
 * Frequently bought together: for each item the items most often in the same basket (order or cart), by
 * shrunk confidence {@code n_ij / (n_i + shrinkage)}, the share of the item's baskets that also hold the other,
 * damped for rarely bought items. Pairs seen in fewer than {@code minTogether} baskets are ignored.
 */
public final class BoughtTogether {

    /**
     * @param neighbours  how many companions each item keeps
     * @param minTogether fewest shared baskets for a pair to count
     * @param shrinkage   pseudo-baskets damping the confidence of rarely bought items
     */
    public record Parameters(int neighbours, int minTogether, double shrinkage) {

        public Parameters {
            if (neighbours < 1 || minTogether < 1 || !(shrinkage >= 0)) {
                throw new IllegalArgumentException("neighbours and minTogether must be at least 1, shrinkage at "
                        + "least 0");
            }
        }

        public static Parameters defaults() {
            return new Parameters(50, 2, 5);
        }
    }

    private final Neighbours companions;
    private final ModelProvenance provenance;

    private BoughtTogether(Neighbours companions, ModelProvenance provenance) {
        this.companions = companions;
        this.provenance = provenance;
    }

    /**
     * @param baskets one row per basket, one column per item
     */
    public static BoughtTogether train(Interactions baskets, Parameters parameters, DataWindow window) {
        long start = System.nanoTime();
        Neighbours companions = Neighbours.cooccurrence(baskets, parameters.neighbours(), parameters.minTogether(),
                (item, other, together) -> together / (baskets.columnLength(item) + parameters.shrinkage()));
        ModelProvenance provenance = new ModelProvenance("together", window, Map.of(
                "neighbours", (double) parameters.neighbours(), "min_together", (double) parameters.minTogether(),
                "shrinkage", parameters.shrinkage()), Map.of("pairs", (double) companions.size()), 0,
                ModelProvenance.since(start));
        return new BoughtTogether(companions, provenance);
    }

    public int items() {
        return companions.items();
    }

    /**
     * Scores every item by how often it is bought together with the anchors (the product on the page, the cart).
     *
     * @param scores of length {@link #items()}; overwritten
     */
    public void score(int[] anchors, double[] scores) {
        Arrays.fill(scores, 0);
        double[] ones = new double[anchors.length];
        Arrays.fill(ones, 1);
        int[] known = Arrays.stream(anchors).filter(a -> a >= 0 && a < companions.items()).toArray();
        companions.accumulate(known, Arrays.copyOf(ones, known.length), scores);
    }

    /** The anchor bought together with {@code item} most often, relative to its own sales, or -1. */
    public int evidence(int[] anchors, int item) {
        return companions.strongestAnchor(Arrays.stream(anchors).filter(a -> a >= 0 && a < companions.items())
                .toArray(), item);
    }

    /** The confidence that a basket with {@code item} also holds {@code other}; 0 for pairs not kept. */
    public double confidence(int item, int other) {
        return companions.between(item, other);
    }

    public ModelProvenance provenance() {
        return provenance;
    }
}
