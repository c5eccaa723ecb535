package io.lotse.server.predict;

import java.util.Arrays;

/**
 * How a profile's interest spreads over product categories, from the track events that name one
 * ({@code properties.category}: products viewed, added, bought) in the 90 days up to and including a day, for the
 * two days a training run looks at: the propensity cutoff and the window's last day. Per profile and day: how
 * many categories it touched, and the share of its categorised events in its top category (how focused it is;
 * {@code NaN} without any categorised event).
 */
final class CategoryAffinity {

    static final int DAYS = 90;

    private final int cutoffDay;
    private final int lastDay;
    private final int[] categoriesAtCutoff;
    private final int[] categoriesAtLastDay;
    private final double[] topShareAtCutoff;
    private final double[] topShareAtLastDay;

    private CategoryAffinity(Builder builder) {
        cutoffDay = builder.cutoffDay;
        lastDay = builder.lastDay;
        categoriesAtCutoff = builder.cutoff.categories;
        categoriesAtLastDay = builder.last.categories;
        topShareAtCutoff = builder.cutoff.topShare();
        topShareAtLastDay = builder.last.topShare();
    }

    static Builder builder(int profiles, int cutoffDay, int lastDay) {
        return new Builder(profiles, cutoffDay, lastDay);
    }

    /** Categories profile {@code p} touched in the 90 days up to {@code day}, the cutoff or the last day. */
    int categories(int p, int day) {
        return day == cutoffDay ? categoriesAtCutoff[p] : checked(day, categoriesAtLastDay)[p];
    }

    /** The share of the top category among those events; {@code NaN} without any. */
    double topCategoryShare(int p, int day) {
        return day == cutoffDay ? topShareAtCutoff[p] : checked(day, topShareAtLastDay)[p];
    }

    private <T> T checked(int day, T values) {
        if (day != lastDay) {
            throw new IllegalArgumentException("category affinity is known at the cutoff " + cutoffDay
                    + " and the last day " + lastDay + ", not at " + day);
        }
        return values;
    }

    /** Collects per profile and category the event counts of the 90 days up to each of the two days. */
    static final class Builder {

        private final int cutoffDay;
        private final int lastDay;
        private final Snapshot cutoff;
        private final Snapshot last;

        private Builder(int profiles, int cutoffDay, int lastDay) {
            this.cutoffDay = cutoffDay;
            this.lastDay = lastDay;
            this.cutoff = new Snapshot(profiles);
            this.last = new Snapshot(profiles);
        }

        /**
         * Adds one category of profile {@code p}: its events in the 90 days up to the cutoff and up to the last
         * day.
         */
        Builder add(int p, long countToCutoff, long countToLastDay) {
            cutoff.add(p, countToCutoff);
            last.add(p, countToLastDay);
            return this;
        }

        CategoryAffinity build() {
            return new CategoryAffinity(this);
        }
    }

    private static final class Snapshot {

        final int[] categories;
        final long[] total;
        final long[] top;

        Snapshot(int profiles) {
            categories = new int[profiles];
            total = new long[profiles];
            top = new long[profiles];
        }

        void add(int p, long count) {
            if (count > 0) {
                categories[p]++;
                total[p] += count;
                top[p] = Math.max(top[p], count);
            }
        }

        double[] topShare() {
            double[] share = new double[total.length];
            Arrays.setAll(share, p -> total[p] == 0 ? Double.NaN : (double) top[p] / total[p]);
            return share;
        }
    }
}
