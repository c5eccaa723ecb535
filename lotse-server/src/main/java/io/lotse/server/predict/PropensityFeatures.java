package io.lotse.server.predict;

import io.lotse.engine.clv.BgNbd;
import io.lotse.engine.clv.CustomerSummary;
import io.lotse.engine.clv.PeriodUnit;
import java.util.List;

/**
 * What a propensity model knows of a person at the end of a cutoff day: orders, visits, email engagement and the
 * BG/NBD's view of them, from the person's activity up to and including that day. Values are raw (days, counts,
 * money); {@link Feature#logScale()} says which are taken as ln(1 + value) by the models. A value that does not
 * exist for the person (days since the last order of someone who never ordered) is {@code NaN}.
 */
final class PropensityFeatures {

    /** The features, with the names used in explanations and the UI's texts. */
    enum Feature {
        DAYS_SINCE_ORDER("days_since_order", true),
        ORDER_DAYS("order_days", true),
        REVENUE_TOTAL("revenue_total", true),
        DAYS_SINCE_FIRST_SEEN("days_since_first_seen", true),
        MEAN_DAYS_BETWEEN_ORDERS("mean_days_between_orders", true),
        ORDER_DAYS_90D("order_days_90d", true),
        ACTIVE_DAYS_7D("active_days_7d", false),
        ACTIVE_DAYS_30D("active_days_30d", false),
        PAGE_VIEWS_30D("page_views_30d", true),
        DAYS_SINCE_VISIT("days_since_visit", true),
        EMAILS_OPENED_90D("emails_opened_90d", true),
        EMAILS_CLICKED_90D("emails_clicked_90d", true),
        PROBABILITY_ALIVE("probability_alive", false),
        EXPECTED_ORDERS_30D("expected_orders_30d", false),
        NEVER_ORDERED("never_ordered", false);

        private final String key;
        private final boolean logScale;

        Feature(String key, boolean logScale) {
            this.key = key;
            this.logScale = logScale;
        }

        /** The stable name, e.g. {@code days_since_order}. */
        String key() {
            return key;
        }

        /** Whether models see ln(1 + value) rather than the value. */
        boolean logScale() {
            return logScale;
        }
    }

    static final List<Feature> FEATURES = List.of(Feature.values());
    static final int HORIZON_DAYS = 30;

    private final Activity activity;
    private final BgNbd purchases;
    private final PeriodUnit unit;

    PropensityFeatures(Activity activity, BgNbd purchases, PeriodUnit unit) {
        this.activity = activity;
        this.purchases = purchases;
        this.unit = unit;
    }

    /** Whether profile {@code p} did anything up to the end of {@code cutoffDay}. */
    boolean seenBy(int p, int cutoffDay) {
        return activity.day[activity.start[p]] <= cutoffDay;
    }

    /** The raw feature values of profile {@code p} at the end of {@code cutoffDay}, in {@link #FEATURES} order. */
    double[] at(int p, int cutoffDay) {
        int firstSeen = -1;
        int lastSeen = -1;
        int firstOrder = -1;
        int lastOrder = -1;
        int orderDays = 0;
        int orderDays90 = 0;
        int active7 = 0;
        int active30 = 0;
        double revenue = 0;
        long views30 = 0;
        long opened90 = 0;
        long clicked90 = 0;
        for (int row = activity.start[p]; row < activity.start[p + 1] && activity.day[row] <= cutoffDay; row++) {
            int day = activity.day[row];
            int age = cutoffDay - day;
            if (firstSeen < 0) {
                firstSeen = day;
            }
            lastSeen = day;
            if (age < 7) {
                active7++;
            }
            if (age < 30) {
                active30++;
                views30 += activity.views[row];
            }
            if (age < 90) {
                opened90 += activity.emailsOpened[row];
                clicked90 += activity.emailsClicked[row];
            }
            if (activity.orders[row] > 0) {
                if (firstOrder < 0) {
                    firstOrder = day;
                }
                lastOrder = day;
                orderDays++;
                revenue += Math.max(0, activity.revenue[row]);
                if (age < 90) {
                    orderDays90++;
                }
            }
        }
        double[] values = new double[FEATURES.size()];
        boolean ordered = orderDays > 0;
        values[Feature.DAYS_SINCE_ORDER.ordinal()] = ordered ? cutoffDay - lastOrder : Double.NaN;
        values[Feature.ORDER_DAYS.ordinal()] = orderDays;
        values[Feature.REVENUE_TOTAL.ordinal()] = revenue;
        values[Feature.DAYS_SINCE_FIRST_SEEN.ordinal()] = firstSeen < 0 ? Double.NaN : cutoffDay - firstSeen;
        values[Feature.MEAN_DAYS_BETWEEN_ORDERS.ordinal()] = orderDays > 1
                ? (double) (lastOrder - firstOrder) / (orderDays - 1) : Double.NaN;
        values[Feature.ORDER_DAYS_90D.ordinal()] = orderDays90;
        values[Feature.ACTIVE_DAYS_7D.ordinal()] = active7;
        values[Feature.ACTIVE_DAYS_30D.ordinal()] = active30;
        values[Feature.PAGE_VIEWS_30D.ordinal()] = views30;
        values[Feature.DAYS_SINCE_VISIT.ordinal()] = lastSeen < 0 ? Double.NaN : cutoffDay - lastSeen;
        values[Feature.EMAILS_OPENED_90D.ordinal()] = opened90;
        values[Feature.EMAILS_CLICKED_90D.ordinal()] = clicked90;
        values[Feature.NEVER_ORDERED.ordinal()] = ordered ? 0 : 1;
        CustomerSummary customer = ordered ? LifetimeValueModels.summaryAt(activity, p, cutoffDay, unit) : null;
        if (customer != null) {
            values[Feature.PROBABILITY_ALIVE.ordinal()] = purchases.probabilityAlive(customer);
            values[Feature.EXPECTED_ORDERS_30D.ordinal()] = expectedOrders(customer);
        } else {
            values[Feature.PROBABILITY_ALIVE.ordinal()] = Double.NaN;
            values[Feature.EXPECTED_ORDERS_30D.ordinal()] = Double.NaN;
        }
        return values;
    }

    private double expectedOrders(CustomerSummary customer) {
        try {
            return purchases.expectedPurchases(customer, unit.fromDays(HORIZON_DAYS));
        } catch (ArithmeticException notConverged) {
            return Double.NaN;
        }
    }

    /** Whether profile {@code p} ordered on a day in {@code (cutoffDay, cutoffDay + 30]}. */
    boolean orderedWithin(int p, int cutoffDay) {
        return happenedWithin(activity.orders, p, cutoffDay);
    }

    /** Whether the target event {@code t} happened for profile {@code p} in {@code (cutoffDay, cutoffDay + 30]}. */
    boolean targetWithin(int t, int p, int cutoffDay) {
        return happenedWithin(activity.targets[t], p, cutoffDay);
    }

    /** Whether the target event {@code t} happened for profile {@code p} up to the end of {@code cutoffDay}. */
    boolean targetBy(int t, int p, int cutoffDay) {
        int[] counts = activity.targets[t];
        for (int row = activity.start[p]; row < activity.start[p + 1] && activity.day[row] <= cutoffDay; row++) {
            if (counts[row] > 0) {
                return true;
            }
        }
        return false;
    }

    private boolean happenedWithin(int[] counts, int p, int cutoffDay) {
        for (int row = activity.start[p]; row < activity.start[p + 1]; row++) {
            int day = activity.day[row];
            if (day > cutoffDay + HORIZON_DAYS) {
                return false;
            }
            if (day > cutoffDay && counts[row] > 0) {
                return true;
            }
        }
        return false;
    }
}
