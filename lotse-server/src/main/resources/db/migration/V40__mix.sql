-- Marketing mix: spend per week and channel (imported), lift tests, and fitted models with their provenance.

-- One row per ISO week (its Monday) and channel; a re-import of the same week and channel replaces the value.
CREATE TABLE mix_spend (
    week        date           NOT NULL,
    channel     text           NOT NULL,
    spend       numeric(18, 2) NOT NULL CHECK (spend >= 0),
    impressions bigint,
    source      text           NOT NULL,
    imported_at timestamptz    NOT NULL,
    PRIMARY KEY (week, channel)
);

-- Results of lift tests or geo experiments that calibrate the model.
CREATE TABLE mix_lift_tests (
    id          bigserial   PRIMARY KEY,
    channel     text        NOT NULL,
    date_from   date        NOT NULL,
    date_to     date        NOT NULL,
    incremental double precision NOT NULL,
    lower_bound double precision NOT NULL,
    upper_bound double precision NOT NULL,
    note        text,
    created_at  timestamptz NOT NULL,
    created_by  text        NOT NULL
);

-- Every fit: what was asked, the data it saw, the fitted parameters (selected model and bootstrap refits) and
-- the results shown in the UI and API. model_version names the fit for decisions and audit trails.
CREATE TABLE mix_fits (
    id            bigserial   PRIMARY KEY,
    model_version text        NOT NULL,
    status        text        NOT NULL CHECK (status IN ('running', 'done', 'failed')),
    outcome       text        NOT NULL CHECK (outcome IN ('revenue', 'orders')),
    requested_at  timestamptz NOT NULL,
    requested_by  text        NOT NULL,
    finished_at   timestamptz,
    settings      jsonb       NOT NULL,
    input         jsonb,
    models        jsonb,
    result        jsonb,
    error         text
);
CREATE INDEX mix_fits_requested_at ON mix_fits (requested_at DESC);
