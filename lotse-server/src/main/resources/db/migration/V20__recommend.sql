-- Recommendations: the rules of each placement (blend weights and business rules) and product flags the rules
-- use. Models themselves live in memory and are rebuilt from the event log.
CREATE TABLE recommend_placements (
    placement  text PRIMARY KEY,
    rules      jsonb       NOT NULL,
    updated_at timestamptz NOT NULL
);

-- Products taken out of recommendations (inactive) or not deliverable now (out of stock). Products without a
-- row are active and in stock.
CREATE TABLE recommend_products (
    product_id text PRIMARY KEY,
    active     boolean     NOT NULL,
    in_stock   boolean     NOT NULL,
    updated_at timestamptz NOT NULL
);
