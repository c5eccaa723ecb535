-- Decision cards: recommendations a marketer approves, edits or rejects; every step in the audit trail.

CREATE TABLE decision_cards (
    id              bigserial      PRIMARY KEY,
    kind            text           NOT NULL,
    status          text           NOT NULL CHECK (status IN ('proposed', 'approved', 'rejected', 'superseded')),
    fit_id          bigint         NOT NULL,
    model_version   text           NOT NULL,
    created_at      timestamptz    NOT NULL,
    period_start    date           NOT NULL,
    period_end      date           NOT NULL,
    budget          numeric(18, 2) NOT NULL,
    card            jsonb          NOT NULL,
    final_plan      jsonb,
    decided_at      timestamptz,
    decided_by      text,
    decision_comment text
);
CREATE INDEX decision_cards_created_at ON decision_cards (created_at DESC);

CREATE TABLE decision_audit (
    id            bigserial   PRIMARY KEY,
    card_id       bigint      NOT NULL REFERENCES decision_cards (id),
    action        text        NOT NULL,
    actor         text        NOT NULL,
    at            timestamptz NOT NULL,
    model_version text        NOT NULL,
    comment       text,
    details       jsonb       NOT NULL DEFAULT '{}'
);
CREATE INDEX decision_audit_card ON decision_audit (card_id, at);

-- The budget plans approved cards made active; at most one is active at a time.
CREATE TABLE budget_plans (
    id           bigserial      PRIMARY KEY,
    card_id      bigint         NOT NULL REFERENCES decision_cards (id),
    period_start date           NOT NULL,
    period_end   date           NOT NULL,
    plan         jsonb          NOT NULL,
    activated_at timestamptz    NOT NULL,
    activated_by text           NOT NULL,
    active       boolean        NOT NULL
);
CREATE UNIQUE INDEX budget_plans_one_active ON budget_plans (active) WHERE active;
