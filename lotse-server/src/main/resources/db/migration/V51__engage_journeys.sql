-- Journeys: automated sequences a person goes through after a trigger, with their state per person.

CREATE TABLE engage_journeys (
    id         bigserial PRIMARY KEY,
    name       text        NOT NULL,
    status     text        NOT NULL CHECK (status IN ('draft', 'active', 'paused')),
    -- what lets a person in: {"kind": "event", "event": "Product Added"}, {"kind": "segment_entered", "key": ...},
    -- {"kind": "segment_left", ...}, {"kind": "date", "trait": "birthday"}, {"kind": "form_submitted", "form": ...}
    trigger    jsonb       NOT NULL,
    -- the steps, each {"id": ..., "type": ..., ...}; see JourneyDefinition
    steps      jsonb       NOT NULL,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL
);

-- One person's way through a journey. The row is the whole state: which step is next, when, and what it waits for,
-- so a restart continues where it stopped.
CREATE TABLE engage_journey_runs (
    id           bigserial PRIMARY KEY,
    journey_id   bigint      NOT NULL REFERENCES engage_journeys (id),
    profile_id   bigint      NOT NULL,
    -- what let the person in (an event's log position, a date, a segment change), so the same cause enters once
    trigger_key  text        NOT NULL,
    status       text        NOT NULL CHECK (status IN ('active', 'waiting', 'done', 'exited', 'failed')),
    current_step text,
    next_at      timestamptz NOT NULL,
    wait_event   text,
    entered_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL,
    UNIQUE (journey_id, profile_id, trigger_key)
);
CREATE INDEX engage_journey_runs_due ON engage_journey_runs (next_at) WHERE status IN ('active', 'waiting');
CREATE INDEX engage_journey_runs_profile ON engage_journey_runs (profile_id) WHERE status IN ('active', 'waiting');

-- Every step a run has begun, written before its effect: a step found here is never begun again, so each step is
-- done at most once (and, as it commits with the run's advance or is finished after a restart, exactly once).
CREATE TABLE engage_journey_steps (
    run_id     bigint      NOT NULL REFERENCES engage_journey_runs (id),
    step_id    text        NOT NULL,
    outcome    text        NOT NULL,
    started_at timestamptz NOT NULL,
    done_at    timestamptz,
    PRIMARY KEY (run_id, step_id)
);

-- A journey's email is recorded with its run and step before it is sent; the unique key stops a second attempt.
ALTER TABLE engage_deliveries ADD COLUMN journey_run bigint;
ALTER TABLE engage_deliveries ALTER COLUMN journey_step TYPE text;
CREATE UNIQUE INDEX engage_deliveries_journey_step ON engage_deliveries (journey_run, journey_step)
    WHERE kind = 'journey';

-- Journeys tell salespeople about people by email; such notifications are neither marketing nor confirmations.
ALTER TABLE engage_deliveries DROP CONSTRAINT engage_deliveries_kind_check;
ALTER TABLE engage_deliveries ADD CONSTRAINT engage_deliveries_kind_check
    CHECK (kind IN ('campaign', 'journey', 'test', 'confirmation', 'notification'));
