-- Training runs of the prediction models, each with its provenance: when it ran, on which data window, with
-- which seed, the fitted parameters and the fit metrics, or why it failed. profile_scores.model_id points here.
CREATE TABLE prediction_models (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind         text        NOT NULL,
    status       text        NOT NULL CHECK (status IN ('running', 'succeeded', 'failed')),
    trigger      text        NOT NULL CHECK (trigger IN ('api', 'ui', 'schedule')),
    trained_at   timestamptz NOT NULL,
    finished_at  timestamptz,
    window_start timestamptz,
    window_end   timestamptz NOT NULL,
    seed         bigint      NOT NULL,
    parameters   jsonb       NOT NULL DEFAULT '{}',
    metrics      jsonb       NOT NULL DEFAULT '{}',
    profiles     integer,
    failure_type text CHECK (failure_type IN ('not-enough-data', 'error')),
    failure      text
);
