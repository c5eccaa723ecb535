-- Segments: named rules over profiles, versioned, with their members kept current.
CREATE TABLE segments (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    key          text        NOT NULL UNIQUE,
    name         text        NOT NULL,
    description  text        NOT NULL DEFAULT '',
    created_at   timestamptz NOT NULL,
    archived_at  timestamptz,
    -- members right now, kept with every evaluation
    size         bigint      NOT NULL DEFAULT 0,
    evaluated_at timestamptz
);

-- Every rule a segment ever had; members follow the latest.
CREATE TABLE segment_versions (
    segment_id bigint      NOT NULL REFERENCES segments (id),
    version    integer     NOT NULL,
    rule       jsonb       NOT NULL,
    created_at timestamptz NOT NULL,
    created_by text,
    PRIMARY KEY (segment_id, version)
);

CREATE TABLE segment_members (
    segment_id bigint      NOT NULL,
    profile_id bigint      NOT NULL,
    entered_at timestamptz NOT NULL,
    PRIMARY KEY (segment_id, profile_id)
);
CREATE INDEX segment_members_profile ON segment_members (profile_id);

-- Every entry and exit, for journeys and for the record.
CREATE TABLE segment_membership_changes (
    id           bigserial   PRIMARY KEY,
    segment_id   bigint      NOT NULL,
    profile_id   bigint      NOT NULL,
    entered      boolean     NOT NULL,
    changed_at   timestamptz NOT NULL,
    rule_version integer     NOT NULL
);
CREATE INDEX segment_membership_changes_segment ON segment_membership_changes (segment_id, id);
CREATE INDEX segment_membership_changes_profile ON segment_membership_changes (profile_id);

-- Size over time: at most one point per segment and minute, written when the size changed.
CREATE TABLE segment_sizes (
    segment_id bigint      NOT NULL,
    at         timestamptz NOT NULL,
    size       bigint      NOT NULL,
    PRIMARY KEY (segment_id, at)
);
