package io.lotse.server.service;

import io.lotse.engine.text.AutomationThresholds;
import io.lotse.engine.text.IntentClassifier;
import io.lotse.engine.text.IntentModelProvenance;
import io.lotse.engine.text.IntentTrainer;
import io.lotse.engine.text.LabelledText;
import io.lotse.engine.text.OnnxSentenceEmbedder;
import io.lotse.engine.text.SentenceEmbedder;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The current intent classifier and its automation thresholds. Trained in the background when the server is up
 * (from the stored examples, seeded with the shipped ones on the first start), and again on request or after
 * enough agent corrections; until the first model is ready, callers wait for it.
 */
@Component
class IntentModel {

    /** The label of messages that fit no intent. */
    static final String OUT_OF_SCOPE = "out_of_scope";
    static final long SEED = 42;

    private static final Logger log = LoggerFactory.getLogger(IntentModel.class);
    private static final long READY_TIMEOUT_SECONDS = 300;
    private static final int CROSS_VALIDATE_BELOW = 5_000;
    private static final int FOLDS = 5;

    /**
     * A trained model.
     *
     * @param version     id of its row in {@code service_models}
     * @param classifier  the classifier
     * @param thresholds  when its predictions may be answered automatically
     * @param thresholdValidation how the held-out predictions the thresholds were chosen on were made
     * @param trainedAt   when training finished
     */
    record Trained(long version, IntentClassifier classifier, AutomationThresholds thresholds,
            String thresholdValidation, Instant trainedAt) {}

    private final ExampleStore examples;
    private final ServiceProperties properties;
    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final AtomicBoolean training = new AtomicBoolean();
    private volatile CompletableFuture<Trained> current = new CompletableFuture<>();
    private volatile @Nullable SentenceEmbedder embedder;
    private volatile int correctionsAtLastTraining;

    IntentModel(ExampleStore examples, ServiceProperties properties, JdbcClient jdbc, JsonMapper json) {
        this.examples = examples;
        this.properties = properties;
        this.jdbc = jdbc;
        this.json = json;
    }

    @EventListener(ApplicationReadyEvent.class)
    void trainAtStart() {
        Thread thread = new Thread(() -> {
            try {
                examples.seedIfEmpty();
                retrain();
            } catch (RuntimeException e) {
                log.error("Training the intent model failed", e);
                current.completeExceptionally(e);
            }
        }, "lotse-intent-training");
        thread.setDaemon(true);
        thread.start();
    }

    /** The current model, waiting for the first one to be trained. */
    Trained current() {
        try {
            return current.get(READY_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the intent model", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the intent model is not available: " + e.getMessage(), e);
        }
    }

    /** The current model when one is trained. */
    @Nullable Trained ready() {
        return current.isDone() && !current.isCompletedExceptionally() ? current.join() : null;
    }

    /** Trains a new model from all stored examples and makes it current; one training at a time. */
    Trained retrain() {
        if (!training.compareAndSet(false, true)) {
            return current();
        }
        try {
            List<ExampleStore.Stored> stored = examples.all();
            List<LabelledText> all = stored.stream().map(ExampleStore.Stored::example).toList();
            int corrections = examples.corrections();
            IntentTrainer.Settings defaults = IntentTrainer.Settings.defaults().withOutOfScopeLabel(OUT_OF_SCOPE)
                    .withSeed(SEED);
            // the default weights less German on the English default model; a model of one's own reads all alike
            IntentTrainer.Settings settings = "file".equals(properties.embedding())
                    ? defaults.withOneEmbeddingWeight() : defaults;
            IntentTrainer trainer = new IntentTrainer(SentenceEmbedder.caching(embedder()),
                    System::currentTimeMillis);
            IntentTrainer.Result result = trainer.train(all, settings);
            // With few examples one validation split holds too few outcomes to choose thresholds on: predict
            // every example out of fold instead, holding out similar phrasings together.
            IntentTrainer.CrossValidation validation = all.size() < CROSS_VALIDATE_BELOW
                    ? trainer.crossValidateByPhrasing(all,
                            stored.stream().map(ExampleStore.Stored::phrasingGroup).toList(), FOLDS, settings)
                    : new IntentTrainer.CrossValidation(result.validation(), "stratified held-out share of "
                            + settings.validationShare() + " (seed " + SEED + ")");
            AutomationThresholds thresholds = AutomationThresholds.choose(validation.outcomes(),
                    properties.targetPrecision(), properties.precisionConfidence());
            Instant now = Instant.now();
            long version = record(result.classifier().provenance(), thresholds, validation.method(), all.size(),
                    now);
            Trained trained = new Trained(version, result.classifier(), thresholds, validation.method(), now);
            if (current.isDone()) {
                current = CompletableFuture.completedFuture(trained);
            } else {
                current.complete(trained);
            }
            correctionsAtLastTraining = corrections;
            log.info("Intent model {} trained on {} examples in {} ms: validation accuracy {}, automation at "
                            + "confidence ≥ {} and margin ≥ {} (expected precision {}, coverage {})", version,
                    all.size(), result.classifier().provenance().trainingMillis(),
                    result.classifier().provenance().validationAccuracy(), thresholds.minConfidence(),
                    thresholds.minMargin(), thresholds.expectedPrecision(), thresholds.coverage());
            return trained;
        } finally {
            training.set(false);
        }
    }

    /** Retrains in the background once enough corrections arrived since the last training. */
    void correctionAdded() {
        if (examples.corrections() - correctionsAtLastTraining >= properties.retrainAfterCorrections()
                && !training.get()) {
            CompletableFuture.runAsync(() -> {
                try {
                    retrain();
                } catch (RuntimeException e) {
                    log.error("Retraining the intent model failed", e);
                }
            });
        }
    }

    /** The sentence embedder of the models, loaded once. */
    SentenceEmbedder embedder() {
        SentenceEmbedder loaded = embedder;
        if (loaded == null) {
            synchronized (this) {
                loaded = embedder;
                if (loaded == null) {
                    loaded = switch (properties.embedding()) {
                        case "none" -> SentenceEmbedder.none();
                        case "file" -> {
                            if (properties.embeddingModel() == null || properties.embeddingTokenizer() == null) {
                                throw new IllegalStateException("lotse.service.embedding=file needs "
                                        + "lotse.service.embedding-model and lotse.service.embedding-tokenizer");
                            }
                            yield OnnxSentenceEmbedder.fromFiles(properties.embeddingModel(),
                                    properties.embeddingTokenizer(), true);
                        }
                        default -> OnnxSentenceEmbedder.allMiniLmL6V2();
                    };
                    embedder = loaded;
                }
            }
        }
        return loaded;
    }

    private long record(IntentModelProvenance provenance, AutomationThresholds thresholds, String thresholdValidation,
            int count, Instant at) {
        Map<String, Object> prov = new LinkedHashMap<>();
        prov.put("examples", provenance.examples());
        prov.put("examplesPerIntent", provenance.examplesPerIntent());
        prov.put("validationExamples", provenance.validationExamples());
        prov.put("validationSource", provenance.validationSource());
        prov.put("embedding", provenance.embedding());
        prov.put("temperature", provenance.temperature());
        prov.put("outOfScopeThreshold", provenance.outOfScopeThreshold());
        prov.put("validationAccuracy", finite(provenance.validationAccuracy()));
        prov.put("validationLogLoss", finite(provenance.validationLogLoss()));
        prov.put("trainingMillis", provenance.trainingMillis());
        prov.put("seed", provenance.settings().seed());
        prov.put("epochs", provenance.settings().epochs());
        prov.put("embeddingWeight", provenance.settings().embeddingWeight());
        prov.put("l2", provenance.settings().l2());
        prov.put("thresholdValidation", thresholdValidation);
        Map<String, Object> limits = new LinkedHashMap<>();
        limits.put("minConfidence", finite(thresholds.minConfidence()));
        limits.put("minMargin", finite(thresholds.minMargin()));
        limits.put("targetPrecision", thresholds.targetPrecision());
        limits.put("precisionConfidence", properties.precisionConfidence());
        limits.put("expectedPrecision", finite(thresholds.expectedPrecision()));
        limits.put("coverage", thresholds.coverage());
        limits.put("support", thresholds.support());
        return jdbc.sql("INSERT INTO service_models (trained_at, examples, provenance, thresholds) "
                        + "VALUES (?, ?, ?::jsonb, ?::jsonb) RETURNING id")
                .params(java.sql.Timestamp.from(at), count, json.writeValueAsString(prov),
                        json.writeValueAsString(limits))
                .query(Long.class).single();
    }

    private static @Nullable Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }
}
