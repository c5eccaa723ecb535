package io.lotse.engine.text;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Trains an {@link IntentClassifier} in this process on labelled examples.
 *
 * <p>Steps: drop every text's greeting and closing ({@link MessageFrame}); embed every text once; hold out a validation set (the caller's, or a stratified, seeded share of the
 * examples); fit the features and the regression on the rest; fit the calibration temperature on the held-out
 * examples; when an out-of-scope label is set, choose the confidence threshold below which a message counts as out
 * of scope (maximising in-scope accuracy plus out-of-scope recall on the held-out examples); finally, when the
 * validation set was split off, refit on all examples with the same parameters, temperature and threshold.
 *
 * <p>The out-of-scope threshold is the confidence below which only {@code inScopeRejectShare} of the held-out
 * in-scope messages that the model gets right fall: it rejects a known, small share of good predictions and
 * needs no out-of-scope examples to be chosen (which are few and unrepresentative in most training data). A
 * trained out-of-scope class, when the examples have one, catches the rest.
 */
public final class IntentTrainer {

    /**
     * Training settings.
     *
     * @param features          surface features
     * @param embeddingWeight   length of the (unit) sentence embedding relative to the surface blocks
     * @param embeddingWeightByLanguage another length for messages in these languages (by the built-in
     *                          {@link LanguageDetector}), e.g. less for German when the embedding model knows only
     *                          English; empty: {@code embeddingWeight} for all; not read when
     *                          {@code embeddingWeight} is 0
     * @param epochs            passes of stochastic gradient descent
     * @param learningRate      initial step size
     * @param l2                L2 regularisation per example
     * @param validationShare   share of each intent's examples held out when no validation set is given
     * @param seed              seed of the split and of the order of the examples
     * @param outOfScopeLabel   the label of messages that fit no intent, or null
     * @param inScopeRejectShare share of correctly predicted held-out in-scope messages the out-of-scope
     *                          threshold may reject (0 for no threshold)
     */
    public record Settings(TextFeatures.Settings features, double embeddingWeight,
            Map<String, Double> embeddingWeightByLanguage, int epochs, double learningRate, double l2,
            double validationShare, long seed, @Nullable String outOfScopeLabel, double inScopeRejectShare) {

        public Settings {
            if (embeddingWeight < 0) {
                throw new IllegalArgumentException("embeddingWeight must not be negative");
            }
            embeddingWeightByLanguage = Map.copyOf(new TreeMap<>(embeddingWeightByLanguage));
            for (Map.Entry<String, Double> weight : embeddingWeightByLanguage.entrySet()) {
                if (!(weight.getValue() >= 0)) {
                    throw new IllegalArgumentException("the embedding weight of '" + weight.getKey()
                            + "' must not be negative, was " + weight.getValue());
                }
            }
            if (!(validationShare > 0 && validationShare < 0.5)) {
                throw new IllegalArgumentException("validationShare must be above 0 and below 0.5, was "
                        + validationShare);
            }
            if (!(inScopeRejectShare >= 0 && inScopeRejectShare < 0.5)) {
                throw new IllegalArgumentException("inScopeRejectShare must be at least 0 and below 0.5, was "
                        + inScopeRejectShare);
            }
            new SoftmaxRegression.Parameters(epochs, learningRate, l2, seed);
        }

        /**
         * Settings that work for short customer messages with an English embedding model (German messages read
         * with a third of its weight); no out-of-scope label (1% reject share once set).
         */
        public static Settings defaults() {
            return new Settings(TextFeatures.Settings.defaults(), 3.0, Map.of("de", 1.0), 12, 0.5, 2e-5, 0.1, 42,
                    null, 0.01);
        }

        /** These settings with another out-of-scope label. */
        public Settings withOutOfScopeLabel(@Nullable String label) {
            return new Settings(features, embeddingWeight, embeddingWeightByLanguage, epochs, learningRate, l2,
                    validationShare, seed, label, inScopeRejectShare);
        }

        /** These settings with another seed. */
        public Settings withSeed(long newSeed) {
            return new Settings(features, embeddingWeight, embeddingWeightByLanguage, epochs, learningRate, l2,
                    validationShare, newSeed, outOfScopeLabel, inScopeRejectShare);
        }

        /** These settings with the same embedding weight for every language (e.g. for a multilingual model). */
        public Settings withOneEmbeddingWeight() {
            return new Settings(features, embeddingWeight, Map.of(), epochs, learningRate, l2, validationShare,
                    seed, outOfScopeLabel, inScopeRejectShare);
        }

        /** The length of the embedding of this text (without greeting and closing) in the model's input. */
        double embeddingWeightOf(String body) {
            if (embeddingWeightByLanguage.isEmpty() || embeddingWeight == 0) {
                return embeddingWeight;
            }
            return embeddingWeightByLanguage.getOrDefault(LANGUAGES.detect(body).language(), embeddingWeight);
        }
    }

    private static final LanguageDetector LANGUAGES = LanguageDetector.builtIn();

    /** Right held-out predictions that must fall at or below an out-of-scope threshold for it to be set. */
    static final int MIN_REJECTED_FOR_THRESHOLD = 5;

    /**
     * A held-out example and what the classifier said about it.
     *
     * @param text       the message
     * @param label      its true intent
     * @param prediction the prediction of the model fitted without it
     */
    public record ValidationOutcome(String text, String label, IntentPrediction prediction) {

        /** Whether the prediction names the true intent. */
        public boolean correct() {
            return prediction.intent().equals(label);
        }
    }

    /**
     * A trained classifier with the outcomes on its held-out examples (for choosing thresholds).
     *
     * @param classifier the classifier
     * @param validation predictions on the held-out examples, made by the model fitted without them
     */
    public record Result(IntentClassifier classifier, List<ValidationOutcome> validation) {
    }

    private final SentenceEmbedder embedder;
    private final LongSupplier clock;

    /**
     * @param embedder sentence embeddings to combine with the surface features ({@link SentenceEmbedder#none()}
     *                 for none)
     * @param clock    milliseconds, for the training time in the provenance
     */
    public IntentTrainer(SentenceEmbedder embedder, LongSupplier clock) {
        this.embedder = embedder;
        this.clock = clock;
    }

    /**
     * Trains on the examples, holding out a stratified share for calibration.
     *
     * @throws IllegalArgumentException with fewer than two intents
     */
    public Result train(List<LabelledText> examples, Settings settings) {
        return train(examples, null, settings);
    }

    /**
     * Trains on the examples; calibrates on {@code validation} when given, else on a held-out share.
     *
     * @throws IllegalArgumentException with fewer than two intents, or a validation label unknown to the examples
     */
    public Result train(List<LabelledText> labelled, @Nullable List<LabelledText> validation, Settings settings) {
        long started = clock.getAsLong();
        // The classifier reads messages without their greeting and closing; so does training.
        List<LabelledText> examples = withoutFrames(labelled);
        validation = validation == null ? null : withoutFrames(validation);
        String[] labels = new TreeSet<>(examples.stream().map(LabelledText::label).toList()).toArray(String[]::new);
        if (labels.length < 2) {
            throw new IllegalArgumentException("training needs examples of at least two intents, got "
                    + labels.length);
        }
        Map<String, Integer> labelIndex = new HashMap<>();
        for (int i = 0; i < labels.length; i++) {
            labelIndex.put(labels[i], i);
        }
        String outOfScope = settings.outOfScopeLabel();

        List<LabelledText> fitting;
        List<LabelledText> heldOut;
        String validationSource;
        if (validation == null || validation.isEmpty()) {
            List<List<LabelledText>> split = stratifiedSplit(examples, settings.validationShare(), settings.seed());
            fitting = split.get(0);
            heldOut = split.get(1);
            validationSource = "split";
        } else {
            for (LabelledText example : validation) {
                if (!labelIndex.containsKey(example.label())) {
                    throw new IllegalArgumentException("validation label '" + example.label()
                            + "' has no training examples");
                }
            }
            fitting = examples;
            heldOut = validation;
            validationSource = "given";
        }

        Map<String, float[]> embeddings = embedDistinct(examples, heldOut);
        Fitted fitted = fit(fitting, labels, labelIndex, embeddings, settings);

        List<double[]> heldOutLogits = new ArrayList<>(heldOut.size());
        int[] heldOutLabels = new int[heldOut.size()];
        for (int i = 0; i < heldOut.size(); i++) {
            LabelledText example = heldOut.get(i);
            heldOutLogits.add(fitted.model.logits(
                    IntentClassifier.compact(fitted.features.transform(example.text()), fitted.compactIndex),
                    IntentClassifier.scaled(embeddings.get(example.text()),
                            settings.embeddingWeightOf(example.text()))));
            heldOutLabels[i] = labelIndex.get(example.label());
        }
        double temperature = TemperatureScaling.fit(heldOutLogits, heldOutLabels);
        double logLoss = heldOut.isEmpty() ? Double.NaN
                : TemperatureScaling.nll(heldOutLogits, heldOutLabels, temperature);
        IntentClassifier calibrated = fitted.classifier(labels, outOfScope, embedder, settings, temperature, 0,
                provisionalProvenance(settings));
        List<IntentPrediction> predictions = new ArrayList<>(heldOut.size());
        for (double[] logits : heldOutLogits) {
            predictions.add(calibrated.predict(logits));
        }
        double threshold = outOfScope == null ? 0
                : outOfScopeThreshold(heldOut, predictions, outOfScope, settings.inScopeRejectShare());

        Fitted finalFit = "split".equals(validationSource)
                ? fit(examples, labels, labelIndex, embeddings, settings) : fitted;
        IntentClassifier thresholded = fitted.classifier(labels, outOfScope, embedder, settings, temperature,
                threshold, provisionalProvenance(settings));
        List<ValidationOutcome> outcomes = new ArrayList<>(heldOut.size());
        int correct = 0;
        for (int i = 0; i < heldOut.size(); i++) {
            IntentPrediction prediction = thresholded.predict(heldOutLogits.get(i));
            ValidationOutcome outcome = new ValidationOutcome(heldOut.get(i).text(), heldOut.get(i).label(),
                    prediction);
            outcomes.add(outcome);
            correct += outcome.correct() ? 1 : 0;
        }
        Map<String, Integer> perIntent = new TreeMap<>();
        for (LabelledText example : examples) {
            perIntent.merge(example.label(), 1, Integer::sum);
        }
        IntentModelProvenance provenance = new IntentModelProvenance(examples.size(), perIntent, heldOut.size(),
                validationSource, embedder.name(), settings, temperature, threshold,
                heldOut.isEmpty() ? Double.NaN : correct / (double) heldOut.size(), logLoss,
                clock.getAsLong() - started, outOfScope);
        IntentClassifier classifier = finalFit.classifier(labels, outOfScope, embedder, settings, temperature,
                threshold, provenance);
        return new Result(classifier, List.copyOf(outcomes));
    }

    private static List<LabelledText> withoutFrames(List<LabelledText> examples) {
        List<LabelledText> stripped = new ArrayList<>(examples.size());
        for (LabelledText example : examples) {
            stripped.add(new LabelledText(MessageFrame.strip(example.text()), example.label()));
        }
        return stripped;
    }

    private static IntentModelProvenance provisionalProvenance(Settings settings) {
        return new IntentModelProvenance(0, Map.of(), 0, "split", "none", settings, 1, 0, Double.NaN, Double.NaN,
                0, settings.outOfScopeLabel());
    }

    private Map<String, float[]> embedDistinct(List<LabelledText> examples, List<LabelledText> heldOut) {
        LinkedHashMap<String, float[]> embeddings = new LinkedHashMap<>();
        for (List<LabelledText> list : List.of(examples, heldOut)) {
            for (LabelledText example : list) {
                embeddings.putIfAbsent(example.text(), null);
            }
        }
        List<String> texts = new ArrayList<>(embeddings.keySet());
        List<float[]> vectors = embedder.embedAll(texts);
        for (int i = 0; i < texts.size(); i++) {
            embeddings.put(texts.get(i), vectors.get(i));
        }
        return embeddings;
    }

    /** Features and regression fitted on one set of examples. */
    private record Fitted(TextFeatures features, int[] compactIndex, SoftmaxRegression model) {

        IntentClassifier classifier(String[] labels, @Nullable String outOfScope, SentenceEmbedder embedder,
                Settings settings, double temperature, double threshold, IntentModelProvenance provenance) {
            return new IntentClassifier(labels, outOfScope, features, compactIndex, embedder, settings, model,
                    temperature, threshold, provenance);
        }
    }

    private static Fitted fit(List<LabelledText> examples, String[] labels, Map<String, Integer> labelIndex,
            Map<String, float[]> embeddings, Settings settings) {
        TextFeatures features = TextFeatures.fit(examples.stream().map(LabelledText::text).toList(),
                settings.features());
        SparseVector[] vectors = new SparseVector[examples.size()];
        int[] compactIndex = new int[features.dimension()];
        Arrays.fill(compactIndex, -1);
        int used = 0;
        for (int i = 0; i < vectors.length; i++) {
            vectors[i] = features.transform(examples.get(i).text());
            for (int index : vectors[i].indices()) {
                if (compactIndex[index] < 0) {
                    compactIndex[index] = used++;
                }
            }
        }
        int denseDimension = settings.embeddingWeight() == 0 ? 0 : -1;
        SoftmaxRegression.Example[] training = new SoftmaxRegression.Example[vectors.length];
        for (int i = 0; i < vectors.length; i++) {
            LabelledText example = examples.get(i);
            float[] dense = IntentClassifier.scaled(embeddings.get(example.text()),
                    settings.embeddingWeightOf(example.text()));
            if (denseDimension < 0) {
                denseDimension = dense.length;
            }
            training[i] = new SoftmaxRegression.Example(IntentClassifier.compact(vectors[i], compactIndex), dense,
                    labelIndex.get(example.label()));
        }
        SoftmaxRegression model = SoftmaxRegression.train(training, labels.length, used, Math.max(0, denseDimension),
                new SoftmaxRegression.Parameters(settings.epochs(), settings.learningRate(), settings.l2(),
                        settings.seed()));
        return new Fitted(features, compactIndex, model);
    }

    /**
     * The confidence below which {@code rejectShare} of the held-out in-scope messages predicted right fall (the
     * lower quantile of their confidences, counting a virtual one at 0); 0 when the share is 0, and when fewer than
     * {@link #MIN_REJECTED_FOR_THRESHOLD} of them would fall at or below it: a quantile of a few hundred held-out
     * messages is little more than their least confident one, and on small training sets it rejected far more
     * than its share of new in-scope messages (the trained out-of-scope class still catches the rest).
     */
    static double outOfScopeThreshold(List<LabelledText> heldOut, List<IntentPrediction> predictions,
            String outOfScope, double rejectShare) {
        List<Double> confidences = new ArrayList<>();
        for (int i = 0; i < heldOut.size(); i++) {
            IntentPrediction prediction = predictions.get(i);
            String label = heldOut.get(i).label();
            if (!outOfScope.equals(label) && !prediction.outOfScope() && prediction.intent().equals(label)) {
                confidences.add(prediction.confidence());
            }
        }
        int index = (int) Math.floor(rejectShare * (confidences.size() + 1)) - 1;
        if (rejectShare <= 0 || index + 1 < MIN_REJECTED_FOR_THRESHOLD) {
            return 0;
        }
        confidences.sort(null);
        return confidences.get(index);
    }

    /**
     * Held-out predictions of a cross-validation and how the examples were held out.
     *
     * @param outcomes every example the model of its fold knew the intent of, predicted by that model
     * @param method   how the examples were split into folds, for the provenance
     */
    public record CrossValidation(List<ValidationOutcome> outcomes, String method) {

        public CrossValidation {
            outcomes = List.copyOf(outcomes);
        }
    }

    /**
     * Predictions for every example by a model that was fitted neither on it nor on the examples that phrase the
     * same request alike ({@link PhrasingGroups}, default similarity; a group holds at most a {@code 1 / folds}
     * share of its intent): grouped cross-validation. Choosing {@link AutomationThresholds} on these is honest
     * about messages phrased in words the examples do not share; plain cross-validation, with near-twins of a
     * held-out example in training, overrates the confidence.
     *
     * @throws IllegalArgumentException with fewer than two folds
     */
    public CrossValidation crossValidate(List<LabelledText> examples, int folds, Settings settings) {
        return crossValidateByPhrasing(examples, Collections.nCopies(examples.size(), null), folds, settings);
    }

    /**
     * As {@link #crossValidate(List, int, Settings)}, except that examples that come with a group (e.g. the
     * paraphrase family they were written from) are held out by that group.
     *
     * @param given per example its group, or null to find one among similar phrasings
     * @throws IllegalArgumentException with fewer than two folds, or not one entry of {@code given} per example
     */
    public CrossValidation crossValidateByPhrasing(List<LabelledText> examples, List<@Nullable String> given,
            int folds, Settings settings) {
        if (folds < 2) {
            throw new IllegalArgumentException("cross-validation needs at least two folds, was " + folds);
        }
        List<String> groups = PhrasingGroups.of(examples, given, PhrasingGroups.DEFAULT_MIN_SIMILARITY,
                1.0 / folds);
        CrossValidation validation = crossValidate(examples, groups, folds, settings);
        long withGiven = given.stream().filter(group -> group != null).count();
        return new CrossValidation(validation.outcomes(), String.format(Locale.ROOT,
                "%d-fold cross-validation by groups of similar phrasings: %d groups (%scharacter-trigram cosine at "
                        + "least %.2f within an intent, each at most 1/%d of its intent), held out whole",
                folds, PhrasingGroups.count(groups), withGiven == 0 ? ""
                        : "the group given with " + withGiven + " examples, the others by ",
                PhrasingGroups.DEFAULT_MIN_SIMILARITY, folds));
    }

    /**
     * Predictions for every example by a model that was not fitted on it nor on any example of its group: each
     * intent's groups are dealt to {@code folds} folds, largest first, each to the fold holding the fewest
     * examples of the intent (ties: seeded order), and each fold is predicted by a model trained (and calibrated)
     * on the others. One group per example gives plain stratified cross-validation. Each text is embedded once.
     * An intent whose examples all fall in one fold is missing from that fold's model; its examples there are
     * left out.
     *
     * @param groups one group name per example, in the order of the examples
     * @throws IllegalArgumentException with fewer than two folds, or not one group per example
     */
    public CrossValidation crossValidate(List<LabelledText> examples, List<String> groups, int folds,
            Settings settings) {
        if (folds < 2) {
            throw new IllegalArgumentException("cross-validation needs at least two folds, was " + folds);
        }
        if (groups.size() != examples.size()) {
            throw new IllegalArgumentException("groups: " + groups.size() + " for " + examples.size()
                    + " examples");
        }
        SentenceEmbedder cached = SentenceEmbedder.caching(embedder);
        cached.embedAll(examples.stream().map(example -> MessageFrame.strip(example.text())).toList());
        List<List<LabelledText>> parts = foldsOfGroups(examples, groups, folds, settings.seed());
        IntentTrainer trainer = new IntentTrainer(cached, clock);
        List<ValidationOutcome> outcomes = new ArrayList<>();
        for (int f = 0; f < folds; f++) {
            List<LabelledText> fitting = new ArrayList<>();
            for (int g = 0; g < folds; g++) {
                if (g != f) {
                    fitting.addAll(parts.get(g));
                }
            }
            if (fitting.stream().map(LabelledText::label).distinct().count() < 2 || parts.get(f).isEmpty()) {
                continue;
            }
            IntentClassifier classifier = trainer.train(fitting, settings).classifier();
            for (LabelledText example : parts.get(f)) {
                if (classifier.intents().contains(example.label())) {
                    outcomes.add(new ValidationOutcome(example.text(), example.label(),
                            classifier.classifyEmbedded(example.text(),
                                    cached.embed(MessageFrame.strip(example.text())))));
                }
            }
        }
        return new CrossValidation(outcomes, String.format(Locale.ROOT,
                "%d-fold cross-validation by %d groups, held out whole", folds, (int) groups.stream().distinct()
                        .count()));
    }

    /** The examples dealt to folds group by group, per intent, balancing each intent's examples over the folds. */
    static List<List<LabelledText>> foldsOfGroups(List<LabelledText> examples, List<String> groups, int folds,
            long seed) {
        Map<String, Map<String, List<LabelledText>>> byLabelAndGroup = new TreeMap<>();
        for (int i = 0; i < examples.size(); i++) {
            byLabelAndGroup.computeIfAbsent(examples.get(i).label(), key -> new TreeMap<>())
                    .computeIfAbsent(groups.get(i), key -> new ArrayList<>()).add(examples.get(i));
        }
        SplittableRandom random = new SplittableRandom(seed ^ 0x5DEECE66DL);
        List<List<LabelledText>> parts = new ArrayList<>();
        for (int f = 0; f < folds; f++) {
            parts.add(new ArrayList<>());
        }
        int[] total = new int[folds];
        for (Map<String, List<LabelledText>> labelGroups : byLabelAndGroup.values()) {
            List<List<LabelledText>> ordered = new ArrayList<>(labelGroups.values());
            for (int i = ordered.size() - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                List<LabelledText> tmp = ordered.get(i);
                ordered.set(i, ordered.get(j));
                ordered.set(j, tmp);
            }
            // stable: among groups of one size, the shuffled order stays
            ordered.sort((a, b) -> Integer.compare(b.size(), a.size()));
            int[] ofLabel = new int[folds];
            for (List<LabelledText> group : ordered) {
                int target = 0;
                for (int f = 1; f < folds; f++) {
                    if (ofLabel[f] < ofLabel[target] || ofLabel[f] == ofLabel[target] && total[f] < total[target]) {
                        target = f;
                    }
                }
                parts.get(target).addAll(group);
                ofLabel[target] += group.size();
                total[target] += group.size();
            }
        }
        return parts;
    }

    /**
     * Splits each label's examples into a fitting part and a held-out share (rounded, at least one when the label
     * has two or more examples), shuffled with the seed: the same examples and seed give the same split.
     *
     * @return the fitting part, then the held-out part
     */
    public static List<List<LabelledText>> stratifiedSplit(List<LabelledText> examples, double share, long seed) {
        Map<String, List<LabelledText>> byLabel = new TreeMap<>();
        for (LabelledText example : examples) {
            byLabel.computeIfAbsent(example.label(), key -> new ArrayList<>()).add(example);
        }
        SplittableRandom random = new SplittableRandom(seed);
        List<LabelledText> fitting = new ArrayList<>();
        List<LabelledText> heldOut = new ArrayList<>();
        for (List<LabelledText> group : byLabel.values()) {
            List<LabelledText> shuffled = new ArrayList<>(group);
            for (int i = shuffled.size() - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                LabelledText tmp = shuffled.get(i);
                shuffled.set(i, shuffled.get(j));
                shuffled.set(j, tmp);
            }
            int held = shuffled.size() < 2 ? 0 : Math.max(1, (int) Math.round(shuffled.size() * share));
            heldOut.addAll(shuffled.subList(0, held));
            fitting.addAll(shuffled.subList(held, shuffled.size()));
        }
        return List.of(fitting, heldOut);
    }
}
