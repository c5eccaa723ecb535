-- The lead lifecycle: stages people move through, moved by behaviour points and propensity scores, and the
-- hand-over of leads to a CRM.

-- The stages in order. A stage is reached when any of its criteria holds: enough points, a score at or above a
-- threshold, or a milestone event. Names can be changed; keys stay.
CREATE TABLE engage_lifecycle_stages (
    key        text PRIMARY KEY,
    name       text             NOT NULL,
    position   integer          NOT NULL UNIQUE,
    min_points integer,
    score_name text,
    min_score  double precision,
    on_event   text
);
INSERT INTO engage_lifecycle_stages (key, name, position, min_points, score_name, min_score, on_event) VALUES
    ('subscriber', 'Subscriber', 1, 0, NULL, NULL, NULL),
    ('lead', 'Lead', 2, 10, NULL, NULL, 'Signed Up'),
    ('mql', 'Marketing qualified lead', 3, 50, 'purchase_propensity', 0.6, NULL),
    ('sql', 'Sales qualified lead', 4, 100, NULL, NULL, 'Demo Requested'),
    ('opportunity', 'Opportunity', 5, NULL, NULL, NULL, 'Opportunity Created'),
    ('customer', 'Customer', 6, NULL, NULL, NULL, 'Order Completed'),
    ('evangelist', 'Evangelist', 7, NULL, NULL, NULL, 'Review Submitted');

-- Behaviour points per event, as in Mautic: each occurrence adds its points.
CREATE TABLE engage_point_rules (
    event  text PRIMARY KEY,
    points integer NOT NULL
);
INSERT INTO engage_point_rules (event, points) VALUES
    ('Product Viewed', 1), ('Product Added', 3), ('Email Link Clicked', 2), ('Newsletter Confirmed', 5),
    ('Form Submitted', 10), ('Signed Up', 10), ('Demo Requested', 30), ('Order Completed', 20);

-- Each person's points, milestones and stage.
CREATE TABLE engage_leads (
    profile_id       bigint PRIMARY KEY,
    points           integer     NOT NULL,
    milestones       text[]      NOT NULL DEFAULT '{}',
    stage            text        NOT NULL REFERENCES engage_lifecycle_stages (key),
    stage_changed_at timestamptz NOT NULL,
    updated_at       timestamptz NOT NULL
);
CREATE INDEX engage_leads_stage ON engage_leads (stage);

CREATE TABLE engage_stage_changes (
    id         bigserial PRIMARY KEY,
    profile_id bigint      NOT NULL,
    from_stage text,
    to_stage   text        NOT NULL,
    reason     text        NOT NULL,
    changed_at timestamptz NOT NULL
);
CREATE INDEX engage_stage_changes_profile ON engage_stage_changes (profile_id, changed_at);

-- Leads handed over to a CRM by webhook, kept until the CRM took them; failed calls are retried with back-off.
CREATE TABLE engage_crm_outbox (
    id              bigserial PRIMARY KEY,
    profile_id      bigint      NOT NULL,
    payload         jsonb       NOT NULL,
    status          text        NOT NULL CHECK (status IN ('pending', 'sent', 'failed')),
    attempts        integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL,
    last_error      text,
    created_at      timestamptz NOT NULL,
    sent_at         timestamptz
);
CREATE INDEX engage_crm_outbox_due ON engage_crm_outbox (next_attempt_at) WHERE status = 'pending';
