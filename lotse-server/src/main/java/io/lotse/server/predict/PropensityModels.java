package io.lotse.server.predict;

import io.lotse.server.predict.PropensityFeatures.Feature;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The propensity step of a training run: for buying and for each configured target event, the probability that it
 * happens within the next 30 days, with the strongest factors behind it.
 *
 * <p>A model learns from the window's last 30 days: features at the end of the cutoff day 30 days before the
 * window's last day, labels from the 30 days after it. A seeded fifth of the people is held out to measure the
 * model (AUC, Brier score, log loss, calibration error, top-decile lift; for buying also the AUC of the BG/NBD's
 * expected orders as a baseline); the model that scores is then refitted on everyone. People are scored with their
 * features at the window's last day. For a target event the population is the people who have not done it yet
 * (up to the cutoff for training, up to the last day for scoring); for buying it is everyone, so that a lead's
 * propensity is their chance of becoming a customer.
 */
final class PropensityModels {

    static final String PURCHASE = "purchase_30d";
    static final int TOP_FACTORS = 3;
    /** Fewer people with (or without) the outcome than this leave a model untrained. */
    static final int MIN_PER_CLASS = 5;
    private static final double HOLDOUT_SHARE = 0.2;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Activity activity;
    private final PropensityFeatures features;
    private final PropensityLearner learner;
    private final long seed;
    private final int cutoffDay;
    private final int lastDay;
    /** Model inputs at the cutoff, null for people not seen by then. */
    private final double[] @Nullable [] atCutoff;
    private final double[][] atLastDay;
    private final double[][] rawAtLastDay;

    PropensityModels(Activity activity, LifetimeValueModels lifetimeValue, PropensityLearner learner, long seed) {
        this.activity = activity;
        this.features = new PropensityFeatures(activity, lifetimeValue.purchases(), lifetimeValue.unit());
        this.learner = learner;
        this.seed = seed;
        this.lastDay = activity.lastEpochDay();
        this.cutoffDay = lastDay - PropensityFeatures.HORIZON_DAYS;
        int n = activity.profileCount();
        atCutoff = new double[n][];
        atLastDay = new double[n][];
        rawAtLastDay = new double[n][];
        for (int p = 0; p < n; p++) {
            atCutoff[p] = features.seenBy(p, cutoffDay) ? modelInputs(features.at(p, cutoffDay)) : null;
            rawAtLastDay[p] = features.at(p, lastDay);
            atLastDay[p] = modelInputs(rawAtLastDay[p]);
        }
    }

    /** The learner of the default settings: L2-penalised logistic regression with λ = 1. */
    static PropensityLearner defaultLearner() {
        return new LogisticRegression(PropensityFeatures.FEATURES.stream().map(Feature::key).toList(), 1.0);
    }

    /** Trains every model and scores everyone into the table; records parameters and metrics. */
    void trainAndScore(ScoreTable scores, ObjectNode parameters, ObjectNode metrics) {
        ObjectNode modelParameters = parameters.putObject("propensity");
        modelParameters.put("learner", learner.name());
        modelParameters.put("horizon_days", PropensityFeatures.HORIZON_DAYS);
        modelParameters.put("cutoff", LocalDate.ofEpochDay(cutoffDay).toString());
        modelParameters.put("holdout_share", HOLDOUT_SHARE);
        modelParameters.set("features", NODES.arrayNode().addAll(PropensityFeatures.FEATURES.stream()
                .map(f -> NODES.stringNode(f.key())).toList()));
        ObjectNode modelMetrics = metrics.putObject("propensity");
        train(PURCHASE, p -> false, p -> features.orderedWithin(p, cutoffDay), p -> true,
                modelParameters, modelMetrics).ifPresent(model -> score(model, p -> true, scores.purchase));
        for (int t = 0; t < activity.targetEvents.size(); t++) {
            int target = t;
            String name = activity.targetEvents.get(t);
            train(name, p -> features.targetBy(target, p, cutoffDay), p -> features.targetWithin(target, p, cutoffDay),
                    p -> !features.targetBy(target, p, lastDay), modelParameters, modelMetrics)
                    .ifPresent(model -> score(model, p -> !features.targetBy(target, p, lastDay), scores.events[target]));
        }
    }

    private Optional<PropensityLearner.Model> train(String name, IntPredicate alreadyDone, IntPredicate outcome,
                                                    IntPredicate scored, ObjectNode parameters, ObjectNode metrics) {
        List<double[]> rows = new ArrayList<>();
        List<Boolean> labels = new ArrayList<>();
        for (int p = 0; p < activity.profileCount(); p++) {
            if (atCutoff[p] != null && !alreadyDone.test(p)) {
                rows.add(atCutoff[p]);
                labels.add(outcome.test(p));
            }
        }
        ObjectNode result = metrics.putObject(name);
        int positives = (int) labels.stream().filter(Boolean::booleanValue).count();
        int negatives = labels.size() - positives;
        result.put("training_people", labels.size());
        result.put("training_positives", positives);
        if (positives < MIN_PER_CLASS || negatives < MIN_PER_CLASS) {
            result.put("skipped", ("Not trained: in the 30 days after the cutoff %d of %d people did it, and a model "
                    + "needs at least %d with and %d without.").formatted(positives, labels.size(), MIN_PER_CLASS,
                    MIN_PER_CLASS));
            return Optional.empty();
        }
        SplittableRandom random = new SplittableRandom(seed);
        boolean[] heldOut = new boolean[rows.size()];
        for (int i = 0; i < heldOut.length; i++) {
            heldOut[i] = random.nextDouble() < HOLDOUT_SHARE;
        }
        evaluateOnHoldout(name, rows, labels, heldOut, result);
        PropensityLearner.Model model = learner.fit(rows.toArray(double[][]::new), toArray(labels));
        parameters.set(name, model.parameters());
        result.put("scored_people", IntStream.range(0, activity.profileCount()).filter(scored).count());
        return Optional.of(model);
    }

    private void evaluateOnHoldout(String name, List<double[]> rows, List<Boolean> labels, boolean[] heldOut,
                                   ObjectNode result) {
        List<double[]> trainRows = new ArrayList<>();
        List<Boolean> trainLabels = new ArrayList<>();
        List<Integer> test = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            if (heldOut[i]) {
                test.add(i);
            } else {
                trainRows.add(rows.get(i));
                trainLabels.add(labels.get(i));
            }
        }
        boolean[] fitLabels = toArray(trainLabels);
        int fitPositives = 0;
        for (boolean label : fitLabels) {
            fitPositives += label ? 1 : 0;
        }
        if (test.isEmpty() || fitPositives == 0 || fitPositives == fitLabels.length) {
            result.put("holdout", "too few people to hold some out");
            return;
        }
        PropensityLearner.Model model = learner.fit(trainRows.toArray(double[][]::new), fitLabels);
        double[] probabilities = new double[test.size()];
        double[] baseline = new double[test.size()];
        boolean[] outcomes = new boolean[test.size()];
        int expected = Feature.EXPECTED_ORDERS_30D.ordinal();
        for (int i = 0; i < test.size(); i++) {
            double[] row = rows.get(test.get(i));
            probabilities[i] = model.probability(row);
            baseline[i] = Double.isNaN(row[expected]) ? 0 : row[expected];
            outcomes[i] = labels.get(test.get(i));
        }
        ObjectNode holdout = ClassificationMetrics.of(probabilities, outcomes);
        if (PURCHASE.equals(name)) {
            ClassificationMetrics.putFinite(holdout, "baseline_bgnbd_auc", ClassificationMetrics.auc(baseline, outcomes));
        }
        result.set("holdout", holdout);
    }

    private void score(PropensityLearner.Model model, IntPredicate scored, ScoreTable.@Nullable Propensity[] into) {
        for (int p = 0; p < activity.profileCount(); p++) {
            if (scored.test(p)) {
                double[] row = atLastDay[p];
                into[p] = new ScoreTable.Propensity(model.probability(row),
                        topFactors(row, model.contributions(row), rawAtLastDay[p]));
            }
        }
    }

    private static List<ScoreTable.Factor> topFactors(double[] row, double[] contributions, double[] raw) {
        List<ScoreTable.Factor> factors = new ArrayList<>();
        for (int j = 0; j < contributions.length; j++) {
            if (contributions[j] != 0 && !Double.isNaN(row[j])) {
                factors.add(new ScoreTable.Factor(PropensityFeatures.FEATURES.get(j).key(), raw[j], contributions[j]));
            }
        }
        factors.sort(Comparator.comparingDouble((ScoreTable.Factor f) -> -Math.abs(f.contribution())));
        return List.copyOf(factors.subList(0, Math.min(TOP_FACTORS, factors.size())));
    }

    /** Raw feature values as the models see them: ln(1 + value) where the feature says so. */
    static double[] modelInputs(double[] raw) {
        double[] inputs = new double[raw.length];
        for (int j = 0; j < raw.length; j++) {
            inputs[j] = PropensityFeatures.FEATURES.get(j).logScale() && !Double.isNaN(raw[j])
                    ? Math.log1p(Math.max(0, raw[j])) : raw[j];
        }
        return inputs;
    }

    private static boolean[] toArray(List<Boolean> values) {
        boolean[] array = new boolean[values.size()];
        for (int i = 0; i < array.length; i++) {
            array[i] = values.get(i);
        }
        return array;
    }
}
