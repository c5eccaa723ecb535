package io.lotse.simulator;

import io.lotse.simulator.model.Category;
import io.lotse.simulator.model.Product;
import io.lotse.simulator.stats.Distributions;
import io.lotse.simulator.stats.Seeds;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * About 2,000 products in 30 categories, generated from the seed alone (independent of the number of
 * customers), with what the choice model needs precomputed.
 */
final class Catalogue {

    static final int TARGET_PRODUCTS = 2000;

    final List<Category> categories;
    final List<Product> products;
    /** Relative share of people favouring each category, summing to one. */
    final double[] categoryWeights;
    /** Product indices per category. */
    final int[][] byCategory;
    /** Standardised log price within the category, per product. */
    final double[] priceScore;
    /** First moment a product is available, epoch milliseconds. */
    final long[] availableFrom;
    /** URL path of each product's page, German and English. */
    private final String[] pathDe;
    private final String[] pathEn;

    private Catalogue(List<Category> categories, List<Product> products, double[] categoryWeights,
            int[][] byCategory, double[] priceScore, long[] availableFrom) {
        this.categories = categories;
        this.products = products;
        this.categoryWeights = categoryWeights;
        this.byCategory = byCategory;
        this.priceScore = priceScore;
        this.availableFrom = availableFrom;
        this.pathDe = new String[products.size()];
        this.pathEn = new String[products.size()];
        for (Product product : products) {
            String id = product.id().toLowerCase(java.util.Locale.ROOT);
            pathDe[product.index()] = "/de/p/" + id + "-" + Sessions.slug(product.nameDe());
            pathEn[product.index()] = "/en/p/" + id + "-" + Sessions.slug(product.nameEn());
        }
    }

    /** Path of a product page in a language, e.g. {@code /de/p/art-10001-wanderschuh-alpin}. */
    String path(int product, String language) {
        return "de".equals(language) ? pathDe[product] : pathEn[product];
    }

    static Catalogue generate(long seed, ShopCalendar calendar) {
        SplittableRandom random = Seeds.stream(seed, "catalogue", 0);
        List<CatalogueWords.CategoryWords> words = CatalogueWords.CATEGORIES;
        int categoryCount = words.size();
        double[] sizes = new double[categoryCount];
        double sizeSum = 0;
        for (int c = 0; c < categoryCount; c++) {
            sizes[c] = 0.5 + Distributions.uniform(random);
            sizeSum += sizes[c];
        }
        List<Category> categories = new ArrayList<>();
        List<Product> products = new ArrayList<>();
        List<Double> scores = new ArrayList<>();
        List<Long> available = new ArrayList<>();
        int[][] byCategory = new int[categoryCount][];
        double[] weights = new double[categoryCount];
        double weightSum = 0;
        LocalDate oldest = calendar.historyStart.minusYears(3);
        int spanDays = calendar.totalDays;
        for (int c = 0; c < categoryCount; c++) {
            CatalogueWords.CategoryWords definition = words.get(c);
            Category category = new Category(definition.id(), definition.nameDe(), definition.nameEn());
            categories.add(category);
            weights[c] = definition.weight();
            weightSum += definition.weight();
            int count = (int) Math.round(TARGET_PRODUCTS * sizes[c] / sizeSum);
            byCategory[c] = new int[count];
            Set<String> usedNames = new HashSet<>();
            double mu = Math.log(definition.medianPrice());
            for (int i = 0; i < count; i++) {
                String noun;
                String series;
                do {
                    noun = definition.nouns().get(Distributions.index(random, definition.nouns().size()));
                    series = CatalogueWords.SERIES.get(Distributions.index(random, CatalogueWords.SERIES.size()));
                } while (!usedNames.add(noun + "|" + series));
                String colour = CatalogueWords.COLOURS.get(Distributions.index(random, CatalogueWords.COLOURS.size()));
                String brand = CatalogueWords.BRANDS.get(Distributions.index(random, CatalogueWords.BRANDS.size()));
                double logPrice = mu + definition.priceSpread() * Distributions.normal(random);
                long priceCents = charmPrice(Math.exp(logPrice));
                double score = (Math.log(priceCents / 100.0) - mu) / definition.priceSpread();
                int stock = Distributions.chance(random, 0.03) ? 0
                        : 1 + (int) Math.round(Distributions.logNormal(random, Math.log(60), 0.9));
                LocalDate launch = Distributions.chance(random, 0.85)
                        ? oldest.plusDays(Distributions.index(random, 3 * 365))
                        : calendar.historyStart.plusDays(Distributions.index(random, spanDays));
                double popularity = Distributions.logNormal(random, 0, 0.9);
                int index = products.size();
                byCategory[c][i] = index;
                products.add(new Product(index, "ART-" + (10001 + index), category,
                        CatalogueWords.german(noun) + " " + CatalogueWords.german(series),
                        CatalogueWords.english(noun) + " " + CatalogueWords.english(series), brand,
                        CatalogueWords.german(colour), CatalogueWords.english(colour), priceCents, stock, launch,
                        popularity));
                scores.add(score);
                available.add(ShopCalendar.millis(launch));
            }
        }
        for (int c = 0; c < categoryCount; c++) {
            weights[c] /= weightSum;
        }
        double[] priceScore = new double[products.size()];
        long[] availableFrom = new long[products.size()];
        for (int i = 0; i < products.size(); i++) {
            priceScore[i] = scores.get(i);
            availableFrom[i] = available.get(i);
        }
        return new Catalogue(List.copyOf(categories), List.copyOf(products), weights, byCategory, priceScore,
                availableFrom);
    }

    /** Rounds a price the way shops do: 4.49, 18.99, 229.99. */
    static long charmPrice(double euros) {
        if (euros < 5) {
            return Math.max(99, Math.round(Math.ceil(euros * 2) * 50) - 1);
        }
        if (euros < 200) {
            return Math.round(Math.ceil(euros)) * 100 - 1;
        }
        return Math.round(Math.ceil(euros / 10)) * 1000 - 1;
    }

    /** Whether a product can be viewed and bought at a time. */
    boolean available(int product, long millis) {
        return availableFrom[product] <= millis && products.get(product).stock() > 0;
    }
}
