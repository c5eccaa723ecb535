-- Each index on the event log costs on every append. Lookups by user or anonymous id (timelines, erasure)
-- return a handful of rows per person, which are then sorted by seq; carrying seq in the index is not worth
-- its cost on the hot path.
DROP INDEX events_user_id;
DROP INDEX events_anonymous_id;
CREATE INDEX events_user_id ON events (user_id) WHERE user_id IS NOT NULL;
CREATE INDEX events_anonymous_id ON events (anonymous_id) WHERE anonymous_id IS NOT NULL;
