-- Foundation: the event log, identities, profiles, suppressions and credentials.

CREATE TABLE credentials (
    kind       text PRIMARY KEY,
    hash       text        NOT NULL,
    created_at timestamptz NOT NULL
);

-- The append-only event log, the source of truth. Appends are serialised (one writer at a time, guarded by an
-- advisory lock), so seq order is commit order and a consumer reading "seq > position" never skips an event.
CREATE TABLE events (
    seq          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    message_id   text        NOT NULL,
    type         text        NOT NULL,
    event        text,
    user_id      text,
    anonymous_id text,
    occurred_at  timestamptz NOT NULL,
    received_at  timestamptz NOT NULL,
    payload      jsonb       NOT NULL
);
CREATE UNIQUE INDEX events_message_id ON events (message_id);
CREATE INDEX events_user_id ON events (user_id, seq) WHERE user_id IS NOT NULL;
CREATE INDEX events_anonymous_id ON events (anonymous_id, seq) WHERE anonymous_id IS NOT NULL;

-- How far each consumer of the log has got; advanced in the same transaction as the consumer's writes.
CREATE TABLE log_consumers (
    name     text PRIMARY KEY,
    position bigint NOT NULL
);
INSERT INTO log_consumers (name, position) VALUES ('profiles', 0);

CREATE SEQUENCE profile_ids;

CREATE TABLE profiles (
    id            bigint PRIMARY KEY,
    merged_into   bigint,
    created_at    timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL,
    first_seen    timestamptz NOT NULL,
    last_seen     timestamptz NOT NULL,
    event_count   bigint         NOT NULL DEFAULT 0,
    session_count integer        NOT NULL DEFAULT 0,
    order_count   integer        NOT NULL DEFAULT 0,
    revenue       numeric(18, 2) NOT NULL DEFAULT 0,
    traits        jsonb          NOT NULL DEFAULT '{}',
    trait_times   jsonb          NOT NULL DEFAULT '{}',
    consents      jsonb          NOT NULL DEFAULT '{}'
);
CREATE INDEX profiles_merged_into ON profiles (merged_into) WHERE merged_into IS NOT NULL;

-- Every change of a trait value, for the profile's history.
CREATE TABLE trait_history (
    profile_id  bigint      NOT NULL,
    trait       text        NOT NULL,
    value       jsonb       NOT NULL,
    observed_at timestamptz NOT NULL,
    seq         bigint      NOT NULL
);
CREATE INDEX trait_history_profile ON trait_history (profile_id, trait, observed_at);

-- The identity graph: each normalised identifier belongs to exactly one live profile. origin_profile_id is the
-- profile it was first attached to, so that undoing a merge can give each identifier back.
CREATE TABLE identities (
    type              text        NOT NULL,
    value             text        NOT NULL,
    profile_id        bigint      NOT NULL,
    origin_profile_id bigint      NOT NULL,
    first_seen        timestamptz NOT NULL,
    seq               bigint      NOT NULL,
    PRIMARY KEY (type, value)
);
CREATE INDEX identities_profile ON identities (profile_id);

-- Every merge with its cause, so a wrong one can be explained and undone.
CREATE TABLE profile_merges (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    survivor_id       bigint      NOT NULL,
    merged_id         bigint      NOT NULL,
    cause_seq         bigint      NOT NULL,
    cause_message_id  text        NOT NULL,
    linking           jsonb       NOT NULL,
    merged_at         timestamptz NOT NULL,
    undone_at         timestamptz,
    undone_reason     text
);
CREATE INDEX profile_merges_survivor ON profile_merges (survivor_id);
CREATE INDEX profile_merges_merged ON profile_merges (merged_id);

-- Profiles a person separated by undoing a merge; they never merge again.
CREATE TABLE profile_separations (
    profile_a bigint NOT NULL,
    profile_b bigint NOT NULL,
    PRIMARY KEY (profile_a, profile_b)
);

-- Links the guards refused, counted, for explanation.
CREATE TABLE identity_refusals (
    profile_id    bigint      NOT NULL,
    other_profile bigint      NOT NULL,
    identifier    text        NOT NULL,
    reason        text        NOT NULL,
    first_seq     bigint      NOT NULL,
    last_seq      bigint      NOT NULL,
    occurrences   bigint      NOT NULL,
    PRIMARY KEY (profile_id, other_profile, identifier, reason)
);

-- Erased people: salted hashes of their identifiers; their later events are dropped unless they consent again.
CREATE TABLE suppressions (
    identifier_hash text PRIMARY KEY,
    erased_at       timestamptz NOT NULL
);

CREATE TABLE settings (
    name  text PRIMARY KEY,
    value text NOT NULL
);
