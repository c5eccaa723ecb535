package io.lotse.engine.recommend;

import java.util.Arrays;
import java.util.Map;

/**
 * Non-personal fallback: how many people interacted with each item, overall, within its category, and
 * trending (recently more than before).
 *
 * <p>Trending compares the people whose latest interaction with an item falls in the last
 * {@code trendDays} before the end of the data with the rate in the {@code 4 × trendDays} before, smoothed by one
 * person: {@code recent × (recent + 1) / (earlier / 4 + 1)}, so an item needs both volume and growth.
 */
public final class Popularity implements HistoryScorer {

    /**
     * @param trendDays length of the recent window for trending
     */
    public record Parameters(int trendDays) {

        public Parameters {
            if (trendDays < 1) {
                throw new IllegalArgumentException("trendDays must be at least 1, was " + trendDays);
            }
        }

        public static Parameters defaults() {
            return new Parameters(7);
        }
    }

    private final double[] overall;
    private final double[] trending;
    private final int[] categoryOf;
    private final int[][] byCategory;
    private final ModelProvenance provenance;

    private Popularity(double[] overall, double[] trending, int[] categoryOf, int[][] byCategory,
                       ModelProvenance provenance) {
        this.overall = overall;
        this.trending = trending;
        this.categoryOf = categoryOf;
        this.byCategory = byCategory;
        this.provenance = provenance;
    }

    /**
     * Counts the people per item.
     *
     * @param categoryOf each item's category index, or -1 for none; its length is the number of items
     * @param categories how many categories there are
     */
    public static Popularity train(Interactions interactions, int[] categoryOf, int categories,
                                   Parameters parameters, DataWindow window) {
        long start = System.nanoTime();
        int items = interactions.items();
        if (categoryOf.length != items) {
            throw new IllegalArgumentException("one category per item needed: " + categoryOf.length + " for "
                    + items + " items");
        }
        double[] overall = new double[items];
        double[] recent = new double[items];
        double[] earlier = new double[items];
        long end = window.to().getEpochSecond();
        long trendSeconds = parameters.trendDays() * 86_400L;
        for (int item = 0; item < items; item++) {
            overall[item] = interactions.columnLength(item);
        }
        for (int person = 0; person < interactions.people(); person++) {
            for (int k = interactions.rowStart(person); k < interactions.rowEnd(person); k++) {
                long age = end - interactions.rowLast(k);
                if (age >= 0 && age < trendSeconds) {
                    recent[interactions.rowItem(k)]++;
                } else if (age >= trendSeconds && age < 5 * trendSeconds) {
                    earlier[interactions.rowItem(k)]++;
                }
            }
        }
        double[] trending = new double[items];
        for (int item = 0; item < items; item++) {
            trending[item] = recent[item] * (recent[item] + 1) / (earlier[item] / 4 + 1);
        }
        int[][] byCategory = new int[categories][];
        int[] sizes = new int[categories];
        for (int category : categoryOf) {
            if (category >= categories) {
                throw new IllegalArgumentException("category " + category + " outside 0.." + (categories - 1));
            }
            if (category >= 0) {
                sizes[category]++;
            }
        }
        int[] ranking = TopItems.ranked(overall, 0);
        for (int c = 0; c < categories; c++) {
            byCategory[c] = new int[sizes[c]];
        }
        int[] filled = new int[categories];
        for (int item : ranking) {
            int category = categoryOf[item];
            if (category >= 0) {
                byCategory[category][filled[category]++] = item;
            }
        }
        for (int c = 0; c < categories; c++) {
            byCategory[c] = Arrays.copyOf(byCategory[c], filled[c]);
        }
        ModelProvenance provenance = new ModelProvenance("popularity", window,
                Map.of("trend_days", (double) parameters.trendDays()),
                Map.of("items_with_interactions", (double) ranking.length), 0, ModelProvenance.since(start));
        return new Popularity(overall, trending, categoryOf.clone(), byCategory, provenance);
    }

    @Override
    public int items() {
        return overall.length;
    }

    /** Overall popularity, the same for everybody. */
    @Override
    public void score(PersonHistory history, double[] scores) {
        System.arraycopy(overall, 0, scores, 0, overall.length);
    }

    @Override
    public int evidence(PersonHistory history, int item) {
        return -1;
    }

    /** Writes trending scores into {@code scores}. */
    public void trending(double[] scores) {
        System.arraycopy(trending, 0, scores, 0, trending.length);
    }

    /** How many people interacted with an item. */
    public double count(int item) {
        return overall[item];
    }

    /** The items of a category with at least one interaction, most popular first; a fresh array. */
    public int[] topInCategory(int category) {
        return byCategory[category].clone();
    }

    /** The category of an item, -1 when it has none. */
    public int categoryOf(int item) {
        return categoryOf[item];
    }

    /** Popularity of the items within the given categories only; other items score 0. */
    public void inCategories(boolean[] wanted, double[] scores) {
        for (int item = 0; item < overall.length; item++) {
            int category = categoryOf[item];
            scores[item] = category >= 0 && category < wanted.length && wanted[category] ? overall[item] : 0;
        }
    }

    @Override
    public ModelProvenance provenance() {
        return provenance;
    }
}
