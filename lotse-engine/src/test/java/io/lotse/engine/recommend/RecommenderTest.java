package io.lotse.engine.recommend;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The whole pipeline on a small shop: categories 0 (items 0-3) and 1 (items 4-7). People who buy item 0 also
 * buy item 1; item 5 is the most popular overall.
 */
class RecommenderTest {

    private static final int ITEMS = 8;
    private static final int[] CATEGORY = {0, 0, 0, 0, 1, 1, 1, 1};

    private final Interactions buys = Fixtures.matrix(ITEMS,
            Fixtures.row(0, 1), Fixtures.row(0, 1, 5), Fixtures.row(0, 1, 2), Fixtures.row(5, 6),
            Fixtures.row(5, 4), Fixtures.row(5, 7), Fixtures.row(2, 3), Fixtures.row(5));
    private final DataWindow window = Fixtures.window(buys);
    private final Popularity popularity = Popularity.train(buys, CATEGORY, 2, Popularity.Parameters.defaults(),
            window);
    private final ItemKnn knn = ItemKnn.train(buys, new ItemKnn.Parameters(10, 0), window);
    private final RepeatPurchase repeat = RepeatPurchase.train(buys, RepeatPurchase.Parameters.defaults(), window);
    private final SessionKnn sessions = SessionKnn.train(List.of(new int[] {3, 6}, new int[] {3, 6, 7}), ITEMS,
            SessionKnn.Parameters.defaults(), window);
    private final BoughtTogether together = BoughtTogether.train(buys, new BoughtTogether.Parameters(10, 1, 0),
            window);

    private Recommender recommender(ItemFacts facts) {
        return new Recommender(new Recommender.Models(facts, popularity, null, null, knn, repeat, sessions,
                together));
    }

    private final Recommender shop = recommender(ItemFacts.allAvailable(CATEGORY, 2));

    private static PlacementRules rules(Map<Signal, Double> weights) {
        return PlacementRules.weighted(weights);
    }

    private static List<Integer> items(List<Recommendation> recommendations) {
        return recommendations.stream().map(Recommendation::item).toList();
    }

    private List<Recommendation> ask(Recommender recommender, PersonHistory bought, int[] session, int[] anchors,
                                     boolean personal, PlacementRules rules, int limit) {
        return recommender.recommend(new Recommender.Query(bought, session, anchors, personal, rules, limit));
    }

    @Test
    void aBuyerOfItemZeroIsRecommendedItemOneBecauseTheyBoughtItemZero() {
        List<Recommendation> result = ask(shop, PersonHistory.of(Fixtures.NOW, 0), new int[0], new int[0], true,
                rules(Map.of(Signal.ITEM_KNN, 1.0, Signal.POPULAR, 0.01)), 3);

        assertThat(result.get(0).item()).isEqualTo(1);
        assertThat(result.get(0).source()).isEqualTo(Signal.ITEM_KNN);
        assertThat(result.get(0).reason()).isEqualTo(Reason.aboutItem(Reason.Kind.BOUGHT, 0));
    }

    @Test
    void theProductInViewGivesASimilarReasonUnlessThePersonBoughtIt() {
        PlacementRules knnOnly = rules(Map.of(Signal.ITEM_KNN, 1.0));

        Recommendation similar = ask(shop, PersonHistory.empty(Fixtures.NOW), new int[0], new int[] {0}, false,
                knnOnly, 1).get(0);
        Recommendation bought = ask(shop, PersonHistory.of(Fixtures.NOW, 0), new int[0], new int[] {0}, true,
                knnOnly, 1).get(0);

        assertThat(similar.item()).isEqualTo(1);
        assertThat(similar.reason()).isEqualTo(Reason.aboutItem(Reason.Kind.SIMILAR, 0));
        assertThat(bought.reason()).isEqualTo(Reason.aboutItem(Reason.Kind.BOUGHT, 0));
    }

    @Test
    void withoutConsentNeitherPurchasesNorSessionAreUsed() {
        PlacementRules home = rules(Map.of(Signal.ITEM_KNN, 1.0, Signal.SESSION, 1.0, Signal.REPEAT, 1.0,
                Signal.POPULAR, 0.01));

        List<Recommendation> result = ask(shop, PersonHistory.of(Fixtures.NOW, 0), new int[] {3}, new int[0],
                false, home, 3);

        assertThat(items(result)).containsExactly(5, 0, 1);
        assertThat(result).allSatisfy(r -> assertThat(r.source()).isEqualTo(Signal.POPULAR));
        assertThat(result.get(0).reason()).isEqualTo(Reason.popularIn(1));
    }

    @Test
    void theLiveSessionPersonalisesAnAnonymousVisitorWithAViewedReason() {
        List<Recommendation> result = ask(shop, PersonHistory.empty(Fixtures.NOW), new int[] {3}, new int[0], true,
                rules(Map.of(Signal.SESSION, 1.0, Signal.POPULAR, 0.01)), 2);

        assertThat(items(result)).containsExactly(3, 6);
        assertThat(result.get(1).reason()).isEqualTo(Reason.aboutItem(Reason.Kind.VIEWED, 3));
    }

    @Test
    void aProductPageShowsWhatIsBoughtTogetherButNeverTheProductItself() {
        List<Recommendation> result = ask(shop, PersonHistory.empty(Fixtures.NOW), new int[0], new int[] {0}, false,
                rules(Map.of(Signal.TOGETHER, 1.0)), 2);

        assertThat(items(result)).doesNotContain(0);
        assertThat(result.get(0).item()).isEqualTo(1);
        assertThat(result.get(0).reason()).isEqualTo(Reason.aboutItem(Reason.Kind.BOUGHT_TOGETHER, 0));
    }

    @Test
    void repeatPurchaseGivesABuyAgainReason() {
        List<Recommendation> result = ask(shop, buys.history(0, Fixtures.NOW), new int[0], new int[0], true,
                rules(Map.of(Signal.REPEAT, 1.0)), 1);

        assertThat(result.get(0).reason().kind()).isEqualTo(Reason.Kind.BUY_AGAIN);
        assertThat(result.get(0).reason().item()).isEqualTo(result.get(0).item());
    }

    @Test
    void inactiveAndOutOfStockItemsAreDropped() {
        boolean[] active = {true, true, true, true, true, false, true, true};
        boolean[] inStock = {false, true, true, true, true, true, true, true};
        Recommender limited = recommender(new ItemFacts(CATEGORY, 2, active, inStock));

        List<Recommendation> result = ask(limited, PersonHistory.empty(Fixtures.NOW), new int[0], new int[0], true,
                rules(Map.of(Signal.POPULAR, 1.0)), 8);

        assertThat(items(result)).doesNotContain(0, 5);
        PlacementRules allowAll = new PlacementRules(Map.of(Signal.POPULAR, 1.0),
                PlacementRules.Normalisation.SCORE, false, false, PlacementRules.AlreadyBought.ALLOW, Map.of(), 0,
                List.of());
        assertThat(items(ask(limited, PersonHistory.empty(Fixtures.NOW), new int[0], new int[0], true, allowAll, 8)))
                .contains(0, 5);
    }

    @Test
    void alreadyBoughtItemsAreExcludedOrAllowedPerCategory() {
        PersonHistory bought = PersonHistory.of(Fixtures.NOW, 5, 0);
        PlacementRules excludeButAllowCategoryOne = new PlacementRules(Map.of(Signal.POPULAR, 1.0),
                PlacementRules.Normalisation.SCORE, true, true, PlacementRules.AlreadyBought.EXCLUDE,
                Map.of(1, PlacementRules.AlreadyBought.ALLOW), 0, List.of());

        List<Integer> result = items(ask(shop, bought, new int[0], new int[0], true, excludeButAllowCategoryOne, 8));

        assertThat(result).contains(5).doesNotContain(0);
    }

    @Test
    void noCategoryHoldsMoreThanTheCap() {
        PlacementRules capped = new PlacementRules(Map.of(Signal.POPULAR, 1.0), PlacementRules.Normalisation.SCORE,
                true, true, PlacementRules.AlreadyBought.ALLOW, Map.of(), 1, List.of());

        List<Integer> result = items(ask(shop, PersonHistory.empty(Fixtures.NOW), new int[0], new int[0], true,
                capped, 5));

        assertThat(result).containsExactly(5, 0);
    }

    @Test
    void boostsLiftBurialsLowerAndZeroHides() {
        PlacementRules adjusted = new PlacementRules(Map.of(Signal.POPULAR, 1.0), PlacementRules.Normalisation.SCORE,
                true, true, PlacementRules.AlreadyBought.ALLOW, Map.of(), 0, List.of(
                        new PlacementRules.Adjustment(PlacementRules.Target.PRODUCT, 3, 10),
                        new PlacementRules.Adjustment(PlacementRules.Target.PRODUCT, 5, 0.1),
                        new PlacementRules.Adjustment(PlacementRules.Target.CATEGORY, 1, 0.5),
                        new PlacementRules.Adjustment(PlacementRules.Target.PRODUCT, 2, 0)));

        List<Integer> result = items(ask(shop, PersonHistory.empty(Fixtures.NOW), new int[0], new int[0], true,
                adjusted, 8));

        // Popularity: 5 → 5, 0/1/2 → 3, 3/4/6/7 → 1. After: 3 → 2.0 (10 × 1/5), 0 and 1 → 0.6, 5 → 0.05,
        // category 1 halved, item 2 hidden.
        assertThat(result.get(0)).isEqualTo(3);
        assertThat(result.subList(1, 3)).containsExactly(0, 1);
        assertThat(result).doesNotContain(2);
        assertThat(result.indexOf(5)).isGreaterThan(result.indexOf(4));
    }

    @Test
    void popularityFillsUpWhenPersonalSignalsRunShort() {
        List<Recommendation> result = ask(shop, PersonHistory.of(Fixtures.NOW, 3), new int[0], new int[0], true,
                rules(Map.of(Signal.ITEM_KNN, 1.0)), 4);

        assertThat(result).hasSize(4);
        assertThat(result.get(0).source()).isEqualTo(Signal.ITEM_KNN);
        assertThat(result.get(result.size() - 1).source()).isEqualTo(Signal.POPULAR);
        assertThat(items(result)).doesNotHaveDuplicates();
    }

    @Test
    void theSameQueryGivesTheSameAnswer() {
        Recommender.Query query = new Recommender.Query(PersonHistory.of(Fixtures.NOW, 0, 6), new int[] {3, 7},
                new int[0], true, rules(Map.of(Signal.ITEM_KNN, 1.0, Signal.SESSION, 1.0, Signal.POPULAR, 0.1,
                        Signal.TRENDING, 0.1, Signal.TOGETHER, 0.5, Signal.REPEAT, 0.5)), 8);

        assertThat(shop.recommend(query)).isEqualTo(shop.recommend(query));
    }
}
