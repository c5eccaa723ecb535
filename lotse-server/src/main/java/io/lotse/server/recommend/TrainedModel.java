package io.lotse.server.recommend;

import io.lotse.engine.recommend.Interactions;
import io.lotse.engine.recommend.ModelProvenance;
import io.lotse.engine.recommend.PersonHistory;
import io.lotse.engine.recommend.Popularity;
import io.lotse.engine.recommend.Recommender;
import io.lotse.engine.recommend.DataWindow;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Everything serving needs, trained together and never changed afterwards: the catalogue, the engine's
 * recommender with all models, and the purchase history of every person in the training data. Swapped in as a
 * whole, so a request always sees one consistent model.
 *
 * @param version      counts trainings since start; 0 for the empty model before the first
 * @param trainedAt    when training finished, null for the empty model
 * @param logHead      the log position the training data reached
 * @param catalogue    the products
 * @param recommender  the trained models with the catalogue's facts
 * @param purchases    people × products, one count per order
 * @param rowOfPerson  training row of each person key ({@code p:<profile id>}, {@code u:…}, {@code a:…})
 * @param provenance   how each model was trained
 * @param trainingTime wall time of the whole training, reading included
 */
record TrainedModel(long version, @Nullable Instant trainedAt, long logHead, ProductCatalogue catalogue,
                    Recommender recommender, Interactions purchases, Map<String, Integer> rowOfPerson,
                    List<ModelProvenance> provenance, Duration trainingTime) {

    TrainedModel {
        rowOfPerson = Map.copyOf(rowOfPerson);
        provenance = List.copyOf(provenance);
    }

    /** The model before the first training: no products, so every answer is empty. */
    static TrainedModel empty() {
        ProductCatalogue catalogue = ProductCatalogue.builder().build(Map.of());
        Interactions none = Interactions.builder(0, 0).build();
        Instant epoch = Instant.EPOCH;
        Popularity popularity = Popularity.train(none, new int[0], 0, Popularity.Parameters.defaults(),
                DataWindow.of(none, epoch, epoch));
        return new TrainedModel(0, null, 0, catalogue, new Recommender(new Recommender.Models(catalogue.facts(),
                popularity, null, null, null, null, null, null)), none, Map.of(), List.of(), Duration.ZERO);
    }

    /** The purchases of the first of the keys the training data knows, as of a moment. */
    Optional<PersonHistory> history(List<String> personKeys, Instant asOf) {
        for (String key : personKeys) {
            Integer row = rowOfPerson.get(key);
            if (row != null) {
                return Optional.of(purchases.history(row, asOf.getEpochSecond()));
            }
        }
        return Optional.empty();
    }

    /** The same model with other product flags; the models stay, only the rules' facts change. */
    TrainedModel withCatalogue(ProductCatalogue flagged) {
        Recommender.Models models = recommender.models();
        return new TrainedModel(version, trainedAt, logHead, flagged, new Recommender(new Recommender.Models(
                flagged.facts(), models.popularity(), models.ease(), models.als(), models.itemKnn(), models.repeat(),
                models.session(), models.together())), purchases, rowOfPerson, provenance, trainingTime);
    }

    /** Seconds since training, 0 before the first. */
    double ageSeconds(Instant now) {
        return trainedAt == null ? 0 : Math.max(0, Duration.between(trainedAt, now).toMillis() / 1000.0);
    }
}
