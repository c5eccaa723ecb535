package io.lotse.server.predict;

import io.lotse.engine.propensity.Algorithm;
import io.lotse.engine.propensity.ClassificationMetrics;
import io.lotse.engine.propensity.DataWindow;
import io.lotse.engine.propensity.Explanation;
import io.lotse.engine.propensity.FeatureSchema;
import io.lotse.engine.propensity.FeatureVector;
import io.lotse.engine.propensity.LogisticModel;
import io.lotse.engine.propensity.ModelMetrics;
import io.lotse.engine.propensity.ModelProvenance;
import io.lotse.engine.propensity.PlattScaling;
import io.lotse.engine.propensity.PropensityModel;
import io.lotse.engine.propensity.PropensitySettings;
import io.lotse.engine.propensity.PropensityTrainer;
import io.lotse.engine.propensity.TrainingData;
import io.lotse.engine.propensity.TreeEnsemble;
import io.lotse.server.predict.PropensityFeatures.Feature;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The propensity step of a training run: for buying and for each configured target event, the calibrated
 * probability that it happens within the next 30 days, with the strongest factors behind it. The models are
 * Lotse's propensity engine ({@link PropensityTrainer}): gradient-boosted trees once there are enough people
 * (logistic regression below, or as configured), Platt-calibrated on out-of-fold scores.
 *
 * <p>A model learns from the window's last 30 days: features at the end of the cutoff day 30 days before the
 * window's last day, labels from the 30 days after it. The trainer's 5-fold cross-validation measures the model on
 * people it did not learn from (AUC, top-decile lift, calibration error, Brier score; for buying also the AUC of
 * the BG/NBD's expected orders as a baseline); the model that scores is fitted on everyone. People are scored with
 * their features at the window's last day. For a target event the population is the people who have not done it
 * yet (up to the cutoff for training, up to the last day for scoring); for buying it is everyone, so that a lead's
 * propensity is their chance of becoming a customer.
 */
final class PropensityModels {

    static final String PURCHASE = "purchase_30d";
    static final int TOP_FACTORS = 3;
    /** Fewer people with (or without) the outcome than this leave a model untrained. */
    static final int MIN_PER_CLASS = 5;
    static final FeatureSchema SCHEMA = new FeatureSchema(
            PropensityFeatures.FEATURES.stream().map(Feature::key).toList());

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Activity activity;
    private final PropensityFeatures features;
    private final PropensitySettings settings;
    private final int cutoffDay;
    private final int lastDay;
    /** Model inputs at the cutoff, null for people not seen by then. */
    private final double[] @Nullable [] atCutoff;
    private final double[][] atLastDay;
    private final double[][] rawAtLastDay;

    /**
     * @param algorithm the learner: {@link Algorithm#AUTO} takes boosted trees from 500 people and 50 of the rarer
     *                  outcome on, logistic regression below
     * @param seed      seeds the folds and the trees' samples
     */
    PropensityModels(Activity activity, CategoryAffinity categories, LifetimeValueModels lifetimeValue,
                     Algorithm algorithm, long seed) {
        this.activity = activity;
        this.features = new PropensityFeatures(activity, categories, lifetimeValue.purchases(), lifetimeValue.unit());
        this.settings = PropensitySettings.defaults(seed).withAlgorithm(algorithm);
        this.lastDay = activity.lastEpochDay();
        this.cutoffDay = cutoffDay(activity);
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

    /** The day whose features the models learn from: 30 days before the window's last day. */
    static int cutoffDay(Activity activity) {
        return activity.lastEpochDay() - PropensityFeatures.HORIZON_DAYS;
    }

    /** Trains every model and scores everyone into the table; records parameters and metrics. */
    void trainAndScore(ScoreTable scores, ObjectNode parameters, ObjectNode metrics) {
        ObjectNode modelParameters = parameters.putObject("propensity");
        modelParameters.put("algorithm", settings.algorithm().name().toLowerCase(Locale.ROOT));
        modelParameters.put("calibration", settings.calibration().name().toLowerCase(Locale.ROOT));
        modelParameters.put("cross_validation_folds", settings.calibrationFolds());
        modelParameters.put("horizon_days", PropensityFeatures.HORIZON_DAYS);
        modelParameters.put("cutoff", LocalDate.ofEpochDay(cutoffDay).toString());
        modelParameters.set("features", NODES.arrayNode().addAll(SCHEMA.names().stream()
                .map(NODES::stringNode).toList()));
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

    private Optional<PropensityModel> train(String name, IntPredicate alreadyDone, IntPredicate outcome,
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
        double[] outcomes = new double[labels.size()];
        for (int i = 0; i < outcomes.length; i++) {
            outcomes[i] = labels.get(i) ? 1 : 0;
        }
        TrainingData data = new TrainingData(SCHEMA, rows.toArray(double[][]::new), outcomes);
        DataWindow window = new DataWindow(LocalDate.ofEpochDay(cutoffDay + 1L).atStartOfDay()
                .toInstant(ZoneOffset.UTC), PropensityFeatures.HORIZON_DAYS, name);
        PropensityModel model = new PropensityTrainer(settings).train(data, window);
        ModelProvenance provenance = model.provenance();
        ObjectNode crossValidated = result.putObject("cross_validated");
        crossValidated.put("people", data.size());
        crossValidated.put("positives", data.positives());
        crossValidated.put("base_rate", (double) data.positives() / data.size());
        ModelMetrics measured = provenance.crossValidated();
        crossValidated.put("auc", measured.auc());
        crossValidated.put("lift_top_decile", measured.liftTopDecile());
        crossValidated.put("calibration_error", measured.calibrationError());
        crossValidated.put("brier", measured.brier());
        if (PURCHASE.equals(name)) {
            int expected = Feature.EXPECTED_ORDERS_30D.ordinal();
            double[] baseline = rows.stream().mapToDouble(row -> Double.isNaN(row[expected]) ? 0 : row[expected])
                    .toArray();
            crossValidated.put("baseline_bgnbd_auc", ClassificationMetrics.auc(baseline, outcomes));
        }
        parameters.set(name, describe(model));
        result.put("scored_people", IntStream.range(0, activity.profileCount()).filter(scored).count());
        return Optional.of(model);
    }

    /** The fitted model for its provenance: learner, hyperparameters, calibration and what the learner weighs. */
    private static ObjectNode describe(PropensityModel model) {
        ModelProvenance provenance = model.provenance();
        ObjectNode node = NODES.objectNode();
        node.put("algorithm", provenance.algorithm().name().toLowerCase(Locale.ROOT));
        node.set("hyperparameters", JSON.valueToTree(provenance.parameters()));
        node.put("seed", provenance.seed());
        node.put("training_people", provenance.trainingSize());
        if (model.calibrator() instanceof PlattScaling platt) {
            node.putObject("platt").put("slope", platt.slope()).put("intercept", platt.intercept());
        }
        if (model.scorer() instanceof LogisticModel logistic) {
            node.put("intercept", logistic.intercept());
            ObjectNode coefficients = node.putObject("coefficients");
            double[] standardised = logistic.standardisedCoefficients();
            for (int j = 0; j < standardised.length; j++) {
                coefficients.put(SCHEMA.name(j), standardised[j]);
            }
        } else if (model.scorer() instanceof TreeEnsemble trees) {
            node.put("trees", trees.trees());
            double[] gain = trees.gainImportance();
            double total = Arrays.stream(gain).sum();
            ObjectNode importance = node.putObject("gain_importance");
            for (int j = 0; j < gain.length; j++) {
                importance.put(SCHEMA.name(j), total > 0 ? gain[j] / total : 0);
            }
        }
        return node;
    }

    private void score(PropensityModel model, IntPredicate scored, ScoreTable.@Nullable Propensity[] into) {
        for (int p = 0; p < activity.profileCount(); p++) {
            if (scored.test(p)) {
                Explanation explanation = model.explain(new FeatureVector(SCHEMA, atLastDay[p]), SCHEMA.size());
                into[p] = new ScoreTable.Propensity(explanation.probability(),
                        topFactors(explanation, rawAtLastDay[p]));
            }
        }
    }

    /** The strongest factors among the person's known values, with the raw value rather than the model input. */
    private static List<ScoreTable.Factor> topFactors(Explanation explanation, double[] raw) {
        List<ScoreTable.Factor> factors = new ArrayList<>();
        for (Explanation.Factor factor : explanation.topFactors()) {
            if (factors.size() < TOP_FACTORS && factor.contribution() != 0 && !Double.isNaN(factor.value())) {
                factors.add(new ScoreTable.Factor(factor.feature(), raw[SCHEMA.indexOf(factor.feature())],
                        factor.contribution()));
            }
        }
        return List.copyOf(factors);
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
}
