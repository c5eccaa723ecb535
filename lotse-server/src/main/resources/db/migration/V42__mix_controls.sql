-- Marketing mix: control variables per week (promotions, prices), imported like spend; a re-import of the same
-- week and control replaces the value.
CREATE TABLE mix_controls (
    week        date             NOT NULL,
    control     text             NOT NULL,
    value       double precision NOT NULL,
    source      text             NOT NULL,
    imported_at timestamptz      NOT NULL,
    PRIMARY KEY (week, control)
);
