-- The identifiers of one erasure are lifted together when the person consents again; they share an erasure id
-- (before, a unique erasure time stood in for it, which is not unique across several Lotse processes).
ALTER TABLE suppressions ADD COLUMN erasure_id uuid;
UPDATE suppressions SET erasure_id = md5(erased_at::text)::uuid;
ALTER TABLE suppressions ALTER COLUMN erasure_id SET NOT NULL;
CREATE INDEX suppressions_erasure ON suppressions (erasure_id);
