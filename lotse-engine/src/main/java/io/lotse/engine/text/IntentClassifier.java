package io.lotse.engine.text;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A trained intent classifier: surface features of the text without its greeting and closing (character and
 * word n-grams) and, when an embedder is given, the sentence embedding of that text go into one multinomial logistic regression whose probabilities are calibrated
 * by temperature scaling. Immutable and thread-safe; build one with {@link IntentTrainer}.
 */
public final class IntentClassifier {

    private static final int RANKING_SIZE = 5;

    private final String[] labels;
    private final @Nullable String outOfScopeLabel;
    private final int outOfScopeIndex;
    private final TextFeatures features;
    private final int[] compactIndex;
    private final SentenceEmbedder embedder;
    private final IntentTrainer.Settings settings;
    private final SoftmaxRegression model;
    private final double temperature;
    private final double outOfScopeThreshold;
    private final IntentModelProvenance provenance;

    IntentClassifier(String[] labels, @Nullable String outOfScopeLabel, TextFeatures features, int[] compactIndex,
            SentenceEmbedder embedder, IntentTrainer.Settings settings, SoftmaxRegression model, double temperature,
            double outOfScopeThreshold, IntentModelProvenance provenance) {
        this.labels = labels;
        this.outOfScopeLabel = outOfScopeLabel;
        this.outOfScopeIndex = outOfScopeLabel == null ? -1 : Arrays.asList(labels).indexOf(outOfScopeLabel);
        this.features = features;
        this.compactIndex = compactIndex;
        this.embedder = embedder;
        this.settings = settings;
        this.model = model;
        this.temperature = temperature;
        this.outOfScopeThreshold = outOfScopeThreshold;
        this.provenance = provenance;
    }

    /** Classifies a message; its greeting and closing ({@link MessageFrame}) are not read. */
    public IntentPrediction classify(String text) {
        String body = MessageFrame.strip(text);
        return predict(logits(body, embedder.embed(body)));
    }

    /**
     * Classifies a message whose embedding is already known.
     *
     * @param embedding the embedding by this classifier's {@link #embedder()} of {@link MessageFrame#strip
     *                  MessageFrame.strip(text)}
     */
    public IntentPrediction classifyEmbedded(String text, float[] embedding) {
        return predict(logits(MessageFrame.strip(text), embedding));
    }

    /** The intents this classifier knows, the out-of-scope label included when it was trained with one. */
    public Set<String> intents() {
        return Set.of(labels);
    }

    /** The embedder the classifier reads sentences with. */
    public SentenceEmbedder embedder() {
        return embedder;
    }

    /** Data, parameters and held-out metrics of this classifier. */
    public IntentModelProvenance provenance() {
        return provenance;
    }

    /** The label of messages that fit no intent, or null when the classifier was trained without one. */
    public @Nullable String outOfScopeLabel() {
        return outOfScopeLabel;
    }

    double[] logits(String text, float[] embedding) {
        return model.logits(compact(features.transform(text), compactIndex), scaled(embedding,
                settings.embeddingWeightOf(text)));
    }

    IntentPrediction predict(double[] logits) {
        double[] probabilities = new double[logits.length];
        for (int c = 0; c < logits.length; c++) {
            probabilities[c] = logits[c] / temperature;
        }
        SoftmaxRegression.softmaxInPlace(probabilities);
        Integer[] order = new Integer[probabilities.length];
        for (int c = 0; c < order.length; c++) {
            order[c] = c;
        }
        Arrays.sort(order, (a, b) -> Double.compare(probabilities[b], probabilities[a]));
        List<IntentScore> ranking = new ArrayList<>(RANKING_SIZE);
        for (int i = 0; i < Math.min(RANKING_SIZE, order.length); i++) {
            ranking.add(new IntentScore(labels[order[i]], probabilities[order[i]]));
        }
        double top = probabilities[order[0]];
        double second = order.length > 1 ? probabilities[order[1]] : 0;
        String runnerUp = order.length > 1 ? labels[order[1]] : labels[order[0]];
        boolean outOfScope = order[0] == outOfScopeIndex
                || outOfScopeLabel != null && top < outOfScopeThreshold;
        String intent = outOfScope ? outOfScopeLabelOrThrow() : labels[order[0]];
        return new IntentPrediction(intent, top, top - second, runnerUp, outOfScope, ranking);
    }

    private String outOfScopeLabelOrThrow() {
        if (outOfScopeLabel == null) {
            throw new IllegalStateException("no out-of-scope label");
        }
        return outOfScopeLabel;
    }

    static SparseVector compact(SparseVector vector, int[] compactIndex) {
        int[] indices = new int[vector.size()];
        float[] values = new float[vector.size()];
        int k = 0;
        for (int i = 0; i < vector.size(); i++) {
            int mapped = compactIndex[vector.indices()[i]];
            if (mapped >= 0) {
                indices[k] = mapped;
                values[k++] = vector.values()[i];
            }
        }
        return new SparseVector(Arrays.copyOf(indices, k), Arrays.copyOf(values, k));
    }

    static float[] scaled(float[] embedding, double weight) {
        float[] out = new float[embedding.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (embedding[i] * weight);
        }
        return out;
    }
}
