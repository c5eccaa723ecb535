package io.lotse.bench;

import io.lotse.engine.attribution.Attribution;
import io.lotse.engine.attribution.AttributionModels;
import io.lotse.engine.attribution.Journey;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Runs every attribution model on a path file and prints each model's conversions and value per channel and the
 * Markov removal effects; the last line of standard output is one JSON object.
 */
public final class AttributionEvaluation {

    static final String USAGE = """
            usage: AttributionEvaluation --paths FILE [--separator ';']
                   AttributionEvaluation --events FILE [--write-paths FILE]

              --paths FILE       CSV with the columns path (channels joined by " > "), total_conversions,
                                 total_conversion_value and total_null, one row per distinct path; .gz allowed
              --separator C      the field separator of the file (default ',')
              --events FILE      instead: journeys from Segment messages, one JSON object per line (a simulated
                                 shop's events.jsonl): campaign touches up to 30 days before each order
              --write-paths FILE with --events: also write the journeys as a path file
              --seed S           seed of the Shapley approximation beyond 15 channels (default 42)
              -h, --help         show this help

            Last line: {"paths":N,"channels":[..],"total_conversions":X,"total_conversion_value":X,
            "total_null":X,"conversion_probability":X,"removal_effects":{..},"shapley_exact":true,
            "models":{"first_touch":{"conversions":{..},"value":{..}},..},"seconds":X}
            Exit codes: 0 success, 2 bad options or input (the message names the file and line), 1 failure.""";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Set<String> NAMES = Set.of("--paths", "--separator", "--events", "--write-paths", "--seed");
    private static final EvaluationCommand<Inputs> COMMAND = new EvaluationCommand<>("attribution", USAGE,
            AttributionEvaluation::parse, inputs -> "the input", AttributionEvaluation::evaluate);

    private AttributionEvaluation() {}

    /**
     * What to evaluate.
     *
     * @param paths      a path file, or null with {@code events}
     * @param events     a file of Segment messages, or null with {@code paths}
     * @param writePaths where to write the journeys read from {@code events} as a path file, or null
     * @param separator  the path file's field separator
     * @param seed       seed of the Shapley approximation
     */
    record Inputs(@Nullable Path paths, @Nullable Path events, @Nullable Path writePaths, char separator,
            long seed) {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        return COMMAND.run(args, out, err);
    }

    static Inputs parse(String... args) {
        CommandLineOptions options = CommandLineOptions.parse(NAMES, args);
        Path paths = path(options, "--paths");
        Path events = path(options, "--events");
        Path writePaths = path(options, "--write-paths");
        char separator = ',';
        String value = options.verbatim("--separator");
        if (value != null) {
            String unquoted = value.equals("\\t") || value.equals("tab") ? "\t" : value;
            if (unquoted.length() != 1) {
                throw new IllegalArgumentException("--separator must be one character, was '" + value + "'");
            }
            separator = unquoted.charAt(0);
        }
        long seed = options.longInteger("--seed", 42);
        if ((paths == null) == (events == null)) {
            throw new IllegalArgumentException("give either --paths FILE or --events FILE");
        }
        if (writePaths != null && events == null) {
            throw new IllegalArgumentException("--write-paths needs --events");
        }
        Path input = paths != null ? paths : events;
        if (!Files.isReadable(input)) {
            throw new IllegalArgumentException("cannot read " + input);
        }
        return new Inputs(paths, events, writePaths, separator, seed);
    }

    private static @Nullable Path path(CommandLineOptions options, String name) {
        String value = options.verbatim(name);
        return value == null ? null : Path.of(value);
    }

    private static ObjectNode evaluate(Inputs inputs, PrintStream err) throws IOException {
        long started = System.nanoTime();
        List<Journey> journeys = inputs.paths() != null ? PathFile.read(inputs.paths(), inputs.separator())
                : EventJourneys.read(inputs.events());
        if (inputs.writePaths() != null) {
            EventJourneys.writePaths(journeys, inputs.writePaths());
            err.println("Paths written to " + inputs.writePaths());
        }
        AttributionModels.Result result = AttributionModels.run(journeys, inputs.seed());
        ObjectNode root = report(journeys, result, (System.nanoTime() - started) / 1e9);
        err.printf(Locale.ROOT, "%d paths, %d channels, %.0f conversions; conversion probability %.4f%n",
                journeys.size(), root.path("channels").size(), root.path("total_conversions").asDouble(),
                result.conversionProbability());
        for (Map.Entry<String, Double> effect : result.removalEffects().entrySet()) {
            err.printf(Locale.ROOT, "  removal effect %-20s %.4f%n", effect.getKey(), effect.getValue());
        }
        return root;
    }

    static ObjectNode report(List<Journey> journeys, AttributionModels.Result result, double seconds) {
        ObjectNode root = NODES.objectNode();
        root.put("paths", journeys.size());
        var channels = root.putArray("channels");
        result.removalEffects().keySet().forEach(channels::add);
        root.put("total_conversions", MixEvaluation.round(journeys.stream().mapToDouble(Journey::conversions).sum()));
        root.put("total_conversion_value", MixEvaluation.round(journeys.stream().mapToDouble(Journey::value).sum()));
        root.put("total_null", MixEvaluation.round(journeys.stream().mapToDouble(Journey::nulls).sum()));
        root.put("conversion_probability", MixEvaluation.round(result.conversionProbability()));
        ObjectNode effects = root.putObject("removal_effects");
        result.removalEffects().forEach((channel, effect) -> effects.put(channel, MixEvaluation.round(effect)));
        root.put("shapley_exact", result.shapleyExact());
        ObjectNode models = root.putObject("models");
        for (Attribution attribution : result.attributions()) {
            ObjectNode model = models.putObject(attribution.model());
            ObjectNode conversions = model.putObject("conversions");
            attribution.conversions().forEach((channel, v) -> conversions.put(channel, MixEvaluation.round(v)));
            ObjectNode value = model.putObject("value");
            attribution.value().forEach((channel, v) -> value.put(channel, MixEvaluation.round(v)));
        }
        root.put("seconds", MixEvaluation.round(seconds));
        return root;
    }
}
