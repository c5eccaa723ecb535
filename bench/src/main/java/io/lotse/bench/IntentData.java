package io.lotse.bench;

import io.lotse.engine.text.LabelledText;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Readers of the labelled intent data sets: BANKING77 CSV, CLINC150 JSON and a simulated shop's messages. */
final class IntentData {

    /** The label CLINC150 gives out-of-scope queries. */
    static final String CLINC_OUT_OF_SCOPE = "oos";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private IntentData() {}

    /**
     * A simulated shop's message with its true intent and the paraphrase family it was written from.
     *
     * @param example          text and intent
     * @param language         {@code de} or {@code en}
     * @param paraphraseGroup  {@code intent.language.family}
     * @param fromEmail        the sender's address
     */
    record ShopMessage(LabelledText example, String language, String paraphraseGroup, String fromEmail) {

        /** The paraphrase family number within intent and language. */
        int family() {
            return Integer.parseInt(paraphraseGroup.substring(paraphraseGroup.lastIndexOf('.') + 1));
        }

        /**
         * The cross-validation fold of the message, 0 to {@code folds - 1}: its family modulo the folds, so every
         * family of an intent and language is tested in exactly one fold.
         */
        int fold(int folds) {
            return (family() - 1) % folds;
        }
    }

    /** BANKING77: a CSV with header {@code text,category}; texts may contain quoted newlines. */
    static List<LabelledText> banking77(Path file) throws IOException {
        List<LabelledText> examples = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                        .parse(reader)) {
            if (!parser.getHeaderMap().containsKey("text") || !parser.getHeaderMap().containsKey("category")) {
                throw new IllegalArgumentException(file + " has no 'text' and 'category' columns");
            }
            for (CSVRecord row : parser) {
                examples.add(new LabelledText(row.get("text"), row.get("category")));
            }
        }
        return examples;
    }

    /**
     * The lists of a CLINC150 JSON file by key ({@code train}, {@code val}, {@code test}, {@code oos_train}, …),
     * each entry {@code [text, intent]}.
     */
    static Map<String, List<LabelledText>> clinc(Path file) throws IOException {
        JsonNode root = JSON.readTree(file.toFile());
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(file + " is not a CLINC150 JSON object");
        }
        Map<String, List<LabelledText>> lists = new HashMap<>();
        for (Map.Entry<String, JsonNode> entry : root.properties()) {
            List<LabelledText> examples = new ArrayList<>();
            for (JsonNode pair : entry.getValue()) {
                examples.add(new LabelledText(pair.get(0).asString(), pair.get(1).asString()));
            }
            lists.put(entry.getKey(), examples);
        }
        return lists;
    }

    /** The messages of a simulated shop ({@code messages.jsonl}) joined with their truth. */
    static List<ShopMessage> simulated(Path shop) throws IOException {
        Map<String, CSVRecord> truth = new HashMap<>();
        try (Reader reader = Files.newBufferedReader(shop.resolve("truth").resolve("intents.csv"),
                StandardCharsets.UTF_8);
                CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                        .parse(reader)) {
            for (CSVRecord row : parser) {
                truth.put(row.get("message_id"), row);
            }
        }
        List<ShopMessage> messages = new ArrayList<>();
        try (var lines = Files.lines(shop.resolve("messages.jsonl"), StandardCharsets.UTF_8)) {
            for (String line : (Iterable<String>) lines::iterator) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode message = JSON.readTree(line);
                CSVRecord row = truth.get(message.get("id").asString());
                if (row == null) {
                    throw new IllegalArgumentException("message " + message.get("id") + " has no truth");
                }
                messages.add(new ShopMessage(new LabelledText(message.get("text").asString(), row.get("intent")),
                        row.get("language"), row.get("paraphrase_group"), message.path("from_email").asString("")));
            }
        }
        return messages;
    }

    /**
     * Labelled examples in the server's seed format: one example a line, intent and text separated by a tab;
     * blank lines and lines starting with {@code #} are skipped.
     *
     * @throws IllegalArgumentException for a line without a tab or with an empty intent or text
     */
    static List<LabelledText> examples(Path file) throws IOException {
        List<LabelledText> examples = new ArrayList<>();
        int number = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            number++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int tab = line.indexOf('\t');
            if (tab <= 0 || line.substring(tab + 1).isBlank()) {
                throw new IllegalArgumentException(file + ", line " + number + ": expected intent, a tab and a text");
            }
            examples.add(new LabelledText(line.substring(tab + 1).strip(), line.substring(0, tab).strip()));
        }
        return examples;
    }

    /** The concatenation of the lists under the given keys; a missing key contributes nothing. */
    static List<LabelledText> join(Map<String, List<LabelledText>> lists, String... keys) {
        List<LabelledText> joined = new ArrayList<>();
        for (String key : keys) {
            joined.addAll(lists.getOrDefault(key, List.of()));
        }
        return joined;
    }
}
