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
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Runs every attribution model on a path file and prints each model's conversions and value per channel and the
 * Markov removal effects; the last line of standard output is one JSON object.
 */
public final class AttributionEvaluation {

    static final String USAGE = """
            usage: AttributionEvaluation --paths FILE [--separator ';']

              --paths FILE       CSV with the columns path (channels joined by " > "), total_conversions,
                                 total_conversion_value and total_null, one row per distinct path; .gz allowed
              --separator C      the field separator of the file (default ',')
              --seed S           seed of the Shapley approximation beyond 15 channels (default 42)
              -h, --help         show this help

            Last line: {"paths":N,"channels":[..],"total_conversions":X,"total_conversion_value":X,
            "total_null":X,"conversion_probability":X,"removal_effects":{..},"shapley_exact":true,
            "models":{"first_touch":{"conversions":{..},"value":{..}},..},"seconds":X}
            Exit codes: 0 success, 2 bad options or input (the message names the file and line), 1 failure.""";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private AttributionEvaluation() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        Path paths = null;
        char separator = ',';
        long seed = 42;
        try {
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                if (arg.equals("-h") || arg.equals("--help")) {
                    out.println(USAGE);
                    return 0;
                }
                String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
                String value;
                if (arg.contains("=")) {
                    value = arg.substring(arg.indexOf('=') + 1);
                } else if (i + 1 < args.length) {
                    value = args[++i];
                } else {
                    throw new IllegalArgumentException("option " + arg + " needs a value");
                }
                switch (name) {
                    case "--paths" -> paths = Path.of(value);
                    case "--separator" -> {
                        String unquoted = value.equals("\\t") || value.equals("tab") ? "\t" : value;
                        if (unquoted.length() != 1) {
                            throw new IllegalArgumentException("--separator must be one character, was '" + value
                                    + "'");
                        }
                        separator = unquoted.charAt(0);
                    }
                    case "--seed" -> seed = Long.parseLong(value);
                    default -> throw new IllegalArgumentException("unknown option " + name);
                }
            }
            if (paths == null) {
                throw new IllegalArgumentException("--paths FILE is required");
            }
            if (!Files.isReadable(paths)) {
                throw new IllegalArgumentException("cannot read " + paths);
            }
        } catch (NumberFormatException e) {
            err.println("attribution: --seed must be a whole number");
            return 2;
        } catch (IllegalArgumentException e) {
            err.println("attribution: " + e.getMessage());
            err.println("Run with --help for the options.");
            return 2;
        }
        try {
            long started = System.nanoTime();
            List<Journey> journeys = PathFile.read(paths, separator);
            AttributionModels.Result result = AttributionModels.run(journeys, seed);
            ObjectNode root = report(journeys, result, (System.nanoTime() - started) / 1e9);
            err.printf(Locale.ROOT, "%d paths, %d channels, %.0f conversions; conversion probability %.4f%n",
                    journeys.size(), root.path("channels").size(), root.path("total_conversions").asDouble(),
                    result.conversionProbability());
            for (Map.Entry<String, Double> effect : result.removalEffects().entrySet()) {
                err.printf(Locale.ROOT, "  removal effect %-20s %.4f%n", effect.getKey(), effect.getValue());
            }
            out.println(JSON.writeValueAsString(root));
            return 0;
        } catch (IllegalArgumentException e) {
            err.println("attribution: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            err.println("attribution: cannot read " + paths + ": " + e.getMessage());
            return 2;
        } catch (RuntimeException e) {
            err.println("attribution: the evaluation failed: " + e);
            e.printStackTrace(err);
            return 1;
        }
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
