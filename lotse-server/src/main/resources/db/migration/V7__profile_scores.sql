-- The latest scores of each profile, written by the prediction models (one row per profile, replaced on every
-- scoring run) and read by segments. rfm_segment holds the names CHAMPIONS, LOYAL, POTENTIAL_LOYALISTS, NEW,
-- PROMISING, NEED_ATTENTION, ABOUT_TO_SLEEP, AT_RISK, CANT_LOSE_THEM, HIBERNATING; clv_percentile is the percent
-- rank of clv_12m among the scored profiles, 0 to 100; churn_risk is in percent, 0 to 100.
CREATE TABLE profile_scores (
    profile_id             bigint PRIMARY KEY,
    scored_at              timestamptz NOT NULL,
    model_id               bigint      NOT NULL,
    rfm_recency            smallint,
    rfm_frequency          smallint,
    rfm_monetary           smallint,
    rfm_segment            text,
    p_alive                double precision,
    expected_purchases_90d double precision,
    clv_12m                numeric(18, 2),
    clv_percentile         double precision,
    churn_risk             smallint,
    next_order_date        date,
    propensity_30d         double precision,
    explanation            jsonb
);
