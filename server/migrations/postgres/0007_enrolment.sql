-- 0007_enrolment: what the portal's enrolment records beside the patient
-- (issue 5, point 5): who assessed the patient and on which day, and whether
-- access starts at the first activation (the portal's enrolments: the
-- store then sets the enrolment's start when the first device activates
-- and clears the flag). A visit gets a place or a video link (point 6).
ALTER TABLE patients ADD COLUMN assessed_by TEXT;
ALTER TABLE patients ADD COLUMN assessed_on TEXT COLLATE "C";
ALTER TABLE patients ADD COLUMN starts_at_activation BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE visits ADD COLUMN place TEXT;
ALTER TABLE visits ADD COLUMN video_link TEXT;
