package io.lotse.server.recommend;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Holds the model requests are answered from and replaces it with a newly trained one. The replacement is one
 * atomic reference swap: a request that started on the old model finishes on it, every later request sees the
 * new one, and none fails or waits. One training runs at a time; training reads and computes off to the side.
 */
@Component
class RecommendationModels {

    private static final Logger log = LoggerFactory.getLogger(RecommendationModels.class);

    private final TrainingDataReader reader;
    private final ProductFlagStore flags;
    private final PlacementStore placements;
    private final ModelTrainer trainer;
    private final AtomicReference<TrainedModel> current = new AtomicReference<>(TrainedModel.empty());
    private final ReentrantLock training = new ReentrantLock();
    private final AtomicLong versions = new AtomicLong();
    private final Timer trainingTimer;

    RecommendationModels(TrainingDataReader reader, ProductFlagStore flags, PlacementStore placements,
                         RecommendSettings settings, MeterRegistry meters) {
        this.reader = reader;
        this.flags = flags;
        this.placements = placements;
        this.trainer = new ModelTrainer(settings);
        this.trainingTimer = Timer.builder("lotse.recommend.training").description("Time to train a new model")
                .register(meters);
        Gauge.builder("lotse.recommend.model.age", current, model -> model.get().ageSeconds(Instant.now()))
                .baseUnit("seconds").description("Time since the serving model was trained").register(meters);
        Gauge.builder("lotse.recommend.model.products", current, model -> model.get().catalogue().size())
                .description("Products the serving model knows").register(meters);
    }

    /** The model to answer from; never null, empty before the first training. */
    TrainedModel current() {
        return current.get();
    }

    /** Trains a model from the log as it is now and swaps it in; waits for a training already running. */
    TrainedModel train() {
        training.lock();
        try {
            long start = System.nanoTime();
            placements.reload();
            TrainingData data = reader.read(Instant.now());
            TrainedModel model = trainer.train(data, flags.all(), versions.incrementAndGet(), start);
            current.set(model);
            trainingTimer.record(model.trainingTime());
            log.info("Recommendation model {} trained in {} ms: {} products, {} people, {} order lines, {} sessions",
                    model.version(), model.trainingTime().toMillis(), model.catalogue().size(),
                    model.purchases().people(), data.purchases().size(), data.sessions().size());
            return model;
        } finally {
            training.unlock();
        }
    }

    /** Marks a product inactive or out of stock (or back); takes effect at once, without training. */
    void flag(String productId, ProductCatalogue.Flags productFlags) {
        training.lock();
        try {
            flags.put(productId, productFlags);
            Map<String, ProductCatalogue.Flags> all = flags.all();
            current.updateAndGet(model -> model.withCatalogue(model.catalogue().withFlags(all)));
        } finally {
            training.unlock();
        }
    }

    Map<String, ProductCatalogue.Flags> flags() {
        return flags.all();
    }
}
