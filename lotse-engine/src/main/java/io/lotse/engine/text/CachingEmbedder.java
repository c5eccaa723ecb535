package io.lotse.engine.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers the vectors of the texts it embedded, so that repeated training (cross-validation folds, a refit)
 * embeds each text once. Unbounded: meant for the lifetime of one training.
 */
final class CachingEmbedder implements SentenceEmbedder {

    private final SentenceEmbedder delegate;
    private final Map<String, float[]> vectors = new ConcurrentHashMap<>();

    CachingEmbedder(SentenceEmbedder delegate) {
        this.delegate = delegate;
    }

    @Override
    public int dimension() {
        return delegate.dimension();
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public float[] embed(String text) {
        return vectors.computeIfAbsent(text, delegate::embed);
    }

    @Override
    public List<float[]> embedAll(List<String> texts) {
        List<String> missing = texts.stream().filter(text -> !vectors.containsKey(text)).distinct().toList();
        if (!missing.isEmpty()) {
            List<float[]> computed = delegate.embedAll(missing);
            for (int i = 0; i < missing.size(); i++) {
                vectors.put(missing.get(i), computed.get(i));
            }
        }
        List<float[]> out = new ArrayList<>(texts.size());
        texts.forEach(text -> out.add(vectors.get(text)));
        return out;
    }
}
