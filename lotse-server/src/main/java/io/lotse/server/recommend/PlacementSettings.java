package io.lotse.server.recommend;

import io.lotse.engine.recommend.PlacementRules;
import io.lotse.engine.recommend.Signal;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The editable rules of a placement as the API, the UI and the database hold them: signals, categories and
 * products by name. {@link #problems()} lists what is wrong; {@link #toRules} turns valid settings into the
 * engine's rules for one catalogue.
 *
 * @param weights                 weight per signal ({@code ease}, {@code als}, {@code itemknn}, {@code repeat},
 *                                {@code session}, {@code together}, {@code popular}, {@code trending}); 0 or more
 * @param normalisation           {@code score} (the default) or {@code rank}
 * @param excludeInactive         drop products flagged inactive (default true)
 * @param excludeOutOfStock       drop products flagged out of stock (default true)
 * @param alreadyBought           {@code allow} (the default) or {@code exclude} products the person bought before
 * @param alreadyBoughtByCategory exceptions by category name, each {@code allow} or {@code exclude}
 * @param maxPerCategory          at most this many products of one category; 0 (the default) for no cap
 * @param adjustments             boosts (factor above 1), burials (below 1) and hiding (0) of products or categories
 */
@Schema(description = "Blend weights and business rules of a placement")
public record PlacementSettings(
        Map<String, Double> weights,
        String normalisation,
        Boolean excludeInactive,
        Boolean excludeOutOfStock,
        String alreadyBought,
        Map<String, String> alreadyBoughtByCategory,
        Integer maxPerCategory,
        List<Adjustment> adjustments) {

    /** The largest weight or factor accepted; beyond it a rule is surely a typo. */
    static final double MAX_FACTOR = 1000;
    static final int MAX_ADJUSTMENTS = 500;

    public PlacementSettings {
        weights = weights == null ? Map.of() : new LinkedHashMap<>(weights);
        normalisation = normalisation == null ? "score" : normalisation;
        excludeInactive = excludeInactive == null || excludeInactive;
        excludeOutOfStock = excludeOutOfStock == null || excludeOutOfStock;
        maxPerCategory = maxPerCategory == null ? 0 : maxPerCategory;
        alreadyBought = alreadyBought == null ? "allow" : alreadyBought;
        alreadyBoughtByCategory = alreadyBoughtByCategory == null ? Map.of()
                : new LinkedHashMap<>(alreadyBoughtByCategory);
        adjustments = adjustments == null ? List.of() : List.copyOf(adjustments);
    }

    /**
     * Multiplies the score of one product or of every product of a category.
     *
     * @param productId the product, or null
     * @param category  the category, or null; exactly one of the two
     * @param factor    above 1 boosts, below 1 buries, 0 hides
     */
    public record Adjustment(@Nullable String productId, @Nullable String category, double factor) {}

    /** What a placement does until somebody edits it. */
    static PlacementSettings defaults(Placement placement) {
        return switch (placement) {
            case HOME -> new PlacementSettings(weights("ease", 1, "als", 1, "itemknn", 0.1, "repeat", 1, "session", 2,
                    "together", 0.2, "popular", 0.05, "trending", 0.05), "score", true, true, "allow", Map.of(), 3,
                    List.of());
            case PRODUCT -> new PlacementSettings(weights("together", 1.5, "itemknn", 0.5, "ease", 0.5, "als", 0.5,
                    "session", 0.7, "popular", 0.05), "score", true, true, "exclude", Map.of(), 5, List.of());
            case CART -> new PlacementSettings(weights("together", 1.5, "ease", 0.7, "als", 0.7, "itemknn", 0.3,
                    "session", 0.3, "popular", 0.05), "score", true, true, "exclude", Map.of(), 2, List.of());
            case EMAIL -> new PlacementSettings(weights("repeat", 0.5, "ease", 1, "als", 1, "itemknn", 0.2,
                    "together", 0.2, "popular", 0.1, "trending", 0.1), "score", true, true, "exclude", Map.of(), 2,
                    List.of());
        };
    }

    private static Map<String, Double> weights(Object... pairs) {
        Map<String, Double> weights = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            weights.put((String) pairs[i], ((Number) pairs[i + 1]).doubleValue());
        }
        return weights;
    }

    /** Everything wrong with these settings, each a sentence; empty when they are valid. */
    List<String> problems() {
        List<String> problems = new ArrayList<>();
        weights.forEach((name, weight) -> {
            if (Signal.fromWire(name).isEmpty()) {
                problems.add("unknown signal '" + name + "' in weights; known: " + signalNames());
            } else if (weight == null || !(weight >= 0) || weight > MAX_FACTOR) {
                problems.add("the weight of " + name + " must be between 0 and " + (int) MAX_FACTOR + ", was "
                        + weight);
            }
        });
        if (normalisationOf().isEmpty()) {
            problems.add("normalisation must be 'score' or 'rank', was '" + normalisation + "'");
        }
        if (policy(alreadyBought).isEmpty()) {
            problems.add("alreadyBought must be 'allow' or 'exclude', was '" + alreadyBought + "'");
        }
        alreadyBoughtByCategory.forEach((category, policy) -> {
            if (category == null || category.isBlank()) {
                problems.add("alreadyBoughtByCategory needs category names");
            } else if (policy == null || policy(policy).isEmpty()) {
                problems.add("alreadyBoughtByCategory of '" + category + "' must be 'allow' or 'exclude', was '"
                        + policy + "'");
            }
        });
        if (maxPerCategory < 0 || maxPerCategory > 1000) {
            problems.add("maxPerCategory must be between 0 (no cap) and 1000, was " + maxPerCategory);
        }
        if (adjustments.size() > MAX_ADJUSTMENTS) {
            problems.add("at most " + MAX_ADJUSTMENTS + " adjustments, got " + adjustments.size());
        }
        for (int i = 0; i < adjustments.size(); i++) {
            Adjustment adjustment = adjustments.get(i);
            if (adjustment == null) {
                problems.add("adjustment " + (i + 1) + " is empty");
                continue;
            }
            boolean product = adjustment.productId() != null && !adjustment.productId().isBlank();
            boolean category = adjustment.category() != null && !adjustment.category().isBlank();
            if (product == category) {
                problems.add("adjustment " + (i + 1) + " needs exactly one of productId and category");
            }
            if (!(adjustment.factor() >= 0) || adjustment.factor() > MAX_FACTOR) {
                problems.add("adjustment " + (i + 1) + ": factor must be between 0 (hide) and " + (int) MAX_FACTOR
                        + ", was " + adjustment.factor());
            }
        }
        return problems;
    }

    /** The engine's rules for a catalogue; products and categories it does not know are left out. */
    PlacementRules toRules(ProductCatalogue catalogue) {
        EnumMap<Signal, Double> signalWeights = new EnumMap<>(Signal.class);
        weights.forEach((name, weight) -> Signal.fromWire(name).ifPresent(s -> signalWeights.put(s, weight)));
        Map<Integer, PlacementRules.AlreadyBought> byCategory = new HashMap<>();
        alreadyBoughtByCategory.forEach((name, policy) -> catalogue.categoryIndex(name)
                .ifPresent(index -> byCategory.put(index, policy(policy).orElseThrow())));
        List<PlacementRules.Adjustment> engineAdjustments = new ArrayList<>();
        for (Adjustment adjustment : adjustments) {
            if (adjustment.productId() != null && !adjustment.productId().isBlank()) {
                catalogue.index(adjustment.productId().trim()).ifPresent(index -> engineAdjustments.add(
                        new PlacementRules.Adjustment(PlacementRules.Target.PRODUCT, index, adjustment.factor())));
            } else if (adjustment.category() != null) {
                catalogue.categoryIndex(adjustment.category()).ifPresent(index -> engineAdjustments.add(
                        new PlacementRules.Adjustment(PlacementRules.Target.CATEGORY, index, adjustment.factor())));
            }
        }
        return new PlacementRules(signalWeights, normalisationOf().orElseThrow(), excludeInactive, excludeOutOfStock,
                policy(alreadyBought).orElseThrow(), byCategory, maxPerCategory, engineAdjustments);
    }

    private Optional<PlacementRules.Normalisation> normalisationOf() {
        return switch (normalisation.trim().toLowerCase(Locale.ROOT)) {
            case "score" -> Optional.of(PlacementRules.Normalisation.SCORE);
            case "rank" -> Optional.of(PlacementRules.Normalisation.RANK);
            default -> Optional.empty();
        };
    }

    private static Optional<PlacementRules.AlreadyBought> policy(String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "allow" -> Optional.of(PlacementRules.AlreadyBought.ALLOW);
            case "exclude" -> Optional.of(PlacementRules.AlreadyBought.EXCLUDE);
            default -> Optional.empty();
        };
    }

    static String signalNames() {
        return String.join(", ", java.util.Arrays.stream(Signal.values()).map(Signal::wireName).toList());
    }
}
