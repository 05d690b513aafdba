-- The question and entry of each answer version as columns computed from
-- its payload (stored: computed once, at insert), indexed for answer
-- versions only, so the portal finds each answer's current version (the
-- highest clock stamp per patient, question and entry) from the index
-- instead of parsing every payload's JSON (docs/benchmarks.md, portal).
ALTER TABLE changes ADD COLUMN question_id TEXT COLLATE "C"
    GENERATED ALWAYS AS (CASE WHEN entity = 'answer_version' THEN payload::jsonb ->> 'question_id' END) STORED;
ALTER TABLE changes ADD COLUMN entry_id TEXT COLLATE "C"
    GENERATED ALWAYS AS (CASE WHEN entity = 'answer_version' THEN payload::jsonb ->> 'entry_id' END) STORED;
CREATE INDEX answer_versions_by_key ON changes (patient_id, question_id, entry_id, hlc, entity_id)
    WHERE entity = 'answer_version';
