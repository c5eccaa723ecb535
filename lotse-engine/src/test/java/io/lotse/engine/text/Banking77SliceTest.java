package io.lotse.engine.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * A small slice of BANKING77 (the first ten intents, 30 training and 10 test messages each) with the real
 * embedding model: the combination learns real customer language. The full evaluation is {@code ./lotse eval
 * intents --format banking77}.
 */
class Banking77SliceTest {

    static final String FILE = "shared/data/banking77/train.csv";

    static Optional<Path> dataFile() {
        Path candidate = Path.of("").toAbsolutePath();
        for (int up = 0; up < 5 && candidate != null; up++, candidate = candidate.getParent()) {
            Path file = candidate.resolve(FILE);
            if (Files.isReadable(file)) {
                return Optional.of(file);
            }
        }
        return Optional.empty();
    }

    @Test
    void aSliceOfBanking77IsLearnedWell() throws IOException {
        Optional<Path> file = dataFile();
        Assumptions.assumeTrue(file.isPresent(), "../../" + FILE + " (relative to lotse-engine) is absent: "
                + "shared/data/banking77 is missing, so the BANKING77 slice is not tested");
        Map<String, List<String>> byIntent = new LinkedHashMap<>();
        try (Reader reader = Files.newBufferedReader(file.get(), StandardCharsets.UTF_8);
                CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                        .parse(reader)) {
            for (CSVRecord row : parser) {
                String intent = row.get("category");
                if (byIntent.size() < 10 || byIntent.containsKey(intent)) {
                    byIntent.computeIfAbsent(intent, key -> new ArrayList<>()).add(row.get("text"));
                }
            }
        }
        List<LabelledText> train = new ArrayList<>();
        List<LabelledText> test = new ArrayList<>();
        byIntent.forEach((intent, texts) -> {
            texts.subList(0, 30).forEach(text -> train.add(new LabelledText(text, intent)));
            texts.subList(30, 40).forEach(text -> test.add(new LabelledText(text, intent)));
        });

        IntentClassifier classifier = new IntentTrainer(OnnxSentenceEmbedder.allMiniLmL6V2(), () -> 0L)
                .train(train, IntentTrainer.Settings.defaults()).classifier();

        long right = test.stream().filter(example -> classifier.classify(example.text()).intent()
                .equals(example.label())).count();
        assertThat(right / (double) test.size()).isGreaterThan(0.8);
        assertThat(classifier.provenance().embedding()).isEqualTo("all-MiniLM-L6-v2");
    }
}
