package io.lotse.engine.propensity;

/** Groups of features a {@link FeatureBuilder} derives; a group whose data a shop does not have is left out. */
public enum FeatureGroup {
    /** Recency, frequency, monetary value, tenure, inter-purchase intervals, recent activity, products. */
    ORDERS,
    /** Category affinity: number of categories bought and the share of spend in the top categories. */
    CATEGORIES,
    /** Visits: sessions in the last 7 and 30 days, days since the last session. */
    SESSIONS,
    /** Email engagement: emails sent in the last 90 days, open and click rates, days since the last click. */
    EMAIL
}
