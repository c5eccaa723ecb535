package io.lotse.engine.text;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns a sentence into a dense vector whose direction carries its meaning. Implementations must be
 * deterministic (the same text gives the same vector) and thread-safe.
 */
public interface SentenceEmbedder {

    /** Length of the vectors. */
    int dimension();

    /** A short name of the model, recorded in the provenance of classifiers trained with it. */
    String name();

    /** The vector of one text. */
    float[] embed(String text);

    /** The vectors of several texts, in order; implementations may batch or parallelise. */
    default List<float[]> embedAll(List<String> texts) {
        List<float[]> vectors = new ArrayList<>(texts.size());
        for (String text : texts) {
            vectors.add(embed(text));
        }
        return vectors;
    }

    /** This embedder remembering its vectors, for repeated training on the same texts. */
    static SentenceEmbedder caching(SentenceEmbedder delegate) {
        return delegate instanceof CachingEmbedder ? delegate : new CachingEmbedder(delegate);
    }

    /** An embedder that contributes nothing: a classifier then uses its surface features alone. */
    static SentenceEmbedder none() {
        return NoEmbedding.INSTANCE;
    }
}
