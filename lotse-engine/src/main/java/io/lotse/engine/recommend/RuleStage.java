package io.lotse.engine.recommend;

import java.util.ArrayList;
import java.util.List;

/**
 * Applies a placement's business rules to blended scores and picks the final list: drops unavailable items, the
 * products in view and (per category policy) items already bought, applies boosts and burials, caps items per
 * category, and fills up from overall popularity when the personal signals run short.
 */
public final class RuleStage {

    private RuleStage() {}

    /**
     * An item that survived the rules.
     *
     * @param item   the item
     * @param score  its blended and adjusted score
     * @param source the signal that contributed most; {@link Signal#POPULAR} for items filled in
     */
    public record Selected(int item, double score, Signal source) {}

    /**
     * @param bought     items the person bought (empty when nothing personal may be used)
     * @param anchors    products in view (product page, cart); never recommended
     * @param fallback   items by overall popularity, best first, to fill up with
     */
    public static List<Selected> select(Blender.Blend blend, ItemFacts facts, PlacementRules rules,
                                        PersonHistory bought, int[] anchors, int[] fallback, int limit) {
        int items = facts.items();
        boolean[] excluded = new boolean[items];
        for (int item = 0; item < items; item++) {
            excluded[item] = rules.excludeInactive() && !facts.active()[item]
                    || rules.excludeOutOfStock() && !facts.inStock()[item];
        }
        for (int anchor : anchors) {
            if (anchor >= 0 && anchor < items) {
                excluded[anchor] = true;
            }
        }
        for (int item : bought.items()) {
            if (item < items && rules.alreadyBought(facts.categoryOf(item)) == PlacementRules.AlreadyBought.EXCLUDE) {
                excluded[item] = true;
            }
        }
        double[] scores = blend.total().clone();
        for (PlacementRules.Adjustment adjustment : rules.adjustments()) {
            for (int item = 0; item < items; item++) {
                if (adjustment.matches(item, facts.categoryOf(item))) {
                    scores[item] *= adjustment.factor();
                }
            }
        }
        // Hidden by an adjustment (factor 0) means excluded, also from the fill-up.
        for (int item = 0; item < items; item++) {
            if (blend.total()[item] > 0 && scores[item] == 0) {
                excluded[item] = true;
            }
        }
        // Rank only a few times the limit at first; the category cap may need more, then everything.
        int[] ranking = TopItems.top(scores, Math.min(items, 4 * limit + 20), item -> excluded[item], 0);
        List<Selected> selected = new ArrayList<>(limit);
        int[] perCategory = new int[facts.categories()];
        boolean[] taken = new boolean[items];
        pick(ranking, scores, blend, facts, rules, limit, selected, perCategory, taken);
        if (selected.size() < limit && ranking.length == 4 * limit + 20) {
            pick(TopItems.top(scores, items, item -> excluded[item] || taken[item], 0), scores, blend, facts, rules,
                    limit, selected, perCategory, taken);
        }
        for (int item : fallback) {
            if (selected.size() == limit) {
                break;
            }
            if (item < items && !taken[item] && !excluded[item] && admit(item, facts, rules, perCategory)) {
                taken[item] = true;
                selected.add(new Selected(item, 0, Signal.POPULAR));
            }
        }
        return selected;
    }

    private static void pick(int[] ranking, double[] scores, Blender.Blend blend, ItemFacts facts,
                             PlacementRules rules, int limit, List<Selected> selected, int[] perCategory,
                             boolean[] taken) {
        for (int item : ranking) {
            if (selected.size() == limit) {
                return;
            }
            if (!taken[item] && admit(item, facts, rules, perCategory)) {
                taken[item] = true;
                selected.add(new Selected(item, scores[item], blend.dominant()[item]));
            }
        }
    }

    private static boolean admit(int item, ItemFacts facts, PlacementRules rules, int[] perCategory) {
        int category = facts.categoryOf(item);
        if (rules.maxPerCategory() > 0 && category >= 0) {
            if (perCategory[category] >= rules.maxPerCategory()) {
                return false;
            }
            perCategory[category]++;
        }
        return true;
    }
}
