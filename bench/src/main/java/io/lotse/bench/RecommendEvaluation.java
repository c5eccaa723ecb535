package io.lotse.bench;

import io.lotse.engine.recommend.DataWindow;
import io.lotse.engine.recommend.Ease;
import io.lotse.engine.recommend.HistoryScorer;
import io.lotse.engine.recommend.ImplicitAls;
import io.lotse.engine.recommend.Interactions;
import io.lotse.engine.recommend.ItemFacts;
import io.lotse.engine.recommend.ItemKnn;
import io.lotse.engine.recommend.PersonHistory;
import io.lotse.engine.recommend.PlacementRules;
import io.lotse.engine.recommend.Popularity;
import io.lotse.engine.recommend.RankingMetrics;
import io.lotse.engine.recommend.Recommendation;
import io.lotse.engine.recommend.Recommender;
import io.lotse.engine.recommend.RepeatPurchase;
import io.lotse.engine.recommend.Signal;
import io.lotse.engine.recommend.TopItems;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Offline evaluation of the purchase-history recommenders on a transaction file: train on the purchases before
 * a split date, then for every customer present in training compare the top k with the products they bought
 * after it (among the products that exist in training), once over all bought products and once over new products
 * only (already bought products neither count nor are recommended).
 *
 * <p>Prints a table with HR@k, NDCG@k and recall@k and the training time of each algorithm to standard error,
 * and the same as one JSON line, the last line of standard output.
 */
public final class RecommendEvaluation {

    static final String USAGE = """
            usage: RecommendEvaluation --transactions FILE [--format online-retail] [--split-date 2011-10-01] [--k 10]""";

    static final Set<String> OPTIONS = Set.of("--transactions", "--format", "--split-date", "--k");

    /** The algorithms in the order they are reported. */
    static final List<String> ALGORITHMS = List.of("popularity", "repeat", "itemknn", "ease", "ials", "lotse");

    /**
     * The blend evaluated as {@code lotse}: repeat purchase, EASE and implicit ALS, scores scaled to [0, 1] per
     * person. The weights were chosen on a validation split inside the training data (train before 2011-09-01,
     * test September 2011); see docs/recommendations.md.
     */
    static final Map<Signal, Double> BLEND = Map.of(Signal.REPEAT, 3.0, Signal.EASE, 1.0, Signal.ALS, 0.3);

    private RecommendEvaluation() {}

    public static void main(String[] args) throws Exception {
        CommandLineOptions options = CommandLineOptions.readOrExit(USAGE, () -> {
            CommandLineOptions read = CommandLineOptions.parse(OPTIONS, args);
            String format = read.text("--format", "online-retail");
            if (!format.equals("online-retail")) {
                throw new IllegalArgumentException("option --format must be online-retail, was " + format);
            }
            return read;
        });
        Path file = Path.of(options.required("--transactions"));
        LocalDate splitDate = options.optional("--split-date") == null ? LocalDate.parse("2011-10-01")
                : options.date("--split-date");
        int k = options.integer("--k", 10, 1, 1000);
        progress("reading " + file);
        RetailPurchases.Result read = RetailPurchases.read(file);
        progress(String.format(Locale.ROOT, "%,d rows: %,d purchase lines kept; dropped %,d without customer, "
                        + "%,d cancellations, %,d without positive quantity, %,d non-product codes", read.rows(),
                read.lines().size(), read.withoutCustomer(), read.cancelled(), read.notPositive(), read.nonProduct()));
        Report report = evaluate(read.lines(), splitDate.atStartOfDay(ZoneOffset.UTC).toInstant(), k,
                RecommendEvaluation::progress);
        System.err.print(report.table());
        System.out.println(report.json(splitDate));
    }

    /**
     * Results of one evaluation.
     *
     * @param customers     customers in training
     * @param products      products in training
     * @param testAll       customers evaluated over all products
     * @param testNew       customers evaluated over new products
     * @param all           per algorithm, metric name to value, over all products
     * @param fresh         the same over new products only
     * @param trainingTime  per algorithm
     */
    record Report(int k, int customers, int products, int testAll, int testNew, Map<String, Map<String, Double>> all,
                  Map<String, Map<String, Double>> fresh, Map<String, Duration> trainingTime) {

        String table() {
            StringBuilder out = new StringBuilder();
            out.append(String.format(Locale.ROOT, "%n%d customers, %d products in training; %d customers tested "
                    + "over all products, %d over new products%n", customers, products, testAll, testNew));
            out.append(String.format(Locale.ROOT, "%-11s %8s %8s %9s   %8s %8s %9s   %9s%n", "algorithm",
                    "HR@" + k, "NDCG@" + k, "recall@" + k, "HR new", "NDCG new", "recall new", "training"));
            for (String algorithm : ALGORITHMS) {
                Map<String, Double> a = all.get(algorithm);
                Map<String, Double> n = fresh.get(algorithm);
                out.append(String.format(Locale.ROOT, "%-11s %8.4f %8.4f %9.4f   %8.4f %8.4f %9.4f   %8.2fs%n",
                        algorithm, a.get("hr"), a.get("ndcg"), a.get("recall"), n.get("hr"), n.get("ndcg"),
                        n.get("recall"), trainingTime.get(algorithm).toMillis() / 1000.0));
            }
            return out.toString();
        }

        String json(LocalDate splitDate) {
            JsonMapper json = JsonMapper.builder().build();
            ObjectNode root = json.createObjectNode();
            root.put("split_date", splitDate.toString());
            root.put("k", k);
            root.put("customers", customers);
            root.put("products", products);
            root.put("test_customers_all", testAll);
            root.put("test_customers_new", testNew);
            for (String set : List.of("all", "new")) {
                ObjectNode node = root.putObject(set);
                Map<String, Map<String, Double>> results = set.equals("all") ? all : fresh;
                for (String algorithm : ALGORITHMS) {
                    ObjectNode metrics = node.putObject(algorithm);
                    for (String metric : List.of("hr", "ndcg", "recall")) {
                        metrics.put(metric + "@" + k, round(results.get(algorithm).get(metric)));
                    }
                }
            }
            ObjectNode seconds = root.putObject("training_seconds");
            for (String algorithm : ALGORITHMS) {
                seconds.put(algorithm, trainingTime.get(algorithm).toMillis() / 1000.0);
            }
            return root.toString();
        }

        private static double round(double value) {
            return Math.round(value * 10_000) / 10_000.0;
        }
    }

    /** The training data and the test purchases of one split. */
    record Split(Interactions train, Map<Integer, Set<Integer>> testAll, Map<Integer, Set<Integer>> testNew,
                 Instant from, Instant to) {}

    static Split split(List<RetailPurchases.Line> lines, Instant split) {
        Map<String, Integer> customers = new HashMap<>();
        Map<String, Integer> products = new HashMap<>();
        Instant first = split;
        Set<String> seenOrderLines = new HashSet<>();
        List<int[]> pairs = new ArrayList<>();
        List<Long> times = new ArrayList<>();
        for (RetailPurchases.Line line : lines) {
            if (!line.at().isBefore(split)) {
                continue;
            }
            if (line.at().isBefore(first)) {
                first = line.at();
            }
            int customer = customers.computeIfAbsent(line.customer(), c -> customers.size());
            int product = products.computeIfAbsent(line.product(), p -> products.size());
            // One count per order holding the product, however many lines it fills.
            if (seenOrderLines.add(line.customer() + '\u0000' + line.product() + '\u0000' + line.invoice())) {
                pairs.add(new int[] {customer, product});
                times.add(line.at().getEpochSecond());
            }
        }
        Interactions.Builder builder = Interactions.builder(customers.size(), products.size());
        for (int i = 0; i < pairs.size(); i++) {
            builder.add(pairs.get(i)[0], pairs.get(i)[1], 1, times.get(i));
        }
        Interactions train = builder.build();
        Map<Integer, Set<Integer>> testAll = new TreeMap<>();
        for (RetailPurchases.Line line : lines) {
            if (line.at().isBefore(split)) {
                continue;
            }
            Integer customer = customers.get(line.customer());
            Integer product = products.get(line.product());
            if (customer != null && product != null) {
                testAll.computeIfAbsent(customer, c -> new HashSet<>()).add(product);
            }
        }
        Map<Integer, Set<Integer>> testNew = new TreeMap<>();
        testAll.forEach((customer, bought) -> {
            Set<Integer> fresh = new HashSet<>();
            for (int product : bought) {
                if (!train.contains(customer, product)) {
                    fresh.add(product);
                }
            }
            if (!fresh.isEmpty()) {
                testNew.put(customer, fresh);
            }
        });
        return new Split(train, testAll, testNew, first, split);
    }

    static Report evaluate(List<RetailPurchases.Line> lines, Instant splitAt, int k,
                           java.util.function.Consumer<String> progress) {
        Split split = split(lines, splitAt);
        Interactions train = split.train();
        DataWindow window = DataWindow.of(train, split.from(), split.to());
        long asOf = splitAt.getEpochSecond();
        int items = train.items();
        Map<String, Duration> trainingTime = new LinkedHashMap<>();
        Map<String, HistoryScorer> models = new LinkedHashMap<>();
        int[] noCategories = new int[items];
        java.util.Arrays.fill(noCategories, -1);
        progress.accept("training popularity");
        Popularity popularity = Popularity.train(train, noCategories, 0, Popularity.Parameters.defaults(), window);
        models.put("popularity", popularity);
        progress.accept("training repeat purchase");
        models.put("repeat", RepeatPurchase.train(train, RepeatPurchase.Parameters.defaults(), window));
        progress.accept("training item-kNN");
        models.put("itemknn", ItemKnn.train(train, ItemKnn.Parameters.defaults(), window));
        progress.accept("training EASE on " + items + " products");
        models.put("ease", Ease.train(train, Ease.Parameters.defaults(), window));
        progress.accept("training implicit ALS");
        models.put("ials", ImplicitAls.train(train, ImplicitAls.Parameters.defaults(), window));
        models.forEach((name, model) -> trainingTime.put(name, model.provenance().trainingTime()));
        // The blend uses repeat purchase, EASE and ALS, and popularity to fill up short lists.
        trainingTime.put("lotse", List.of("popularity", "repeat", "ease", "ials").stream().map(trainingTime::get)
                .reduce(Duration.ZERO, Duration::plus));

        Recommender blend = new Recommender(new Recommender.Models(ItemFacts.allAvailable(noCategories, 0),
                popularity, models.get("ease"), models.get("ials"), models.get("itemknn"),
                (RepeatPurchase) models.get("repeat"), null, null));
        Map<String, Map<String, Double>> all = new LinkedHashMap<>();
        Map<String, Map<String, Double>> fresh = new LinkedHashMap<>();
        for (String algorithm : ALGORITHMS) {
            progress.accept("evaluating " + algorithm);
            for (boolean onlyNew : new boolean[] {false, true}) {
                Map<Integer, Set<Integer>> test = onlyNew ? split.testNew() : split.testAll();
                PlacementRules rules = PlacementRules.weighted(BLEND).withAlreadyBought(onlyNew
                        ? PlacementRules.AlreadyBought.EXCLUDE : PlacementRules.AlreadyBought.ALLOW);
                HistoryScorer model = models.get(algorithm);
                Function<PersonHistory, int[]> ranker = algorithm.equals("lotse")
                        ? history -> blend.recommend(new Recommender.Query(history, new int[0], new int[0], true,
                                rules, k)).stream().mapToInt(Recommendation::item).toArray()
                        : history -> {
                            double[] scores = new double[items];
                            model.score(history, scores);
                            Set<Integer> bought = new HashSet<>();
                            for (int item : history.items()) {
                                bought.add(item);
                            }
                            return TopItems.top(scores, k, item -> onlyNew && bought.contains(item),
                                    Double.NEGATIVE_INFINITY);
                        };
                (onlyNew ? fresh : all).put(algorithm, measure(train, test, asOf, k, ranker));
            }
        }
        return new Report(k, train.people(), items, split.testAll().size(), split.testNew().size(), all, fresh,
                trainingTime);
    }

    private static Map<String, Double> measure(Interactions train, Map<Integer, Set<Integer>> test, long asOf, int k,
                                               Function<PersonHistory, int[]> ranker) {
        double hr = 0;
        double ndcg = 0;
        double recall = 0;
        for (Map.Entry<Integer, Set<Integer>> entry : test.entrySet()) {
            int[] ranking = ranker.apply(train.history(entry.getKey(), asOf));
            hr += RankingMetrics.hitRate(ranking, entry.getValue(), k);
            ndcg += RankingMetrics.ndcg(ranking, entry.getValue(), k);
            recall += RankingMetrics.recall(ranking, entry.getValue(), k);
        }
        int n = Math.max(1, test.size());
        return Map.of("hr", hr / n, "ndcg", ndcg / n, "recall", recall / n);
    }

    private static void progress(String message) {
        System.err.println(message);
    }
}
