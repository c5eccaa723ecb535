package io.lotse.server.recommend;

import io.lotse.engine.recommend.Signal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The placement rules as the edit form of the UI shows them: a weight field per signal and two text areas, one
 * line per exception ({@code Category = allow}) and per adjustment ({@code product ART-1 = 2},
 * {@code category Coffee = 0.5}). Parsing collects every problem with its line instead of stopping at the first.
 *
 * @param placement         the placement's wire name
 * @param weights           weight per signal wire name, as typed
 * @param normalisation     {@code score} or {@code rank}
 * @param excludeInactive   whether inactive products are dropped
 * @param excludeOutOfStock whether products out of stock are dropped
 * @param alreadyBought     {@code allow} or {@code exclude}
 * @param exceptions        the per-category exceptions, one per line
 * @param maxPerCategory    the cap, as typed
 * @param adjustments       the adjustments, one per line
 */
record PlacementForm(String placement, Map<String, String> weights, String normalisation, boolean excludeInactive,
                     boolean excludeOutOfStock, String alreadyBought, String exceptions, String maxPerCategory,
                     String adjustments) {

    /** The result of reading a submitted form: settings when valid, else the problems. */
    record Parsed(PlacementSettings settings, List<String> problems) {}

    static PlacementForm of(Placement placement, PlacementSettings settings) {
        Map<String, String> weights = new LinkedHashMap<>();
        for (Signal signal : Signal.values()) {
            Double weight = settings.weights().get(signal.wireName());
            weights.put(signal.wireName(), weight == null ? "0" : format(weight));
        }
        StringBuilder exceptions = new StringBuilder();
        settings.alreadyBoughtByCategory().forEach((category, policy) ->
                exceptions.append(category).append(" = ").append(policy).append('\n'));
        StringBuilder adjustments = new StringBuilder();
        for (PlacementSettings.Adjustment adjustment : settings.adjustments()) {
            adjustments.append(adjustment.productId() != null ? "product " + adjustment.productId()
                    : "category " + adjustment.category()).append(" = ").append(format(adjustment.factor()))
                    .append('\n');
        }
        return new PlacementForm(placement.wireName(), weights, settings.normalisation(), settings.excludeInactive(),
                settings.excludeOutOfStock(), settings.alreadyBought(), exceptions.toString().strip(),
                String.valueOf(settings.maxPerCategory()), adjustments.toString().strip());
    }

    /** Reads the submitted fields ({@code weight.<signal>}, {@code normalisation}, …). */
    static Parsed parse(Placement placement, Map<String, String> fields) {
        List<String> problems = new ArrayList<>();
        Map<String, Double> weights = new LinkedHashMap<>();
        Map<String, String> typedWeights = new LinkedHashMap<>();
        for (Signal signal : Signal.values()) {
            String typed = fields.getOrDefault("weight." + signal.wireName(), "0").strip();
            typedWeights.put(signal.wireName(), typed);
            Double weight = number(typed.isEmpty() ? "0" : typed);
            if (weight == null) {
                problems.add("the weight of " + signal.wireName() + " is no number: '" + typed + "'");
            } else if (weight > 0) {
                weights.put(signal.wireName(), weight);
            }
        }
        Map<String, String> exceptions = new LinkedHashMap<>();
        String[] exceptionLines = fields.getOrDefault("exceptions", "").split("\\R");
        for (int i = 0; i < exceptionLines.length; i++) {
            String line = exceptionLines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            int equals = line.lastIndexOf('=');
            if (equals <= 0) {
                problems.add("exception line " + (i + 1) + " needs 'category = allow' or 'category = exclude': '"
                        + line + "'");
            } else {
                exceptions.put(line.substring(0, equals).strip(), line.substring(equals + 1).strip()
                        .toLowerCase(Locale.ROOT));
            }
        }
        List<PlacementSettings.Adjustment> adjustments = new ArrayList<>();
        String[] adjustmentLines = fields.getOrDefault("adjustments", "").split("\\R");
        for (int i = 0; i < adjustmentLines.length; i++) {
            String line = adjustmentLines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            int equals = line.lastIndexOf('=');
            String target = equals > 0 ? line.substring(0, equals).strip() : "";
            Double factor = equals > 0 ? number(line.substring(equals + 1).strip()) : null;
            String lower = target.toLowerCase(Locale.ROOT);
            if (factor == null || !(lower.startsWith("product ") || lower.startsWith("category "))) {
                problems.add("adjustment line " + (i + 1) + " needs 'product ID = factor' or 'category NAME = "
                        + "factor': '" + line + "'");
            } else if (lower.startsWith("product ")) {
                adjustments.add(new PlacementSettings.Adjustment(target.substring(8).strip(), null, factor));
            } else {
                adjustments.add(new PlacementSettings.Adjustment(null, target.substring(9).strip(), factor));
            }
        }
        String cap = fields.getOrDefault("maxPerCategory", "0").strip();
        Double maxPerCategory = number(cap.isEmpty() ? "0" : cap);
        if (maxPerCategory == null || maxPerCategory != Math.rint(maxPerCategory)) {
            problems.add("the cap per category must be a whole number, was '" + cap + "'");
            maxPerCategory = 0.0;
        }
        Set<String> checked = Set.of("on", "true");
        PlacementSettings settings = new PlacementSettings(weights, fields.getOrDefault("normalisation", "score"),
                checked.contains(fields.getOrDefault("excludeInactive", "")),
                checked.contains(fields.getOrDefault("excludeOutOfStock", "")),
                fields.getOrDefault("alreadyBought", "allow"), exceptions, maxPerCategory.intValue(), adjustments);
        problems.addAll(settings.problems());
        return new Parsed(settings, problems);
    }

    private static @Nullable Double number(String text) {
        try {
            double value = Double.parseDouble(text.replace(',', '.'));
            return Double.isFinite(value) ? value : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String format(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e9 ? String.valueOf((long) value)
                : String.valueOf(value);
    }
}
