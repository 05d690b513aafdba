-- 0004_clinic: what the clinic sends down (messages, read marks, enrolment
-- changes, visits, reviewed marks) shares the patient's feed, so a change
-- now says who made it (`source`): a device, or the clinic (`clinician_id`).
-- Messages, visits and reviewed marks also get tables of their own for the
-- clinic's views. Staff API tokens (hashed) and the access log of every
-- clinician read of patient data.
CREATE TABLE changes_v4 (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    patient_id TEXT NOT NULL REFERENCES patients (id),
    change_id TEXT NOT NULL,
    source TEXT NOT NULL CHECK (source IN ('device', 'clinic')),
    device_id TEXT REFERENCES devices (id),
    clinician_id TEXT REFERENCES clinicians (id),
    entity TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    hlc TEXT NOT NULL,
    payload TEXT NOT NULL,
    received_at TEXT NOT NULL,
    UNIQUE (patient_id, change_id),
    CHECK ((source = 'device') = (device_id IS NOT NULL))
);
INSERT INTO changes_v4 (seq, patient_id, change_id, source, device_id, entity, entity_id, hlc, payload, received_at)
    SELECT seq, patient_id, change_id, 'device', device_id, entity, entity_id, hlc, payload, received_at FROM changes;
DROP TABLE changes;
ALTER TABLE changes_v4 RENAME TO changes;
CREATE INDEX changes_by_patient ON changes (patient_id, seq);
CREATE INDEX changes_by_entity ON changes (patient_id, entity, entity_id);

CREATE TABLE messages (
    id TEXT PRIMARY KEY,
    patient_id TEXT NOT NULL REFERENCES patients (id),
    thread TEXT NOT NULL CHECK (thread IN ('clinician', 'team')),
    author TEXT NOT NULL CHECK (author IN ('patient', 'clinic')),
    clinician_id TEXT REFERENCES clinicians (id),
    body TEXT NOT NULL,
    written_at TEXT NOT NULL,
    received_at TEXT NOT NULL,
    read_by_clinic_at TEXT,
    read_by_patient_at TEXT
);
CREATE INDEX messages_by_patient ON messages (patient_id, received_at);

CREATE TABLE visits (
    id TEXT PRIMARY KEY,
    patient_id TEXT NOT NULL REFERENCES patients (id),
    starts_at TEXT NOT NULL,
    minutes INTEGER NOT NULL CHECK (minutes BETWEEN 5 AND 480),
    kind TEXT NOT NULL CHECK (kind IN ('clinic', 'video', 'phone')),
    cancelled INTEGER NOT NULL DEFAULT 0,
    clinician_id TEXT NOT NULL REFERENCES clinicians (id),
    updated_at TEXT NOT NULL
);
CREATE INDEX visits_by_patient ON visits (patient_id, starts_at);

CREATE TABLE answer_reviews (
    patient_id TEXT NOT NULL REFERENCES patients (id),
    version_id TEXT NOT NULL,
    clinician_id TEXT NOT NULL REFERENCES clinicians (id),
    reviewed_at TEXT NOT NULL,
    PRIMARY KEY (patient_id, version_id)
);

CREATE TABLE staff_tokens (
    token_hash TEXT PRIMARY KEY,
    clinician_id TEXT NOT NULL REFERENCES clinicians (id),
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);

CREATE TABLE access_log (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    clinician_id TEXT NOT NULL REFERENCES clinicians (id),
    patient_id TEXT NOT NULL REFERENCES patients (id),
    action TEXT NOT NULL
);
CREATE INDEX access_log_by_patient ON access_log (patient_id, at);
