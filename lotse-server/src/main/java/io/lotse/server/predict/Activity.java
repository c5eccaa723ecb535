package io.lotse.server.predict;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

/**
 * What every profile did on each day of the data window, one row per profile and day with activity, rows of one
 * profile together and in day order. Columns are arrays (one entry per row), so that a few million rows stay
 * compact.
 *
 * <p>Days are epoch days in the configured zone. A day's order value is the sum of its orders' values (Segment's
 * {@code revenue}, else {@code total}), which may be negative for malformed events; readers clamp it.
 */
final class Activity {

    /** The profiles, ascending; profile {@code p} owns rows {@code start[p]} to {@code start[p + 1] - 1}. */
    final long[] profiles;
    final int[] start;
    final int[] day;
    final int[] events;
    final int[] views;
    final int[] orders;
    final double[] revenue;
    final int[] emailsSent;
    final int[] emailsOpened;
    final int[] emailsClicked;
    /** For each configured event, how often it happened per row. */
    final int[][] targets;
    final List<String> targetEvents;
    /** The last day of the data window, inclusive. */
    final LocalDate lastDay;

    private Activity(Builder builder) {
        int rows = builder.rows;
        profiles = Arrays.copyOf(builder.profiles, builder.profileCount);
        start = Arrays.copyOf(builder.start, builder.profileCount + 1);
        start[builder.profileCount] = rows;
        day = Arrays.copyOf(builder.day, rows);
        events = Arrays.copyOf(builder.events, rows);
        views = Arrays.copyOf(builder.views, rows);
        orders = Arrays.copyOf(builder.orders, rows);
        revenue = Arrays.copyOf(builder.revenue, rows);
        emailsSent = Arrays.copyOf(builder.emailsSent, rows);
        emailsOpened = Arrays.copyOf(builder.emailsOpened, rows);
        emailsClicked = Arrays.copyOf(builder.emailsClicked, rows);
        targets = new int[builder.targets.length][];
        for (int t = 0; t < targets.length; t++) {
            targets[t] = Arrays.copyOf(builder.targets[t], rows);
        }
        targetEvents = builder.targetEvents;
        lastDay = builder.lastDay;
    }

    int profileCount() {
        return profiles.length;
    }

    int rowCount() {
        return day.length;
    }

    int lastEpochDay() {
        return (int) lastDay.toEpochDay();
    }

    static Builder builder(List<String> targetEvents, LocalDate lastDay) {
        return new Builder(targetEvents, lastDay);
    }

    /** Collects rows in profile and day order. */
    static final class Builder {

        private final List<String> targetEvents;
        private final LocalDate lastDay;
        private long[] profiles = new long[1024];
        private int[] start = new int[1025];
        private int profileCount;
        private int rows;
        private int[] day = new int[4096];
        private int[] events = new int[4096];
        private int[] views = new int[4096];
        private int[] orders = new int[4096];
        private double[] revenue = new double[4096];
        private int[] emailsSent = new int[4096];
        private int[] emailsOpened = new int[4096];
        private int[] emailsClicked = new int[4096];
        private int[][] targets;

        private Builder(List<String> targetEvents, LocalDate lastDay) {
            this.targetEvents = List.copyOf(targetEvents);
            this.lastDay = lastDay;
            targets = new int[targetEvents.size()][4096];
        }

        /**
         * Adds a row; rows must come ordered by profile, then day.
         *
         * @throws IllegalStateException when a row is out of order
         */
        Builder add(long profile, int epochDay, int events, int views, int orders, double revenue, int emailsSent,
                    int emailsOpened, int emailsClicked, int[] targetCounts) {
            if (profileCount == 0 || profiles[profileCount - 1] != profile) {
                if (profileCount > 0 && profiles[profileCount - 1] > profile) {
                    throw new IllegalStateException("activity rows out of profile order at profile " + profile);
                }
                if (profileCount == profiles.length) {
                    profiles = Arrays.copyOf(profiles, profileCount * 2);
                    start = Arrays.copyOf(start, profileCount * 2 + 1);
                }
                profiles[profileCount] = profile;
                start[profileCount] = rows;
                profileCount++;
            } else if (day[rows - 1] >= epochDay) {
                throw new IllegalStateException("activity rows of profile " + profile + " out of day order");
            }
            if (rows == day.length) {
                grow(rows * 2);
            }
            day[rows] = epochDay;
            this.events[rows] = events;
            this.views[rows] = views;
            this.orders[rows] = orders;
            this.revenue[rows] = revenue;
            this.emailsSent[rows] = emailsSent;
            this.emailsOpened[rows] = emailsOpened;
            this.emailsClicked[rows] = emailsClicked;
            for (int t = 0; t < targets.length; t++) {
                targets[t][rows] = targetCounts[t];
            }
            rows++;
            return this;
        }

        private void grow(int size) {
            day = Arrays.copyOf(day, size);
            events = Arrays.copyOf(events, size);
            views = Arrays.copyOf(views, size);
            orders = Arrays.copyOf(orders, size);
            revenue = Arrays.copyOf(revenue, size);
            emailsSent = Arrays.copyOf(emailsSent, size);
            emailsOpened = Arrays.copyOf(emailsOpened, size);
            emailsClicked = Arrays.copyOf(emailsClicked, size);
            for (int t = 0; t < targets.length; t++) {
                targets[t] = Arrays.copyOf(targets[t], size);
            }
        }

        Activity build() {
            return new Activity(this);
        }
    }
}
