-- Time-window questions on the log ("events in the last hour") read only recent pages. Appends arrive in
-- receipt order, so a BRIN index fits: a few pages in size and almost free to maintain on the hot path.
CREATE INDEX events_received_at ON events USING brin (received_at);
