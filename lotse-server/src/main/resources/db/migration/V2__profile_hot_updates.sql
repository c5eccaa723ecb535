-- The profile projection rewrites each active profile's figures every round; free space on each page lets
-- PostgreSQL update in place (HOT) without touching the indexes.
ALTER TABLE profiles SET (fillfactor = 70);
