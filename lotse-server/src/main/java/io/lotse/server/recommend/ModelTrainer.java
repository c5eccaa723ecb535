package io.lotse.server.recommend;

import io.lotse.engine.recommend.BoughtTogether;
import io.lotse.engine.recommend.DataWindow;
import io.lotse.engine.recommend.Ease;
import io.lotse.engine.recommend.HistoryScorer;
import io.lotse.engine.recommend.ImplicitAls;
import io.lotse.engine.recommend.Interactions;
import io.lotse.engine.recommend.ItemKnn;
import io.lotse.engine.recommend.ModelProvenance;
import io.lotse.engine.recommend.Popularity;
import io.lotse.engine.recommend.Recommender;
import io.lotse.engine.recommend.RepeatPurchase;
import io.lotse.engine.recommend.SessionKnn;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Turns training data into a {@link TrainedModel}: indexes people and products, builds the interaction
 * matrices and trains every model. EASE learns the purchase history of catalogues up to
 * {@code lotse.recommend.ease-max-items} products, implicit ALS of larger ones.
 */
final class ModelTrainer {

    private final RecommendSettings settings;

    ModelTrainer(RecommendSettings settings) {
        this.settings = settings;
    }

    TrainedModel train(TrainingData data, Map<String, ProductCatalogue.Flags> flags, long version, long startNanos) {
        ProductCatalogue catalogue = data.catalogue().build(flags);
        int items = catalogue.size();
        Map<String, Integer> rowOfPerson = new LinkedHashMap<>();
        Map<String, Integer> rowOfOrder = new LinkedHashMap<>();
        for (TrainingData.Purchase purchase : data.purchases()) {
            rowOfPerson.computeIfAbsent(purchase.person(), p -> rowOfPerson.size());
            rowOfOrder.computeIfAbsent(purchase.order(), o -> rowOfOrder.size());
        }
        Interactions.Builder byPerson = Interactions.builder(rowOfPerson.size(), items);
        Interactions.Builder byOrder = Interactions.builder(rowOfOrder.size(), items);
        Set<String> counted = new HashSet<>();
        for (TrainingData.Purchase purchase : data.purchases()) {
            int item = catalogue.index(purchase.product()).orElseThrow();
            // One count per order holding the product, however many lines it fills.
            if (counted.add(purchase.order() + '\u0000' + purchase.product())) {
                long at = purchase.at().getEpochSecond();
                byPerson.add(rowOfPerson.get(purchase.person()), item, 1, at);
                byOrder.add(rowOfOrder.get(purchase.order()), item, 1, at);
            }
        }
        Interactions purchases = byPerson.build();
        Interactions baskets = byOrder.build();
        List<int[]> sessions = new ArrayList<>(data.sessions().size());
        Interactions.Builder viewed = Interactions.builder(data.sessions().size(), items);
        for (int s = 0; s < data.sessions().size(); s++) {
            TrainingData.ViewSession session = data.sessions().get(s);
            int[] products = session.products().stream().mapToInt(p -> catalogue.index(p).orElseThrow()).toArray();
            sessions.add(products);
            for (int product : products) {
                viewed.add(s, product, 1, session.endedAt().getEpochSecond());
            }
        }
        Instant from = data.from();
        Instant to = data.to();
        DataWindow purchaseWindow = DataWindow.of(purchases, from, to);
        // Without any order yet, popularity counts sessions viewing a product instead of its buyers.
        Interactions popularBase = purchases.nonZeros() > 0 ? purchases : viewed.build();
        int[] categoryOf = catalogue.facts().categoryOf();
        Popularity popularity = Popularity.train(popularBase, categoryOf, catalogue.categories(),
                Popularity.Parameters.defaults(), DataWindow.of(popularBase, from, to));
        List<ModelProvenance> provenance = new ArrayList<>();
        provenance.add(popularity.provenance());
        HistoryScorer ease = null;
        HistoryScorer als = null;
        ItemKnn itemKnn = null;
        RepeatPurchase repeat = null;
        BoughtTogether together = null;
        if (purchases.nonZeros() > 0) {
            repeat = RepeatPurchase.train(purchases, RepeatPurchase.Parameters.defaults(), purchaseWindow);
            itemKnn = ItemKnn.train(purchases, ItemKnn.Parameters.defaults(), purchaseWindow);
            if (items <= settings.easeMaxItems()) {
                ease = Ease.train(purchases, Ease.Parameters.defaults(), purchaseWindow);
            } else {
                ImplicitAls.Parameters defaults = ImplicitAls.Parameters.defaults();
                als = ImplicitAls.train(purchases, new ImplicitAls.Parameters(defaults.factors(),
                        defaults.regularisation(), defaults.alpha(), defaults.iterations(), defaults.cgSteps(),
                        settings.seed()), purchaseWindow);
            }
            together = BoughtTogether.train(baskets, BoughtTogether.Parameters.defaults(),
                    DataWindow.of(baskets, from, to));
            addAll(provenance, repeat, itemKnn, ease, als);
            provenance.add(together.provenance());
        }
        SessionKnn session = null;
        if (!sessions.isEmpty()) {
            session = SessionKnn.train(sessions, items, SessionKnn.Parameters.defaults(),
                    new DataWindow(to.minus(Duration.ofDays(settings.sessionDays())), to, 0, items, sessions.size()));
            provenance.add(session.provenance());
        }
        Recommender recommender = new Recommender(new Recommender.Models(catalogue.facts(), popularity, ease, als,
                itemKnn, repeat, session, together));
        Map<String, Integer> rows = new HashMap<>(rowOfPerson);
        return new TrainedModel(version, Instant.now(), data.logHead(), catalogue, recommender, purchases, rows,
                provenance, Duration.ofNanos(System.nanoTime() - startNanos));
    }

    private static void addAll(List<ModelProvenance> provenance, @Nullable HistoryScorer... models) {
        for (HistoryScorer model : models) {
            if (model != null) {
                provenance.add(model.provenance());
            }
        }
    }
}
