package io.lotse.engine.propensity;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Derives a person's features at a cutoff from their history: only events strictly before the cutoff count.
 * Durations are in days. A value that does not exist for the person (the interval between purchases of someone
 * who bought once, the open rate of someone never emailed) is {@code NaN}; the models handle it.
 *
 * <p>Features of {@link FeatureGroup#ORDERS}: {@value #RECENCY} = ln(1 + days since the last order),
 * {@code frequency} (orders), {@code monetary_total_log} and {@code monetary_mean_log} (ln(1 + spend)),
 * {@code tenure_days} (since the first order), {@code interval_mean_days}, {@code interval_std_days},
 * {@code interval_last_days} (between consecutive orders), {@code recency_to_interval} (days since the last order
 * over the mean interval), {@code orders_30d}/{@code _90d}/{@code _180d} and {@code spend_30d_log}/{@code _90d_log}/
 * {@code _180d_log} (the last 30, 90, 180 days), {@code orders_per_month} (orders per 30 days of tenure, tenure
 * counted from 30 days so that one-time buyers are not extreme), {@code active_months_365d} (calendar months with an
 * order in the last year), {@code distinct_products} and {@code products_per_order}.
 * {@link FeatureGroup#CATEGORIES}: {@code category_count}, {@code top_category_share},
 * {@code top3_category_share} (of spend). {@link FeatureGroup#SESSIONS}: {@code sessions_7d},
 * {@code sessions_30d}, {@code days_since_session}. {@link FeatureGroup#EMAIL}: {@code emails_sent_90d},
 * {@code email_open_rate}, {@code email_click_rate} (opens and clicks per email sent), {@code days_since_click}.
 * Extra features follow in the order they were declared.
 */
public final class FeatureBuilder {

    public static final String RECENCY = "recency_days_log";
    public static final String FREQUENCY = "frequency";
    public static final String MONETARY_TOTAL = "monetary_total_log";
    public static final String MONETARY_MEAN = "monetary_mean_log";
    public static final String TENURE = "tenure_days";

    private static final double DAY_SECONDS = 86_400.0;

    private static final List<String> ORDER_FEATURES = List.of(RECENCY, FREQUENCY, MONETARY_TOTAL, MONETARY_MEAN,
            TENURE, "interval_mean_days", "interval_std_days", "interval_last_days", "recency_to_interval",
            "orders_30d", "orders_90d", "orders_180d", "spend_30d_log", "spend_90d_log", "spend_180d_log",
            "orders_per_month", "active_months_365d", "distinct_products", "products_per_order");
    private static final List<String> CATEGORY_FEATURES = List.of("category_count", "top_category_share",
            "top3_category_share");
    private static final List<String> SESSION_FEATURES = List.of("sessions_7d", "sessions_30d",
            "days_since_session");
    private static final List<String> EMAIL_FEATURES = List.of("emails_sent_90d", "email_open_rate",
            "email_click_rate", "days_since_click");

    private final Set<FeatureGroup> groups;
    private final List<String> extraNames;
    private final FeatureSchema schema;

    private FeatureBuilder(Set<FeatureGroup> groups, List<String> extraNames) {
        this.groups = EnumSet.copyOf(groups);
        this.extraNames = List.copyOf(extraNames);
        List<String> names = new ArrayList<>(ORDER_FEATURES);
        if (groups.contains(FeatureGroup.CATEGORIES)) {
            names.addAll(CATEGORY_FEATURES);
        }
        if (groups.contains(FeatureGroup.SESSIONS)) {
            names.addAll(SESSION_FEATURES);
        }
        if (groups.contains(FeatureGroup.EMAIL)) {
            names.addAll(EMAIL_FEATURES);
        }
        names.addAll(extraNames);
        this.schema = new FeatureSchema(names);
    }

    /**
     * A builder of the given groups ({@link FeatureGroup#ORDERS} is always included) followed by extra features
     * that callers supply by name in each {@link CustomerHistory}.
     */
    public static FeatureBuilder of(Set<FeatureGroup> groups, List<String> extraFeatureNames) {
        EnumSet<FeatureGroup> all = EnumSet.of(FeatureGroup.ORDERS);
        all.addAll(groups);
        return new FeatureBuilder(all, extraFeatureNames);
    }

    /** A builder of the order features only. */
    public static FeatureBuilder ordersOnly() {
        return of(EnumSet.of(FeatureGroup.ORDERS), List.of());
    }

    public FeatureSchema schema() {
        return schema;
    }

    /**
     * The person's features at the cutoff. An extra feature the builder declares but the history lacks is
     * {@code NaN}; one the builder does not declare is an error.
     */
    public FeatureVector build(CustomerHistory history, Instant cutoff) {
        double[] values = new double[schema.size()];
        int next = orderFeatures(history.orders(), cutoff, values);
        if (groups.contains(FeatureGroup.CATEGORIES)) {
            next = categoryFeatures(history.orders(), cutoff, values, next);
        }
        if (groups.contains(FeatureGroup.SESSIONS)) {
            next = sessionFeatures(history.sessions(), cutoff, values, next);
        }
        if (groups.contains(FeatureGroup.EMAIL)) {
            next = emailFeatures(history.emails(), cutoff, values, next);
        }
        Map<String, Double> extras = new HashMap<>();
        for (ExtraFeature extra : history.extras()) {
            if (!extraNames.contains(extra.name())) {
                throw new IllegalArgumentException("extra feature '" + extra.name() + "' is not declared; declared: "
                        + extraNames);
            }
            extras.put(extra.name(), extra.value());
        }
        for (String name : extraNames) {
            values[next++] = extras.getOrDefault(name, Double.NaN);
        }
        return new FeatureVector(schema, values);
    }

    private static double daysBetween(Instant from, Instant to) {
        return (to.getEpochSecond() - from.getEpochSecond()) / DAY_SECONDS;
    }

    private static int orderFeatures(List<Order> all, Instant cutoff, double[] values) {
        List<Order> orders = new ArrayList<>();
        for (Order order : all) {
            if (order.at().isBefore(cutoff)) {
                orders.add(order);
            }
        }
        orders.sort((a, b) -> a.at().compareTo(b.at()));
        int n = orders.size();
        if (n == 0) {
            // Someone who never ordered: recency, tenure, intervals and means do not exist; counts and spend are 0.
            double none = Double.NaN;
            double[] neverOrdered = {none, 0, 0, none, none, none, none, none, none, 0, 0, 0, 0, 0, 0, 0, 0, 0, none};
            System.arraycopy(neverOrdered, 0, values, 0, neverOrdered.length);
            return neverOrdered.length;
        }
        double total = 0;
        int[] recentOrders = new int[3];
        double[] recentSpend = new double[3];
        int[] windows = {30, 90, 180};
        Set<YearMonth> activeMonths = new HashSet<>();
        Set<String> products = new HashSet<>();
        int linesKnown = 0;
        int productsPerOrderSum = 0;
        for (Order order : orders) {
            total += order.amount();
            double age = daysBetween(order.at(), cutoff);
            for (int w = 0; w < windows.length; w++) {
                if (age <= windows[w]) {
                    recentOrders[w]++;
                    recentSpend[w] += order.amount();
                }
            }
            if (age <= 365) {
                activeMonths.add(YearMonth.from(order.at().atZone(ZoneOffset.UTC)));
            }
            if (!order.lines().isEmpty()) {
                linesKnown++;
                Set<String> inOrder = new HashSet<>();
                for (OrderLine line : order.lines()) {
                    inOrder.add(line.product());
                }
                productsPerOrderSum += inOrder.size();
                products.addAll(inOrder);
            }
        }
        double recency = daysBetween(orders.get(n - 1).at(), cutoff);
        double tenure = daysBetween(orders.get(0).at(), cutoff);
        double intervalMean = Double.NaN;
        double intervalStd = Double.NaN;
        double intervalLast = Double.NaN;
        if (n >= 2) {
            double[] intervals = new double[n - 1];
            double sum = 0;
            for (int i = 1; i < n; i++) {
                intervals[i - 1] = daysBetween(orders.get(i - 1).at(), orders.get(i).at());
                sum += intervals[i - 1];
            }
            intervalMean = sum / intervals.length;
            double squares = 0;
            for (double interval : intervals) {
                squares += (interval - intervalMean) * (interval - intervalMean);
            }
            intervalStd = Math.sqrt(squares / intervals.length);
            intervalLast = intervals[intervals.length - 1];
        }
        int i = 0;
        values[i++] = Math.log1p(recency);
        values[i++] = n;
        values[i++] = Math.log1p(total);
        values[i++] = Math.log1p(total / n);
        values[i++] = tenure;
        values[i++] = intervalMean;
        values[i++] = intervalStd;
        values[i++] = intervalLast;
        // Intervals within one day make the ratio explode; a day is the resolution that matters here.
        values[i++] = n >= 2 ? recency / Math.max(intervalMean, 1.0) : Double.NaN;
        for (int count : recentOrders) {
            values[i++] = count;
        }
        for (double spend : recentSpend) {
            values[i++] = Math.log1p(spend);
        }
        values[i++] = n * 30.0 / (tenure + 30.0);
        values[i++] = activeMonths.size();
        values[i++] = linesKnown == 0 ? Double.NaN : products.size();
        values[i++] = linesKnown == 0 ? Double.NaN : (double) productsPerOrderSum / linesKnown;
        return i;
    }

    private static int categoryFeatures(List<Order> orders, Instant cutoff, double[] values, int start) {
        Map<String, Double> spendByCategory = new HashMap<>();
        double total = 0;
        for (Order order : orders) {
            if (!order.at().isBefore(cutoff)) {
                continue;
            }
            for (OrderLine line : order.lines()) {
                if (line.category() != null) {
                    spendByCategory.merge(line.category(), line.amount(), Double::sum);
                    total += line.amount();
                }
            }
        }
        int i = start;
        values[i++] = spendByCategory.size();
        if (spendByCategory.isEmpty() || total <= 0) {
            values[i++] = Double.NaN;
            values[i++] = Double.NaN;
            return i;
        }
        double[] spends = spendByCategory.values().stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int last = spends.length - 1;
        double top3 = 0;
        for (int k = 0; k < 3 && last - k >= 0; k++) {
            top3 += spends[last - k];
        }
        values[i++] = spends[last] / total;
        values[i++] = top3 / total;
        return i;
    }

    private static int sessionFeatures(List<Instant> sessions, Instant cutoff, double[] values, int start) {
        int week = 0;
        int month = 0;
        double sinceLast = Double.NaN;
        for (Instant at : sessions) {
            if (!at.isBefore(cutoff)) {
                continue;
            }
            double age = daysBetween(at, cutoff);
            if (age <= 7) {
                week++;
            }
            if (age <= 30) {
                month++;
            }
            if (Double.isNaN(sinceLast) || age < sinceLast) {
                sinceLast = age;
            }
        }
        int i = start;
        values[i++] = week;
        values[i++] = month;
        values[i++] = sinceLast;
        return i;
    }

    private static int emailFeatures(List<EmailEvent> emails, Instant cutoff, double[] values, int start) {
        int sent = 0;
        int sentRecently = 0;
        int opened = 0;
        int clicked = 0;
        double sinceClick = Double.NaN;
        for (EmailEvent event : emails) {
            if (!event.at().isBefore(cutoff)) {
                continue;
            }
            double age = daysBetween(event.at(), cutoff);
            switch (event.action()) {
                case SENT -> {
                    sent++;
                    if (age <= 90) {
                        sentRecently++;
                    }
                }
                case OPENED -> opened++;
                case CLICKED -> {
                    clicked++;
                    if (Double.isNaN(sinceClick) || age < sinceClick) {
                        sinceClick = age;
                    }
                }
            }
        }
        int i = start;
        values[i++] = sentRecently;
        // Opens can be counted more often than sends (one email opened twice); a rate above 1 says nothing more.
        values[i++] = sent == 0 ? Double.NaN : Math.min(1.0, (double) opened / sent);
        values[i++] = sent == 0 ? Double.NaN : Math.min(1.0, (double) clicked / sent);
        values[i++] = sinceClick;
        return i;
    }
}
