package io.lotse.bench;

import io.lotse.engine.text.AutomationThresholds;
import io.lotse.engine.text.IntentClassifier;
import io.lotse.engine.text.IntentPrediction;
import io.lotse.engine.text.IntentTrainer;
import io.lotse.engine.text.LabelledText;
import io.lotse.engine.text.MessageFrame;
import io.lotse.engine.text.OnnxSentenceEmbedder;
import io.lotse.engine.text.PhrasingGroups;
import io.lotse.engine.text.SentenceEmbedder;
import io.lotse.engine.text.TextFeatures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Evaluates the intent classifier of {@code io.lotse.engine.text} on BANKING77, CLINC150 or a simulated shop's
 * service messages, run by {@code ./lotse eval intents}. Progress goes to standard error; the last line of standard
 * output is one JSON object.
 *
 * <ul>
 *   <li>{@code --format banking77 --train FILE [--test FILE]}: without a test file, a stratified 80/20 split of the
 *       training file (seed {@code --seed}).</li>
 *   <li>{@code --format clinc --train FILE [--test FILE]}: trains on {@code train} and {@code oos_train}; with a
 *       test file holding {@code test}/{@code oos_test}, calibrates on {@code val}/{@code oos_val} and tests on the
 *       test lists; otherwise tests on {@code val}/{@code oos_val} and calibrates on a held-out share of the
 *       training lists.</li>
 *   <li>{@code --format simulated --shop DIR}: the shop's messages, three folds by paraphrase family (family number
 *       modulo 3): each fold tests on the messages written from some families of every intent and language and
 *       trains on the others, so no test phrasing was seen in training. Accuracy per language. {@code --examples FILE}
 *       (intent, tab, text per line, e.g. the server's {@code seed-examples.tsv}) adds labelled examples to every
 *       fold's training data, as the server trains on its seed set besides the shop's own examples.
 *       Each fold also chooses automation thresholds as the server does (5-fold cross-validation of its training
 *       data held out by {@code --threshold-groups}: {@code similar} phrasings as the server, the true paraphrase
 *       {@code family}, or {@code none}: every example alone; target precision {@code --target-precision}) and
 *       applies them to its test messages: {@code auto_precision} is the share of the messages passing the
 *       thresholds whose intent is right, {@code automation_rate} the share of messages passing.</li>
 * </ul>
 */
public final class IntentEvaluation {

    static final String USAGE = """
            usage: IntentEvaluation --format banking77|clinc --train FILE [--test FILE]
                   IntentEvaluation --format simulated --shop DIR [--examples FILE]
                          [--threshold-groups similar|family|none] [--group-similarity X] [--group-share X]
                          [--target-precision X (0.98)]
                          [--precision-confidence X (0: point estimate)]
                   [--seed S (42)] [--no-embedding | --embedding-model FILE --tokenizer FILE]
                   [--hash-bits N] [--min-char-gram N] [--max-char-gram N] [--char-weight X] [--word-weight X]
                   [--char-grams across|within] [--word-forms words|stems] [--fold-variants yes|no]
                   [--mask-quotes yes|no] [--split-compounds yes|no] [--embedding-weight X] [--german-embedding-weight X] [--epochs N]
                   [--learning-rate X] [--l2 X] [--reject-share X]""";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int WARM_UP = 50;
    private static final int FOLDS = 3;
    private static final int THRESHOLD_FOLDS = 5;
    private static final Set<String> OPTIONS = Set.of("--format", "--seed", "--train", "--test", "--shop",
            "--examples", "--embedding-model", "--tokenizer", "--hash-bits", "--min-char-gram", "--max-char-gram",
            "--char-weight", "--word-weight", "--embedding-weight", "--epochs", "--learning-rate", "--l2",
            "--reject-share", "--threshold-groups", "--group-similarity", "--group-share", "--target-precision",
            "--precision-confidence",
            "--char-grams", "--word-forms", "--fold-variants", "--mask-quotes", "--split-compounds",
            "--german-embedding-weight");
    private static final Set<String> SWITCHES = Set.of("--no-embedding");

    private IntentEvaluation() {}

    public static void main(String[] args) throws Exception {
        CommandLineOptions options = CommandLineOptions.readOrExit(USAGE, () -> {
            CommandLineOptions read = CommandLineOptions.parse(OPTIONS, SWITCHES, args);
            read.required("--format");
            settings(read, read.longInteger("--seed", 42));
            return read;
        });
        String format = options.required("--format");
        long seed = options.longInteger("--seed", 42);
        IntentTrainer.Settings settings = settings(options, seed);
        SentenceEmbedder embedder = embedder(options);
        ObjectNode result = switch (format) {
            case "banking77" -> banking77(options, embedder, settings, seed);
            case "clinc" -> clinc(options, embedder, settings);
            case "simulated" -> simulated(options, embedder, settings);
            default -> throw new IllegalArgumentException("unknown --format '" + format
                    + "'; one of banking77, clinc, simulated");
        };
        result.put("embedding", embedder.name());
        System.out.println(JSON.writeValueAsString(result));
    }

    private static ObjectNode banking77(CommandLineOptions options, SentenceEmbedder embedder,
            IntentTrainer.Settings settings, long seed) throws Exception {
        List<LabelledText> train = IntentData.banking77(existing(options.required("--train")));
        List<LabelledText> test;
        String split;
        if (options.has("--test")) {
            test = IntentData.banking77(existing(options.required("--test")));
            split = "test file";
        } else {
            List<List<LabelledText>> parts = IntentTrainer.stratifiedSplit(train, 0.2, seed);
            train = parts.get(0);
            test = parts.get(1);
            split = "stratified 80/20 split of the training file, seed " + seed;
        }
        return trainAndTest("banking77", split, train, null, test, embedder, settings);
    }

    private static ObjectNode clinc(CommandLineOptions options, SentenceEmbedder embedder,
            IntentTrainer.Settings settings) throws Exception {
        Map<String, List<LabelledText>> trainFile = IntentData.clinc(existing(options.required("--train")));
        if (!trainFile.containsKey("train")) {
            throw new IllegalArgumentException("the CLINC training file has no 'train' list");
        }
        Map<String, List<LabelledText>> testFile = options.has("--test")
                ? IntentData.clinc(existing(options.required("--test"))) : Map.of();
        List<LabelledText> train = IntentData.join(trainFile, "train", "oos_train");
        IntentTrainer.Settings clincSettings = settings.withOutOfScopeLabel(IntentData.CLINC_OUT_OF_SCOPE);
        if (testFile.containsKey("test")) {
            return trainAndTest("clinc", "test and oos_test of the test file; calibrated on val and oos_val", train,
                    IntentData.join(trainFile, "val", "oos_val"), IntentData.join(testFile, "test", "oos_test"),
                    embedder, clincSettings);
        }
        List<LabelledText> test = IntentData.join(trainFile, "val", "oos_val");
        if (test.isEmpty()) {
            throw new IllegalArgumentException("no test lists: give a test file with 'test' and 'oos_test', or a"
                    + " training file with 'val' and 'oos_val'");
        }
        return trainAndTest("clinc", "val and oos_val (no test file with 'test'); calibrated on a held-out share of"
                + " train and oos_train", train, null, test, embedder, clincSettings);
    }

    private static ObjectNode trainAndTest(String format, String split, List<LabelledText> train,
            @Nullable List<LabelledText> validation, List<LabelledText> test, SentenceEmbedder embedder,
            IntentTrainer.Settings settings) {
        progress(format + ": training on " + train.size() + " examples…");
        long started = System.nanoTime();
        IntentTrainer.Result trained = new IntentTrainer(embedder, System::currentTimeMillis)
                .train(train, validation, settings);
        double trainingSeconds = (System.nanoTime() - started) / 1e9;
        IntentClassifier classifier = trained.classifier();
        progress(String.format(Locale.ROOT, "trained in %.1f s (temperature %.3f, out-of-scope threshold %.3f);"
                + " testing on %d examples…", trainingSeconds, classifier.provenance().temperature(),
                classifier.provenance().outOfScopeThreshold(), test.size()));
        for (int i = 0; i < Math.min(WARM_UP, train.size()); i++) {
            classifier.classify(train.get(i).text());
        }
        List<String> truth = new ArrayList<>(test.size());
        List<String> predicted = new ArrayList<>(test.size());
        double[] latencies = new double[test.size()];
        for (int i = 0; i < test.size(); i++) {
            long t0 = System.nanoTime();
            IntentPrediction prediction = classifier.classify(test.get(i).text());
            latencies[i] = (System.nanoTime() - t0) / 1e6;
            truth.add(test.get(i).label());
            predicted.add(prediction.intent());
        }
        IntentMetrics metrics = IntentMetrics.of(truth, predicted, settings.outOfScopeLabel());
        ObjectNode result = JSON.createObjectNode();
        result.put("format", format);
        result.put("split", split);
        result.put("train_examples", train.size());
        result.put("test_examples", test.size());
        result.put("intents", classifier.intents().size());
        result.put("accuracy", round(metrics.accuracy()));
        result.put("macro_f1", round(metrics.macroF1()));
        if (settings.outOfScopeLabel() != null) {
            result.put("in_scope_accuracy", round(metrics.inScopeAccuracy()));
            result.put("oos_recall", round(metrics.oosRecall()));
            result.put("oos_precision", round(metrics.oosPrecision()));
            result.put("oos_threshold", round(classifier.provenance().outOfScopeThreshold()));
        }
        result.put("temperature", round(classifier.provenance().temperature()));
        result.put("training_seconds", Math.round(trainingSeconds * 10) / 10.0);
        putLatency(result, latencies);
        return result;
    }

    private static ObjectNode simulated(CommandLineOptions options, SentenceEmbedder embedder,
            IntentTrainer.Settings settings) throws Exception {
        Path shop = existing(options.required("--shop"));
        List<IntentData.ShopMessage> messages = IntentData.simulated(shop);
        List<LabelledText> extra = options.has("--examples")
                ? IntentData.examples(existing(options.required("--examples"))) : List.of();
        String outOfScope = "out_of_scope";
        IntentTrainer.Settings shopSettings = settings.withOutOfScopeLabel(outOfScope);
        String thresholdGroups = options.text("--threshold-groups", "similar");
        if (!Set.of("similar", "family", "none").contains(thresholdGroups)) {
            throw new IllegalArgumentException("--threshold-groups must be similar, family or none, was '"
                    + thresholdGroups + "'");
        }
        double targetPrecision = options.decimal("--target-precision", 0.98);
        double precisionConfidence = options.decimal("--precision-confidence", 0);
        progress("simulated shop: " + messages.size() + " messages; embedding them once…");
        SentenceEmbedder cache = SentenceEmbedder.caching(embedder);
        cache.embedAll(messages.stream().map(message -> MessageFrame.strip(message.example().text())).toList());
        cache.embedAll(extra.stream().map(example -> MessageFrame.strip(example.text())).toList());
        Map<String, List<String>> truthByLanguage = new TreeMap<>();
        Map<String, List<String>> predictedByLanguage = new TreeMap<>();
        List<String> truth = new ArrayList<>();
        List<String> predicted = new ArrayList<>();
        double trainingSeconds = 0;
        IntentClassifier last = null;
        List<String> lastTest = new ArrayList<>();
        int automated = 0;
        int automatedRight = 0;
        String thresholdValidation = "";
        var thresholdsByFold = JSON.createArrayNode();
        for (int fold = 0; fold < FOLDS; fold++) {
            List<LabelledText> train = new ArrayList<>(extra);
            List<String> families = new ArrayList<>();
            for (int i = 0; i < extra.size(); i++) {
                families.add("example " + i);
            }
            List<IntentData.ShopMessage> test = new ArrayList<>();
            for (IntentData.ShopMessage message : messages) {
                if (message.fold(FOLDS) == fold) {
                    test.add(message);
                } else {
                    train.add(message.example());
                    families.add(message.paraphraseGroup());
                }
            }
            progress("fold " + (fold + 1) + " of " + FOLDS + ": training on " + train.size() + ", testing on " + test.size() + "…");
            long started = System.nanoTime();
            IntentClassifier classifier = new IntentTrainer(cache, System::currentTimeMillis)
                    .train(train, shopSettings).classifier();
            trainingSeconds += (System.nanoTime() - started) / 1e9;
            IntentTrainer thresholdTrainer = new IntentTrainer(cache, System::currentTimeMillis);
            IntentTrainer.CrossValidation validation = switch (thresholdGroups) {
                case "similar" -> options.has("--group-similarity") || options.has("--group-share")
                        ? thresholdTrainer.crossValidate(train, PhrasingGroups.of(train,
                                options.decimal("--group-similarity", PhrasingGroups.DEFAULT_MIN_SIMILARITY),
                                options.decimal("--group-share", 1.0 / THRESHOLD_FOLDS)), THRESHOLD_FOLDS, shopSettings)
                        : thresholdTrainer.crossValidate(train, THRESHOLD_FOLDS, shopSettings);
                case "family" -> thresholdTrainer.crossValidate(train, families, THRESHOLD_FOLDS, shopSettings);
                default -> thresholdTrainer.crossValidate(train,
                        IntStream.range(0, train.size()).mapToObj(String::valueOf).toList(), THRESHOLD_FOLDS,
                        shopSettings);
            };
            AutomationThresholds thresholds = AutomationThresholds.choose(validation.outcomes(), targetPrecision,
                    precisionConfidence);
            thresholdValidation = thresholdGroups + ": " + validation.method();
            ObjectNode chosen = thresholdsByFold.addObject();
            // null thresholds: no pair reached the target, nothing is answered automatically
            putFinite(chosen, "min_confidence", thresholds.minConfidence());
            putFinite(chosen, "min_margin", thresholds.minMargin());
            putFinite(chosen, "expected_precision", thresholds.expectedPrecision());
            chosen.put("validation_coverage", round(thresholds.coverage()));
            progress(String.format(Locale.ROOT, "fold %d thresholds: %s", fold + 1, chosen));
            for (IntentData.ShopMessage message : test) {
                String text = message.example().text();
                IntentPrediction prediction = classifier.classifyEmbedded(text,
                        cache.embed(MessageFrame.strip(text)));
                String label = prediction.intent();
                if (thresholds.pass(prediction)) {
                    automated++;
                    automatedRight += label.equals(message.example().label()) ? 1 : 0;
                }
                truth.add(message.example().label());
                predicted.add(label);
                truthByLanguage.computeIfAbsent(message.language(), key -> new ArrayList<>())
                        .add(message.example().label());
                predictedByLanguage.computeIfAbsent(message.language(), key -> new ArrayList<>()).add(label);
            }
            last = classifier;
            lastTest = test.stream().map(message -> message.example().text()).toList();
        }
        IntentMetrics metrics = IntentMetrics.of(truth, predicted, outOfScope);
        ObjectNode result = JSON.createObjectNode();
        result.put("format", "simulated");
        result.put("split", FOLDS + " folds by paraphrase family (family number modulo 3): each message is tested"
                + " by the model trained on the other families of its intent and language");
        result.put("messages", messages.size());
        result.put("extra_examples", extra.size());
        result.put("accuracy", round(metrics.accuracy()));
        result.put("macro_f1", round(metrics.macroF1()));
        result.put("in_scope_accuracy", round(metrics.inScopeAccuracy()));
        result.put("oos_recall", round(metrics.oosRecall()));
        result.put("oos_precision", round(metrics.oosPrecision()));
        ObjectNode byLanguage = result.putObject("accuracy_by_language");
        ObjectNode countByLanguage = result.putObject("messages_by_language");
        for (String language : truthByLanguage.keySet()) {
            IntentMetrics languageMetrics = IntentMetrics.of(truthByLanguage.get(language),
                    predictedByLanguage.get(language), outOfScope);
            byLanguage.put(language, round(languageMetrics.accuracy()));
            countByLanguage.put(language, truthByLanguage.get(language).size());
        }
        result.put("target_precision", targetPrecision);
        result.put("precision_confidence", precisionConfidence);
        result.put("automated", automated);
        result.put("automation_rate", round(automated / (double) messages.size()));
        putFinite(result, "auto_precision", automated == 0 ? Double.NaN : automatedRight / (double) automated);
        result.put("threshold_validation", thresholdValidation);
        result.set("thresholds_by_fold", thresholdsByFold);
        result.put("training_seconds", Math.round(trainingSeconds / FOLDS * 10) / 10.0);
        if (last != null) {
            double[] latencies = new double[Math.min(500, lastTest.size())];
            for (int i = 0; i < latencies.length; i++) {
                long t0 = System.nanoTime();
                // The classifier's own embedder is the cache; the message is embedded afresh as classify() does.
                String text = lastTest.get(i);
                last.classifyEmbedded(text, embedder.embed(MessageFrame.strip(text)));
                latencies[i] = (System.nanoTime() - t0) / 1e6;
            }
            putLatency(result, latencies);
        }
        return result;
    }

    /** The value rounded, or null when it is not finite. */
    private static void putFinite(ObjectNode node, String name, double value) {
        if (Double.isFinite(value)) {
            node.put(name, round(value));
        } else {
            node.putNull(name);
        }
    }

    private static void putLatency(ObjectNode result, double[] latencies) {
        double[] sorted = latencies.clone();
        Arrays.sort(sorted);
        result.put("latency_p50_ms", round(percentile(sorted, 0.50)));
        result.put("latency_p99_ms", round(percentile(sorted, 0.99)));
    }

    static double percentile(double[] sorted, double quantile) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(quantile * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static SentenceEmbedder embedder(CommandLineOptions options) {
        if (options.has("--no-embedding")) {
            return SentenceEmbedder.none();
        }
        if (options.has("--embedding-model")) {
            return OnnxSentenceEmbedder.fromFiles(Path.of(options.required("--embedding-model")),
                    Path.of(options.required("--tokenizer")), true);
        }
        return OnnxSentenceEmbedder.allMiniLmL6V2();
    }

    private static IntentTrainer.Settings settings(CommandLineOptions options, long seed) {
        IntentTrainer.Settings d = IntentTrainer.Settings.defaults();
        TextFeatures.Settings f = d.features();
        TextFeatures.Settings features = new TextFeatures.Settings(
                options.integer("--hash-bits", f.hashBits()),
                options.integer("--min-char-gram", f.minCharGram()),
                options.integer("--max-char-gram", f.maxCharGram()),
                f.maxWordGram(),
                options.decimal("--char-weight", f.charWeight()),
                options.decimal("--word-weight", f.wordWeight()),
                choice(options, "--char-grams", f.charGramsAcrossWords(), "across", "within"),
                choice(options, "--word-forms", f.stemWords(), "stems", "words"),
                choice(options, "--fold-variants", f.foldVariants(), "yes", "no"),
                choice(options, "--mask-quotes", f.maskQuotes(), "yes", "no"),
                choice(options, "--split-compounds", f.splitCompounds(), "yes", "no"));
        double germanWeight = options.decimal("--german-embedding-weight",
                d.embeddingWeightByLanguage().getOrDefault("de", d.embeddingWeight()));
        return new IntentTrainer.Settings(features, options.decimal("--embedding-weight", d.embeddingWeight()),
                Map.of("de", germanWeight), options.integer("--epochs", d.epochs()),
                options.decimal("--learning-rate", d.learningRate()), options.decimal("--l2", d.l2()),
                d.validationShare(), seed, null, options.decimal("--reject-share", d.inScopeRejectShare()));
    }

    /** A two-valued option: true for {@code yes}, false for {@code no}, the default when absent. */
    private static boolean choice(CommandLineOptions options, String name, boolean defaultValue, String yes,
            String no) {
        if (!options.has(name)) {
            return defaultValue;
        }
        String value = options.text(name, yes);
        if (!value.equals(yes) && !value.equals(no)) {
            throw new IllegalArgumentException(name + " must be " + yes + " or " + no + ", was '" + value + "'");
        }
        return value.equals(yes);
    }

    private static Path existing(String file) {
        Path path = Path.of(file);
        if (!Files.isRegularFile(path) && !Files.isDirectory(path)) {
            throw new IllegalArgumentException(file + " does not exist");
        }
        return path;
    }

    private static double round(double value) {
        return Double.isFinite(value) ? Math.round(value * 10_000) / 10_000.0 : value;
    }

    private static void progress(String message) {
        System.err.println(message);
    }
}
