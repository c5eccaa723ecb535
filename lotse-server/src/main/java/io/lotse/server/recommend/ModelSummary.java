package io.lotse.server.recommend;

import io.lotse.engine.recommend.ModelProvenance;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The serving model and where each of its parts comes from.
 *
 * @param version        counts trainings since the server started; 0 before the first
 * @param trainedAt      when training finished; null before the first
 * @param trainingMillis wall time of the training, reading the log included
 * @param logPosition    the event log position the training data reached
 * @param products       products in the catalogue
 * @param people         people with orders in the training data
 * @param categories     categories in the catalogue
 * @param models         provenance of each trained model
 */
public record ModelSummary(long version, @Nullable Instant trainedAt, long trainingMillis, long logPosition,
                           int products, int people, int categories, List<Provenance> models) {

    /**
     * @param algorithm      e.g. {@code ease}, {@code vsknn}
     * @param dataFrom       start of the training data
     * @param dataTo         end of the training data
     * @param people         rows of the training matrix (people, orders or sessions)
     * @param items          products
     * @param interactions   non-zero entries, sessions or baskets
     * @param parameters     hyper-parameters
     * @param metrics        figures measured in training
     * @param seed           random seed; 0 for deterministic algorithms
     * @param trainingMillis time to train this model
     */
    public record Provenance(String algorithm, Instant dataFrom, Instant dataTo, int people, int items,
                             long interactions, Map<String, Double> parameters, Map<String, Double> metrics, long seed,
                             long trainingMillis) {

        static Provenance of(ModelProvenance provenance) {
            return new Provenance(provenance.algorithm(), provenance.window().from(), provenance.window().to(),
                    provenance.window().people(), provenance.window().items(), provenance.window().interactions(),
                    provenance.parameters(), provenance.metrics(), provenance.seed(),
                    provenance.trainingTime().toMillis());
        }
    }

    static ModelSummary of(TrainedModel model) {
        return new ModelSummary(model.version(), model.trainedAt(), model.trainingTime().toMillis(), model.logHead(),
                model.catalogue().size(), model.purchases().people(), model.catalogue().categories(),
                model.provenance().stream().map(Provenance::of).toList());
    }
}
