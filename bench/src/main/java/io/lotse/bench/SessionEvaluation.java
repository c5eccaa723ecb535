package io.lotse.bench;

import io.lotse.engine.recommend.DataWindow;
import io.lotse.engine.recommend.Interactions;
import io.lotse.engine.recommend.ItemKnn;
import io.lotse.engine.recommend.Popularity;
import io.lotse.engine.recommend.PersonHistory;
import io.lotse.engine.recommend.RankingMetrics;
import io.lotse.engine.recommend.SessionKnn;
import io.lotse.engine.recommend.TopItems;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Next-item prediction within sessions on a simulated shop ({@code events.jsonl} and the truth
 * {@code truth/next_items.jsonl} of {@code lotse-simulator --out}): product views are cut into sessions per
 * visitor (30 minutes of inactivity), the models learn from the sessions before the test period, and for every
 * view of a test session after the first the models predict it from the views before.
 *
 * <p>Reported per algorithm ({@code popularity}: most viewed; {@code itemknn}: items viewed in the same sessions
 * as the last view, shrunk cosine; {@code vsknn}: V-SKNN over the whole session so far):
 * <ul>
 *   <li>{@code hr@k}, {@code mrr@k} over all test predictions;</li>
 *   <li>{@code true_mass@k}: for the views whose true next-item distribution the simulator recorded, the true
 *   probability that the next view is among the k predicted products (products outside the truth's top list
 *   count 0, so this is a lower bound), averaged. {@code truth} is the same for the true top k itself (at most
 *   the top 20 the simulator records), the best any model can reach; {@code share_of_truth} relates the two.</li>
 * </ul>
 * The last line of standard output is the result as JSON.
 */
public final class SessionEvaluation {

    static final String USAGE = "usage: SessionEvaluation --shop DIR [--test-days N (a third of the days)] [--k 20]";
    static final Set<String> OPTIONS = Set.of("--shop", "--test-days", "--k");
    static final List<String> ALGORITHMS = List.of("popularity", "itemknn", "vsknn");
    private static final Duration SESSION_TIMEOUT = Duration.ofMinutes(30);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private SessionEvaluation() {}

    /**
     * A product view.
     *
     * @param messageId the event's message id
     * @param product   the product id
     * @param at        when
     */
    record View(String messageId, String product, Instant at) {}

    /** One visit's product views, in order. */
    record Session(List<View> views) {
        Instant start() {
            return views.get(0).at();
        }

        Instant end() {
            return views.get(views.size() - 1).at();
        }
    }

    /**
     * The recorded true distribution after one view.
     *
     * @param afterMessageId the view after which it applies
     * @param probabilities  product to probability, the most likely products only, most likely first
     */
    record TruthSample(String afterMessageId, Map<String, Double> probabilities) {}

    public static void main(String[] args) throws IOException {
        CommandLineOptions options = CommandLineOptions.readOrExit(USAGE, () -> {
            CommandLineOptions read = CommandLineOptions.parse(OPTIONS, args);
            read.required("--shop");
            listLength(read);
            return read;
        });
        Path shop = Path.of(options.required("--shop"));
        int k = listLength(options);
        progress("reading product views from " + shop.resolve("events.jsonl"));
        List<Session> sessions = sessions(shop.resolve("events.jsonl"));
        List<TruthSample> truth = truth(shop.resolve("truth").resolve("next_items.jsonl"));
        Instant first = sessions.stream().map(Session::start).min(Comparator.naturalOrder()).orElseThrow();
        Instant last = sessions.stream().map(Session::end).max(Comparator.naturalOrder()).orElseThrow();
        long days = Math.max(3, Duration.between(first, last).toDays() + 1);
        int testDays = options.integer("--test-days", (int) Math.max(1, days / 3), 1, (int) days - 1);
        Instant split = last.minus(Duration.ofDays(testDays));
        progress(String.format(Locale.ROOT, "%d sessions with at least two views, %d truth samples; testing the "
                + "last %d days", sessions.size(), truth.size(), testDays));
        ObjectNode result = evaluate(sessions, truth, split, k);
        System.out.println(result.toString());
    }

    /** The length of the prediction lists. */
    private static int listLength(CommandLineOptions options) {
        return options.integer("--k", 20, 1, 1000);
    }

    /** Product views of the shop cut into sessions; sessions of a single view are left out. */
    static List<Session> sessions(Path events) throws IOException {
        Map<String, List<View>> byVisitor = new HashMap<>();
        try (BufferedReader lines = Files.newBufferedReader(events, StandardCharsets.UTF_8)) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (!line.contains("\"Product Viewed\"")) {
                    continue;
                }
                JsonNode event = JSON.readTree(line);
                if (!"track".equals(event.path("type").asString("")) || !"Product Viewed".equals(
                        event.path("event").asString(""))) {
                    continue;
                }
                String visitor = event.hasNonNull("anonymousId") ? event.path("anonymousId").asString()
                        : event.path("userId").asString("");
                String product = event.path("properties").path("product_id").asString("");
                if (visitor.isEmpty() || product.isEmpty()) {
                    continue;
                }
                byVisitor.computeIfAbsent(visitor, v -> new ArrayList<>()).add(new View(
                        event.path("messageId").asString(), product, Instant.parse(event.path("timestamp").asString())));
            }
        }
        List<Session> sessions = new ArrayList<>();
        for (List<View> views : byVisitor.values()) {
            views.sort(Comparator.comparing(View::at));
            List<View> current = new ArrayList<>();
            for (View view : views) {
                if (!current.isEmpty() && Duration.between(current.get(current.size() - 1).at(), view.at())
                        .compareTo(SESSION_TIMEOUT) > 0) {
                    addIfLong(sessions, current);
                    current = new ArrayList<>();
                }
                current.add(view);
            }
            addIfLong(sessions, current);
        }
        sessions.sort(Comparator.comparing(Session::end).thenComparing(s -> s.views().get(0).messageId()));
        return sessions;
    }

    private static void addIfLong(List<Session> sessions, List<View> views) {
        if (views.size() >= 2) {
            sessions.add(new Session(List.copyOf(views)));
        }
    }

    static List<TruthSample> truth(Path file) throws IOException {
        List<TruthSample> samples = new ArrayList<>();
        if (!Files.exists(file)) {
            return samples;
        }
        try (BufferedReader lines = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode sample = JSON.readTree(line);
                Map<String, Double> probabilities = new LinkedHashMap<>();
                sample.path("distribution").forEach(entry -> probabilities.put(entry.path("product_id").asString(),
                        entry.path("p").asDouble()));
                samples.add(new TruthSample(sample.path("after_message_id").asString(), probabilities));
            }
        }
        return samples;
    }

    /** Trains on the sessions ending before the split and tests on those starting after it. */
    static ObjectNode evaluate(List<Session> sessions, List<TruthSample> truth, Instant split, int k) {
        Map<String, Integer> index = new HashMap<>();
        List<Session> training = sessions.stream().filter(s -> s.end().isBefore(split)).toList();
        List<Session> test = sessions.stream().filter(s -> !s.start().isBefore(split)).toList();
        for (Session session : training) {
            session.views().forEach(v -> index.computeIfAbsent(v.product(), p -> index.size()));
        }
        int items = index.size();
        String[] productIds = new String[items];
        index.forEach((product, item) -> productIds[item] = product);
        List<int[]> trainingItems = new ArrayList<>();
        Interactions.Builder builder = Interactions.builder(training.size(), items);
        for (int s = 0; s < training.size(); s++) {
            int[] ids = training.get(s).views().stream().mapToInt(v -> index.get(v.product())).toArray();
            trainingItems.add(ids);
            for (int id : ids) {
                builder.add(s, id, 1, training.get(s).end().getEpochSecond());
            }
        }
        Interactions bySession = builder.build();
        Instant from = training.isEmpty() ? split : training.get(0).start();
        DataWindow window = DataWindow.of(bySession, from, split);
        int[] noCategories = new int[items];
        Arrays.fill(noCategories, -1);
        Map<String, Duration> trainingTime = new LinkedHashMap<>();
        Popularity popularity = Popularity.train(bySession, noCategories, 0, Popularity.Parameters.defaults(), window);
        trainingTime.put("popularity", popularity.provenance().trainingTime());
        ItemKnn itemKnn = ItemKnn.train(bySession, ItemKnn.Parameters.defaults(), window);
        trainingTime.put("itemknn", itemKnn.provenance().trainingTime());
        SessionKnn vsknn = SessionKnn.train(trainingItems, items, SessionKnn.Parameters.defaults(),
                new DataWindow(from, split, 0, items, trainingItems.size()));
        trainingTime.put("vsknn", vsknn.provenance().trainingTime());

        Map<String, TruthSample> truthByView = new HashMap<>();
        truth.forEach(sample -> truthByView.put(sample.afterMessageId(), sample));
        Map<String, double[]> totals = new LinkedHashMap<>();
        ALGORITHMS.forEach(a -> totals.put(a, new double[3]));
        double truthMass = 0;
        double truthHits = 0;
        double truthReciprocal = 0;
        int predictions = 0;
        int samples = 0;
        double[] scores = new double[items];
        for (Session session : test) {
            List<View> views = session.views();
            for (int position = 1; position < views.size(); position++) {
                int[] prefix = views.subList(0, position).stream().map(v -> index.get(v.product()))
                        .filter(java.util.Objects::nonNull).mapToInt(Integer::intValue).toArray();
                Integer next = index.get(views.get(position).product());
                TruthSample sample = truthByView.get(views.get(position - 1).messageId());
                predictions++;
                if (sample != null) {
                    samples++;
                    List<String> trueRanking = new ArrayList<>(sample.probabilities().keySet());
                    for (int r = 0; r < Math.min(k, trueRanking.size()); r++) {
                        truthMass += sample.probabilities().get(trueRanking.get(r));
                    }
                    int rank = trueRanking.indexOf(views.get(position).product());
                    if (rank >= 0 && rank < k) {
                        truthHits++;
                        truthReciprocal += 1.0 / (rank + 1);
                    }
                }
                for (String algorithm : ALGORITHMS) {
                    switch (algorithm) {
                        case "popularity" -> popularity.score(PersonHistory.empty(0), scores);
                        case "itemknn" -> {
                            if (prefix.length == 0) {
                                Arrays.fill(scores, 0);
                            } else {
                                itemKnn.similarTo(prefix[prefix.length - 1], scores);
                            }
                        }
                        default -> vsknn.score(prefix, scores);
                    }
                    int[] ranking = TopItems.top(scores, k);
                    double[] total = totals.get(algorithm);
                    if (next != null) {
                        total[0] += RankingMetrics.hitRate(ranking, Set.of(next), k);
                        total[1] += RankingMetrics.reciprocalRank(ranking, next, k);
                    }
                    if (sample != null) {
                        for (int item : ranking) {
                            total[2] += sample.probabilities().getOrDefault(productIds[item], 0.0);
                        }
                    }
                }
            }
        }
        ObjectNode result = JSON.createObjectNode();
        result.put("k", k);
        result.put("training_sessions", training.size());
        result.put("test_sessions", test.size());
        result.put("predictions", predictions);
        result.put("truth_samples", samples);
        double oracle = samples == 0 ? 0 : truthMass / samples;
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT, "%n%d training sessions, %d test "
                        + "sessions, %d predictions, %d with the true distribution%n%-11s %8s %8s %12s %9s%n",
                training.size(), test.size(), predictions, samples, "algorithm", "HR@" + k, "MRR@" + k,
                "true mass@" + k, "training"));
        for (String algorithm : ALGORITHMS) {
            double[] total = totals.get(algorithm);
            ObjectNode node = result.putObject(algorithm);
            double hr = total[0] / Math.max(1, predictions);
            double mrr = total[1] / Math.max(1, predictions);
            double mass = samples == 0 ? 0 : total[2] / samples;
            node.put("hr@" + k, round(hr));
            node.put("mrr@" + k, round(mrr));
            node.put("true_mass@" + k, round(mass));
            node.put("share_of_truth", round(oracle == 0 ? 0 : mass / oracle));
            node.put("training_seconds", trainingTime.get(algorithm).toMillis() / 1000.0);
            table.append(String.format(Locale.ROOT, "%-11s %8.4f %8.4f %12.4f %8.2fs%n", algorithm, hr, mrr, mass,
                    trainingTime.get(algorithm).toMillis() / 1000.0));
        }
        ObjectNode oracleNode = result.putObject("truth");
        oracleNode.put("hr@" + k, round(samples == 0 ? 0 : truthHits / samples));
        oracleNode.put("mrr@" + k, round(samples == 0 ? 0 : truthReciprocal / samples));
        oracleNode.put("true_mass@" + k, round(oracle));
        table.append(String.format(Locale.ROOT, "%-11s %8.4f %8.4f %12.4f   (on the %d samples only)%n", "truth",
                samples == 0 ? 0 : truthHits / samples, samples == 0 ? 0 : truthReciprocal / samples, oracle,
                samples));
        System.err.print(table);
        return result;
    }

    private static double round(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }

    private static void progress(String message) {
        System.err.println(message);
    }
}
