-- 0008_staff: staff administration in the portal (issue 5 point 2). A
-- password a unit admin issued is an initial one: it works until
-- `initial_until` and only to choose one's own (NULL: the clinician's own
-- password). A session that timed out is marked ended instead of deleted,
-- so a reply posted from it can still be kept as that clinician's draft
-- (ADR 0010); rows are removed a day after their last request. The access
-- log is read per clinician too ("what I looked at").
ALTER TABLE staff_credentials ADD COLUMN initial_until TEXT COLLATE "C";
ALTER TABLE portal_sessions ADD COLUMN ended_at TEXT COLLATE "C";
CREATE INDEX access_log_by_clinician ON access_log (clinician_id, id);
