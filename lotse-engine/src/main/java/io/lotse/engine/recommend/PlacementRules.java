package io.lotse.engine.recommend;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * How one placement (home page, product page, cart, email) blends the signals and which business rules it
 * applies.
 *
 * @param weights                 weight of each signal; missing signals weigh 0
 * @param normalisation           how each signal's scores are made comparable before weighting
 * @param excludeInactive         drop items not offered any more
 * @param excludeOutOfStock       drop items that cannot be delivered now
 * @param alreadyBought           what to do with items the person bought before
 * @param alreadyBoughtByCategory exceptions by category index, e.g. allow consumables again
 * @param maxPerCategory          at most this many items of one category, for diversity; 0 for no cap
 * @param adjustments             boosts and burials, applied in order
 */
public record PlacementRules(Map<Signal, Double> weights, Normalisation normalisation, boolean excludeInactive,
                             boolean excludeOutOfStock, AlreadyBought alreadyBought,
                             Map<Integer, AlreadyBought> alreadyBoughtByCategory, int maxPerCategory,
                             List<Adjustment> adjustments) {

    /** Whether already bought items may be recommended. */
    public enum AlreadyBought { ALLOW, EXCLUDE }

    /** How scores of different signals are made comparable. */
    public enum Normalisation {
        /** Each signal's scores divided by its best score; negative scores count as 0. */
        SCORE,
        /** Reciprocal rank within each signal's ranking, {@code 1 / (10 + rank)}, rank 1 the best. */
        RANK
    }

    /** What an adjustment applies to. */
    public enum Target { PRODUCT, CATEGORY }

    /**
     * Multiplies the score of matching items: above 1 boosts, below 1 buries, 0 hides.
     *
     * @param target what {@code index} means
     * @param index  the item or category index
     * @param factor the multiplier, at least 0
     */
    public record Adjustment(Target target, int index, double factor) {

        public Adjustment {
            if (!(factor >= 0) || Double.isInfinite(factor)) {
                throw new IllegalArgumentException("an adjustment factor must be 0 or more, was " + factor);
            }
            if (index < 0) {
                throw new IllegalArgumentException("an adjustment needs an item or category index, was " + index);
            }
        }

        boolean matches(int item, int category) {
            return target == Target.PRODUCT ? index == item : index == category;
        }
    }

    public PlacementRules {
        EnumMap<Signal, Double> copy = new EnumMap<>(Signal.class);
        weights.forEach((signal, weight) -> {
            if (!(weight >= 0) || Double.isInfinite(weight)) {
                throw new IllegalArgumentException("the weight of " + signal.wireName() + " must be 0 or more, was "
                        + weight);
            }
            copy.put(signal, weight);
        });
        weights = Collections.unmodifiableMap(copy);
        alreadyBoughtByCategory = Map.copyOf(alreadyBoughtByCategory);
        adjustments = List.copyOf(adjustments);
        if (maxPerCategory < 0) {
            throw new IllegalArgumentException("maxPerCategory must be 0 (no cap) or more, was " + maxPerCategory);
        }
    }

    /** Blends with the given weights and applies no rule beyond dropping unavailable items. */
    public static PlacementRules weighted(Map<Signal, Double> weights) {
        return new PlacementRules(weights, Normalisation.SCORE, true, true, AlreadyBought.ALLOW, Map.of(), 0,
                List.of());
    }

    public double weight(Signal signal) {
        return weights.getOrDefault(signal, 0.0);
    }

    /** The policy for already bought items of a category. */
    public AlreadyBought alreadyBought(int category) {
        return alreadyBoughtByCategory.getOrDefault(category, alreadyBought);
    }

    /** The same rules with another already-bought policy. */
    public PlacementRules withAlreadyBought(AlreadyBought policy) {
        return new PlacementRules(weights, normalisation, excludeInactive, excludeOutOfStock, policy,
                alreadyBoughtByCategory, maxPerCategory, adjustments);
    }
}
