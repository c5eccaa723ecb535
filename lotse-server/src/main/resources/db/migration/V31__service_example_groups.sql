-- Customer service: an example may say which group of phrasings it belongs to (e.g. the template or agent it
-- came from); the automation thresholds are then validated holding that group out whole.
ALTER TABLE service_examples ADD COLUMN phrasing_group text;
