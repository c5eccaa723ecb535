-- How often each profile did each track event per day (UTC), by the event's properties.category when it has one:
-- what segments ask about behaviour ("Order Completed at least twice in the last 90 days"). Kept by the profile
-- projection in the same transaction as the profiles; names longer than 200 characters are cut to 200.
CREATE TABLE profile_event_days (
    profile_id bigint  NOT NULL,
    day        date    NOT NULL,
    event      text    NOT NULL,
    category   text    NOT NULL DEFAULT '',
    count      integer NOT NULL,
    PRIMARY KEY (profile_id, day, event, category)
);
-- Most writes add to the count of an existing row. With the count in no index and free space on every page,
-- PostgreSQL updates such rows in place (HOT) without touching an index, which keeps the projection fast.
ALTER TABLE profile_event_days SET (fillfactor = 70);
-- "Who did event X since day D" for whole-population evaluations: a range scan of this index (an index-only scan
-- when the count does not matter).
CREATE INDEX profile_event_days_event ON profile_event_days (event, day) INCLUDE (profile_id, category);

-- Events logged before this table existed, attributed through the user id or else the anonymous id they carry
-- (the profile projection attributes new events itself).
INSERT INTO profile_event_days (profile_id, day, event, category, count)
SELECT coalesce(u.profile_id, a.profile_id), (e.occurred_at AT TIME ZONE 'UTC')::date, left(e.event, 200),
       CASE WHEN jsonb_typeof(e.payload -> 'properties' -> 'category') = 'string'
            THEN left(e.payload -> 'properties' ->> 'category', 200) ELSE '' END,
       count(*)
FROM events e
LEFT JOIN identities u ON u.type = 'user_id' AND u.value = e.user_id
LEFT JOIN identities a ON a.type = 'anonymous_id' AND a.value = e.anonymous_id
WHERE e.type = 'track' AND e.event IS NOT NULL AND coalesce(u.profile_id, a.profile_id) IS NOT NULL
GROUP BY 1, 2, 3, 4;
