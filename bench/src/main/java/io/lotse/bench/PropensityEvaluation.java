package io.lotse.bench;

import io.lotse.engine.propensity.ClassificationMetrics;
import io.lotse.engine.propensity.CustomerHistory;
import io.lotse.engine.propensity.DataWindow;
import io.lotse.engine.propensity.Explanation;
import io.lotse.engine.propensity.ExtraFeature;
import io.lotse.engine.propensity.FeatureBuilder;
import io.lotse.engine.propensity.FeatureGroup;
import io.lotse.engine.propensity.FeatureSchema;
import io.lotse.engine.propensity.FeatureVector;
import io.lotse.engine.propensity.LogisticModel;
import io.lotse.engine.propensity.LogisticParameters;
import io.lotse.engine.propensity.LogisticRegression;
import io.lotse.engine.propensity.ModelMetrics;
import io.lotse.engine.propensity.Order;
import io.lotse.engine.propensity.PropensityModel;
import io.lotse.engine.propensity.PropensitySettings;
import io.lotse.engine.propensity.PropensityTrainer;
import io.lotse.engine.propensity.PurchaseModelFeatures;
import io.lotse.engine.propensity.StratifiedFolds;
import io.lotse.engine.propensity.TrainingData;
import io.lotse.engine.propensity.TreeEnsemble;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.ToDoubleFunction;
import java.util.stream.IntStream;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Evaluates purchase propensity on a transaction file: every customer with an order before the cutoff is scored on
 * whether they order in {@code [cutoff, cutoff + horizon)}, in stratified k-fold cross-validation over customers.
 *
 * <p>Models: {@code lotse} (the propensity trainer with its defaults on all order features and a BG/NBD's
 * P(alive) and expected purchases in the horizon, the BG/NBD fitted on the training folds' orders before the cutoff:
 * boosted trees, Platt-calibrated on out-of-fold scores), {@code logistic_rfm} (logistic regression, λ = 1, on log recency, log
 * frequency, log monetary total and log tenure) and {@code recency_only} (logistic regression on log recency).
 * Each is trained on k−1 folds and measured on the held-out fold; figures are means over the folds.
 *
 * <p>Last line of output: {@code {"customers": N, "positives": N, "horizon_days": D, "cutoff": "YYYY-MM-DD",
 * "folds": K, "seed": S, "models": {"lotse": {"auc", "auc_std", "lift_top_decile", "calibration_error", "brier"},
 * "logistic_rfm": {...}, "recency_only": {...}}, "auc_gain_vs_logistic_rfm": X, "training_ms": N}}; human details
 * go to standard error.
 */
public final class PropensityEvaluation {

    static final String USAGE = """
            usage: PropensityEvaluation --transactions FILE --format online-retail|csv --cutoff YYYY-MM-DD
                                        --horizon DAYS [--folds 5] [--seed 42]
                                        [--customer-col C --date-col D --amount-col A [--order-col O]]  (csv)""";

    /** The baseline's features: logs of recency, frequency, monetary total and tenure. */
    static final List<String> RFM = List.of("log_recency", "log_frequency", "log_monetary", "log_tenure");

    private static final Set<String> OPTIONS = Set.of("--transactions", "--format", "--cutoff", "--horizon",
            "--folds", "--seed", "--customer-col", "--date-col", "--amount-col", "--order-col");

    private PropensityEvaluation() {}

    public static void main(String[] args) throws IOException {
        CommandLineOptions options = CommandLineOptions.readOrExit(USAGE, () -> parse(args));
        try {
            System.out.println(JsonMapper.builder().build().writeValueAsString(run(options)));
        } catch (IllegalArgumentException e) {
            System.err.println("propensity evaluation: " + e.getMessage());
            System.exit(1);
        }
    }

    /** Reads {@code --name value} or {@code --name=value} pairs; a clear IllegalArgumentException for bad ones. */
    static CommandLineOptions parse(String... args) {
        return CommandLineOptions.parse(OPTIONS, args);
    }

    static ObjectNode run(CommandLineOptions options) throws IOException {
        Path file = Path.of(options.required("--transactions"));
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException("cannot read " + file);
        }
        OrderFile.Format format = OrderFile.Format.of(options.required("--format"));
        LocalDate cutoffDate = options.date("--cutoff");
        options.required("--horizon");
        int horizon = options.integer("--horizon", 0, 1, Integer.MAX_VALUE);
        int folds = options.integer("--folds", 5, 1, Integer.MAX_VALUE);
        long seed = options.longInteger("--seed", 42);
        OrderFile.Columns columns = format == OrderFile.Format.CSV
                ? new OrderFile.Columns(options.required("--customer-col"), options.required("--date-col"),
                        options.required("--amount-col"), options.optional("--order-col"))
                : new OrderFile.Columns("CustomerID", "InvoiceDate", "UnitPrice", "InvoiceNo");

        OrderFile.Result read = OrderFile.read(file, format, columns);
        progress(String.format(Locale.ROOT, "read %,d rows: %,d customers with orders; skipped %s", read.rows(),
                read.orders().size(), read.skipped()));
        DataWindow window = new DataWindow(cutoffDate.atStartOfDay().toInstant(ZoneOffset.UTC), horizon, "purchase");
        Cohort cohort = Cohort.of(read.orders(), window);
        progress(String.format(Locale.ROOT, "%,d customers ordered before %s; %,d (%.1f%%) of them ordered within "
                        + "%d days after", cohort.data.size(), cutoffDate, cohort.data.positives(),
                100.0 * cohort.data.positives() / cohort.data.size(), horizon));

        PropensitySettings settings = PropensitySettings.defaults(seed);
        int[] foldOf = StratifiedFolds.assign(cohort.data.labels(), folds, seed);
        Map<String, BiFunction<int[], int[], double[]>> models = new LinkedHashMap<>();
        long[] lotseNanos = {0};
        models.put("lotse", (train, test) -> {
            long started = System.nanoTime();
            TrainingData features = cohort.lotseData(train);
            PropensityModel model = new PropensityTrainer(settings).train(features.subset(train), window);
            lotseNanos[0] += System.nanoTime() - started;
            return model.probabilities(features.subset(test));
        });
        models.put("logistic_rfm", (train, test) -> logistic(cohort.data.subset(train), cohort.data.subset(test), RFM));
        models.put("recency_only", (train, test) -> logistic(cohort.data.subset(train), cohort.data.subset(test),
                List.of("log_recency")));

        Map<String, List<ModelMetrics>> perFold = new LinkedHashMap<>();
        models.keySet().forEach(name -> perFold.put(name, new ArrayList<>()));
        for (int fold = 0; fold < folds; fold++) {
            int[] train = StratifiedFolds.rows(foldOf, fold, false);
            int[] test = StratifiedFolds.rows(foldOf, fold, true);
            double[] testLabels = cohort.data.subset(test).labels();
            StringBuilder line = new StringBuilder("fold " + (fold + 1) + "/" + folds + ":");
            for (var model : models.entrySet()) {
                ModelMetrics metrics = ClassificationMetrics.of(model.getValue().apply(train, test), testLabels);
                perFold.get(model.getKey()).add(metrics);
                line.append(String.format(Locale.ROOT, " %s AUC %.4f", model.getKey(), metrics.auc()));
            }
            progress(line.toString());
        }

        ObjectNode result = JsonMapper.builder().build().createObjectNode();
        result.put("customers", cohort.data.size());
        result.put("positives", cohort.data.positives());
        result.put("horizon_days", horizon);
        result.put("cutoff", cutoffDate.toString());
        result.put("folds", folds);
        result.put("seed", seed);
        ObjectNode summary = result.putObject("models");
        Map<String, Double> meanAuc = new HashMap<>();
        for (var entry : perFold.entrySet()) {
            List<ModelMetrics> metrics = entry.getValue();
            double auc = mean(metrics, ModelMetrics::auc);
            meanAuc.put(entry.getKey(), auc);
            ObjectNode node = summary.putObject(entry.getKey());
            node.put("auc", round(auc));
            node.put("auc_std", round(deviation(metrics, auc)));
            node.put("lift_top_decile", round(mean(metrics, ModelMetrics::liftTopDecile)));
            node.put("calibration_error", round(mean(metrics, ModelMetrics::calibrationError)));
            node.put("brier", round(mean(metrics, ModelMetrics::brier)));
            progress(String.format(Locale.ROOT, "%-13s AUC %.4f ± %.4f, lift top decile %.3f, ECE %.4f, Brier %.4f",
                    entry.getKey(), auc, deviation(metrics, auc), mean(metrics, ModelMetrics::liftTopDecile),
                    mean(metrics, ModelMetrics::calibrationError), mean(metrics, ModelMetrics::brier)));
        }
        result.put("auc_gain_vs_logistic_rfm", round(meanAuc.get("lotse") - meanAuc.get("logistic_rfm")));
        progress(pairedGain(perFold.get("lotse"), perFold.get("logistic_rfm")));
        result.put("training_ms", lotseNanos[0] / 1_000_000);
        describeFullModel(cohort, settings, window);
        return result;
    }

    /** Trains on every customer and shows what the model uses and one person's explanation. */
    private static void describeFullModel(Cohort cohort, PropensitySettings settings, DataWindow window) {
        int[] everyone = IntStream.range(0, cohort.data.size()).toArray();
        TrainingData features = cohort.lotseData(everyone);
        PropensityModel model = new PropensityTrainer(settings).train(features, window);
        var provenance = model.provenance();
        progress(String.format(Locale.ROOT, "model on all %,d customers: %s, %d trees, cross-validated AUC %.4f, "
                        + "ECE %.4f", provenance.trainingSize(), provenance.algorithm(), provenance.trees(),
                provenance.crossValidated().auc(), provenance.crossValidated().calibrationError()));
        if (model.scorer() instanceof TreeEnsemble trees) {
            double[] importance = trees.gainImportance();
            double total = 0;
            for (double gain : importance) {
                total += gain;
            }
            List<Integer> order = new ArrayList<>();
            for (int j = 0; j < importance.length; j++) {
                order.add(j);
            }
            order.sort((a, b) -> Double.compare(importance[b], importance[a]));
            StringBuilder line = new StringBuilder("gain importance:");
            for (int k = 0; k < Math.min(8, order.size()); k++) {
                int j = order.get(k);
                line.append(String.format(Locale.ROOT, " %s %.1f%%", model.schema().name(j),
                        100 * importance[j] / total));
            }
            progress(line.toString());
        }
        FeatureVector first = new FeatureVector(features.schema(), features.row(0));
        Explanation explanation = model.explain(first, 3);
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "customer %s: p = %.3f (bias %.3f)",
                cohort.customers.get(0), explanation.probability(), explanation.bias()));
        for (Explanation.Factor factor : explanation.topFactors()) {
            line.append(String.format(Locale.ROOT, "; %s = %.2f: %+.3f", factor.feature(), factor.value(),
                    factor.contribution()));
        }
        progress(line.toString());
    }

    private static double[] logistic(TrainingData train, TrainingData test, List<String> features) {
        FeatureSchema schema = train.schema().select(features);
        LogisticModel model = LogisticRegression.fit(train.select(schema), LogisticParameters.defaults());
        TrainingData own = test.select(schema);
        double[] probabilities = new double[own.size()];
        for (int i = 0; i < probabilities.length; i++) {
            probabilities[i] = 1 / (1 + Math.exp(-model.logOdds(own.row(i))));
        }
        return probabilities;
    }

    /** The customers with an order before the cutoff, their features and whether they ordered in the window. */
    static final class Cohort {
        final List<String> customers;
        final List<FeatureVector> vectors;
        /** Lotse's order features and the baseline's. */
        final TrainingData data;
        /** Lotse's order features, without the BG/NBD's. */
        final FeatureSchema lotseSchema;
        private final Map<String, List<Order>> orders;
        private final DataWindow window;

        private Cohort(List<String> customers, List<FeatureVector> vectors, TrainingData data,
                       FeatureSchema lotseSchema, Map<String, List<Order>> orders, DataWindow window) {
            this.customers = customers;
            this.vectors = vectors;
            this.data = data;
            this.lotseSchema = lotseSchema;
            this.orders = orders;
            this.window = window;
        }

        static Cohort of(Map<String, List<Order>> ordersByCustomer, DataWindow window) {
            boolean categories = ordersByCustomer.values().stream().flatMap(List::stream)
                    .flatMap(order -> order.lines().stream()).anyMatch(line -> line.category() != null);
            FeatureBuilder builder = FeatureBuilder.of(
                    categories ? EnumSet.of(FeatureGroup.CATEGORIES) : EnumSet.noneOf(FeatureGroup.class), List.of());
            FeatureSchema schema = builder.schema().plus(RFM);
            List<String> customers = new ArrayList<>();
            List<FeatureVector> vectors = new ArrayList<>();
            List<Boolean> outcomes = new ArrayList<>();
            for (var entry : ordersByCustomer.entrySet()) {
                List<Order> orders = entry.getValue();
                if (orders.stream().noneMatch(order -> order.at().isBefore(window.cutoff()))) {
                    continue;
                }
                FeatureVector features = builder.build(CustomerHistory.ofOrders(orders), window.cutoff());
                customers.add(entry.getKey());
                vectors.add(withRfm(features, schema));
                outcomes.add(window.happened(orders.stream().map(Order::at).toList()));
            }
            if (customers.isEmpty()) {
                throw new IllegalArgumentException("no customer ordered before " + window.cutoff());
            }
            return new Cohort(customers, vectors, TrainingData.of(vectors, outcomes), builder.schema(),
                    ordersByCustomer, window);
        }

        /**
         * Every customer's input to Lotse's model: the order features followed by the BG/NBD's, the BG/NBD
         * fitted on the pre-cutoff orders of the customers at {@code fitRows} (the training folds).
         */
        TrainingData lotseData(int[] fitRows) {
            List<String> fitOn = Arrays.stream(fitRows).mapToObj(customers::get).toList();
            PurchaseModelFeatures purchases = PurchaseModelFeatures.fit(orders, window, fitOn);
            FeatureSchema schema = lotseSchema.plus(PurchaseModelFeatures.NAMES);
            double[][] rows = new double[customers.size()][];
            for (int i = 0; i < rows.length; i++) {
                double[] values = Arrays.copyOf(vectors.get(i).select(lotseSchema).values(), schema.size());
                int next = lotseSchema.size();
                for (ExtraFeature extra : purchases.of(customers.get(i))) {
                    values[next++] = extra.value();
                }
                rows[i] = values;
            }
            return new TrainingData(schema, rows, data.labels());
        }

        /** Appends the baseline's features, derived from Lotse's (days of recency and tenure floored at 1). */
        private static FeatureVector withRfm(FeatureVector features, FeatureSchema schema) {
            double[] own = features.values();
            double[] values = Arrays.copyOf(own, schema.size());
            double recencyDays = Math.expm1(features.value(FeatureBuilder.RECENCY));
            int next = own.length;
            values[next++] = Math.log(Math.max(1, recencyDays));
            values[next++] = Math.log(features.value(FeatureBuilder.FREQUENCY));
            values[next++] = features.value(FeatureBuilder.MONETARY_TOTAL);
            values[next] = Math.log(Math.max(1, features.value(FeatureBuilder.TENURE)));
            return new FeatureVector(schema, values);
        }
    }

    /** The AUC gain fold by fold: both models were measured on the same customers, so the gain varies less. */
    private static String pairedGain(List<ModelMetrics> lotse, List<ModelMetrics> baseline) {
        double[] gains = new double[lotse.size()];
        StringBuilder line = new StringBuilder("AUC gain over logistic_rfm per fold:");
        int wins = 0;
        for (int k = 0; k < gains.length; k++) {
            gains[k] = lotse.get(k).auc() - baseline.get(k).auc();
            wins += gains[k] > 0 ? 1 : 0;
            line.append(String.format(Locale.ROOT, " %+.4f", gains[k]));
        }
        double mean = Arrays.stream(gains).average().orElseThrow();
        double squares = Arrays.stream(gains).map(g -> (g - mean) * (g - mean)).sum();
        double standardError = Math.sqrt(squares / Math.max(1, gains.length - 1) / gains.length);
        return line.append(String.format(Locale.ROOT, "; mean %+.4f, standard error %.4f, better in %d of %d folds",
                mean, standardError, wins, gains.length)).toString();
    }

    private static double mean(List<ModelMetrics> metrics, ToDoubleFunction<ModelMetrics> of) {
        return metrics.stream().mapToDouble(of).average().orElseThrow();
    }

    private static double deviation(List<ModelMetrics> metrics, double mean) {
        double squares = metrics.stream().mapToDouble(m -> (m.auc() - mean) * (m.auc() - mean)).sum();
        return Math.sqrt(squares / Math.max(1, metrics.size() - 1));
    }

    private static double round(double value) {
        return BigDecimal.valueOf(value).setScale(4, RoundingMode.HALF_EVEN).doubleValue();
    }

    private static void progress(String line) {
        System.err.println(line);
    }
}
