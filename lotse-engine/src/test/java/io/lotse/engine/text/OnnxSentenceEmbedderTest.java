package io.lotse.engine.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnnxSentenceEmbedderTest {

    private static OnnxSentenceEmbedder embedder;

    @BeforeAll
    static void load() {
        embedder = OnnxSentenceEmbedder.allMiniLmL6V2();
    }

    @Test
    void paraphrasesAreCloserThanUnrelatedSentences() {
        float[] a = embedder.embed("Where is my parcel?");
        float[] b = embedder.embed("My package has not arrived yet");
        float[] c = embedder.embed("What are your opening hours?");

        assertThat(embedder.dimension()).isEqualTo(384);
        assertThat(dot(a, b)).isGreaterThan(dot(a, c));
        assertThat(dot(a, a)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
    }

    @Test
    void batchesGiveTheSameVectorsAsSingleCalls() {
        List<float[]> batch = embedder.embedAll(List.of("refund please", "", "x".repeat(10_000)));

        assertThat(batch.get(0)).containsExactly(embedder.embed("refund please"),
                org.assertj.core.data.Offset.offset(1e-5f));
        assertThat(batch.get(1)).hasSize(384);
        assertThat(batch.get(2)).hasSize(384);
    }

    @Test
    void missingModelFilesAreReportedClearly(@TempDir Path dir) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> OnnxSentenceEmbedder.fromFiles(dir.resolve("model.onnx"),
                        dir.resolve("tokenizer.json"), true))
                .withMessageContaining("model.onnx").withMessageContaining("does not exist");
    }

    static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }
}
