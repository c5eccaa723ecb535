package io.lotse.server.recommend;

import io.lotse.engine.recommend.ItemFacts;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The products known from the events (and their flags), with dense indices for the models.
 *
 * <p>Names, categories and prices come from the product properties of tracked events; the most frequent value
 * wins. A shop that tracks in several languages names one category differently ({@code Kopfhörer},
 * {@code Headphones}); category names seen on the same product are taken as one category, shown by its most
 * frequent name and found by any of them.
 */
final class ProductCatalogue {

    /** The flags of one product; products without flags are active and in stock. */
    record Flags(boolean active, boolean inStock) {
        static final Flags DEFAULT = new Flags(true, true);
    }

    private final String[] ids;
    private final Map<String, Integer> indexOf;
    private final @Nullable String[] names;
    private final double[] prices;
    private final int[] categoryOf;
    private final String[] categoryNames;
    private final Map<String, Integer> categoryByName;
    private final Map<String, Flags> flags;
    private final ItemFacts facts;

    private ProductCatalogue(String[] ids, @Nullable String[] names, double[] prices, int[] categoryOf,
                             String[] categoryNames, Map<String, Integer> categoryByName, Map<String, Flags> flags) {
        this.ids = ids;
        this.names = names;
        this.prices = prices;
        this.categoryOf = categoryOf;
        this.categoryNames = categoryNames;
        this.categoryByName = categoryByName;
        this.flags = Map.copyOf(flags);
        this.indexOf = new HashMap<>(ids.length * 2);
        for (int i = 0; i < ids.length; i++) {
            indexOf.put(ids[i], i);
        }
        boolean[] active = new boolean[ids.length];
        boolean[] inStock = new boolean[ids.length];
        for (int i = 0; i < ids.length; i++) {
            Flags own = flags.getOrDefault(ids[i], Flags.DEFAULT);
            active[i] = own.active();
            inStock[i] = own.inStock();
        }
        this.facts = new ItemFacts(categoryOf, categoryNames.length, active, inStock);
    }

    static Builder builder() {
        return new Builder();
    }

    /** The same products with other flags. */
    ProductCatalogue withFlags(Map<String, Flags> newFlags) {
        return new ProductCatalogue(ids, names, prices, categoryOf, categoryNames, categoryByName, newFlags);
    }

    int size() {
        return ids.length;
    }

    Optional<Integer> index(String productId) {
        return Optional.ofNullable(indexOf.get(productId));
    }

    String id(int index) {
        return ids[index];
    }

    @Nullable String name(int index) {
        return names[index];
    }

    /** The price, or null when no event gave one. */
    @Nullable Double price(int index) {
        return Double.isNaN(prices[index]) ? null : prices[index];
    }

    /** The category's display name, or null when the product has none. */
    @Nullable String category(int index) {
        return categoryOf[index] < 0 ? null : categoryNames[categoryOf[index]];
    }

    int categoryOf(int index) {
        return categoryOf[index];
    }

    String categoryName(int category) {
        return categoryNames[category];
    }

    int categories() {
        return categoryNames.length;
    }

    /** A category by any of its names, ignoring case. */
    Optional<Integer> categoryIndex(String name) {
        return Optional.ofNullable(categoryByName.get(name.trim().toLowerCase(Locale.ROOT)));
    }

    List<String> categoryNames() {
        return List.of(categoryNames);
    }

    ItemFacts facts() {
        return facts;
    }

    Map<String, Flags> flags() {
        return flags;
    }

    /** Collects what the events say about products. */
    static final class Builder {

        private final Map<String, Observed> products = new LinkedHashMap<>();

        private static final class Observed {
            final Map<String, Integer> names = new HashMap<>();
            final Map<String, Integer> categories = new HashMap<>();
            double price = Double.NaN;
        }

        /** Records one sighting of a product; blank values are ignored. */
        Builder see(String productId, @Nullable String name, @Nullable String category, @Nullable Double price) {
            Observed observed = products.computeIfAbsent(productId, id -> new Observed());
            if (name != null && !name.isBlank()) {
                observed.names.merge(name.trim(), 1, Integer::sum);
            }
            if (category != null && !category.isBlank()) {
                observed.categories.merge(category.trim(), 1, Integer::sum);
            }
            if (price != null && Double.isFinite(price) && price >= 0) {
                observed.price = price;
            }
            return this;
        }

        boolean knows(String productId) {
            return products.containsKey(productId);
        }

        ProductCatalogue build(Map<String, Flags> flags) {
            String[] ids = products.keySet().stream().sorted().toArray(String[]::new);
            // Category names seen on one product are one category: union-find over lower-cased names.
            Map<String, String> parent = new HashMap<>();
            Map<String, Integer> frequency = new HashMap<>();
            Map<String, String> spelling = new HashMap<>();
            for (Observed observed : products.values()) {
                String first = null;
                for (Map.Entry<String, Integer> entry : observed.categories.entrySet()) {
                    String key = entry.getKey().toLowerCase(Locale.ROOT);
                    parent.putIfAbsent(key, key);
                    frequency.merge(key, entry.getValue(), Integer::sum);
                    spelling.merge(key, entry.getKey(), (a, b) -> a.compareTo(b) <= 0 ? a : b);
                    if (first == null) {
                        first = key;
                    } else {
                        union(parent, first, key);
                    }
                }
            }
            Map<String, List<String>> groups = new LinkedHashMap<>();
            parent.keySet().stream().sorted().forEach(key -> groups.computeIfAbsent(find(parent, key),
                    root -> new ArrayList<>()).add(key));
            List<List<String>> ordered = new ArrayList<>(groups.values());
            List<String> displayNames = new ArrayList<>();
            for (List<String> group : ordered) {
                String best = group.stream().max(Comparator.comparingInt((String k) -> frequency.get(k))
                        .thenComparing(Comparator.reverseOrder())).orElseThrow();
                displayNames.add(spelling.get(best));
            }
            Integer[] order = new Integer[ordered.size()];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            Arrays.sort(order, Comparator.comparing(displayNames::get));
            String[] categoryNames = new String[order.length];
            Map<String, Integer> categoryByName = new HashMap<>();
            for (int c = 0; c < order.length; c++) {
                categoryNames[c] = displayNames.get(order[c]);
                for (String key : ordered.get(order[c])) {
                    categoryByName.put(key, c);
                }
            }
            @Nullable String[] names = new String[ids.length];
            double[] prices = new double[ids.length];
            int[] categoryOf = new int[ids.length];
            for (int i = 0; i < ids.length; i++) {
                Observed observed = products.get(ids[i]);
                names[i] = mostFrequent(observed.names);
                prices[i] = observed.price;
                String category = mostFrequent(observed.categories);
                categoryOf[i] = category == null ? -1 : categoryByName.get(category.toLowerCase(Locale.ROOT));
            }
            return new ProductCatalogue(ids, names, prices, categoryOf, categoryNames, categoryByName, flags);
        }

        private static @Nullable String mostFrequent(Map<String, Integer> counts) {
            return counts.entrySet().stream()
                    .max(Map.Entry.<String, Integer>comparingByValue()
                            .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
                    .map(Map.Entry::getKey).orElse(null);
        }

        private static String find(Map<String, String> parent, String key) {
            String root = key;
            while (!parent.get(root).equals(root)) {
                root = parent.get(root);
            }
            parent.put(key, root);
            return root;
        }

        private static void union(Map<String, String> parent, String a, String b) {
            String rootA = find(parent, a);
            String rootB = find(parent, b);
            if (!rootA.equals(rootB)) {
                parent.put(rootB.compareTo(rootA) < 0 ? rootA : rootB, rootB.compareTo(rootA) < 0 ? rootB : rootA);
            }
        }
    }
}
