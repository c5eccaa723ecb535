-- Imports of CSV and Excel files: one row per import (dry runs are not kept), with its full report.
CREATE TABLE imports (
    id            bigserial   PRIMARY KEY,
    kind          text        NOT NULL CHECK (kind IN ('contacts', 'orders')),
    file_name     text        NOT NULL,
    started_at    timestamptz NOT NULL,
    duration_ms   bigint      NOT NULL,
    row_count     bigint      NOT NULL,
    imported      bigint      NOT NULL,
    merged        bigint      NOT NULL,
    rejected      bigint      NOT NULL,
    events_stored bigint      NOT NULL,
    report        jsonb       NOT NULL
);

CREATE INDEX imports_started_at ON imports (started_at DESC);
