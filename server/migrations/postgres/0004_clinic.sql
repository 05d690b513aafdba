-- 0004_clinic: what the clinic sends down (messages, read marks, enrolment
-- changes, visits, reviewed marks) shares the patient's feed, so a change
-- now says who made it (`source`): a device, or the clinic (`clinician_id`).
-- Messages, visits and reviewed marks also get tables of their own for the
-- clinic's views. Staff API tokens (hashed) and the access log of every
-- clinician read of patient data.
--
-- SQLite rebuilds `changes` for this; PostgreSQL alters it in place (the
-- rows and the sequence stay).
ALTER TABLE changes ADD COLUMN source TEXT COLLATE "C" NOT NULL DEFAULT 'device'
    CHECK (source IN ('device', 'clinic'));
ALTER TABLE changes ALTER COLUMN source DROP DEFAULT;
ALTER TABLE changes ADD COLUMN clinician_id TEXT COLLATE "C" REFERENCES clinicians (id);
ALTER TABLE changes ALTER COLUMN device_id DROP NOT NULL;
ALTER TABLE changes ADD CONSTRAINT changes_device_iff_source_device
    CHECK ((source = 'device') = (device_id IS NOT NULL));
CREATE INDEX changes_by_entity ON changes (patient_id, entity, entity_id);

CREATE TABLE messages (
    id TEXT COLLATE "C" PRIMARY KEY,
    patient_id TEXT COLLATE "C" NOT NULL REFERENCES patients (id),
    thread TEXT COLLATE "C" NOT NULL CHECK (thread IN ('clinician', 'team')),
    author TEXT COLLATE "C" NOT NULL CHECK (author IN ('patient', 'clinic')),
    clinician_id TEXT COLLATE "C" REFERENCES clinicians (id),
    body TEXT NOT NULL,
    written_at TEXT COLLATE "C" NOT NULL,
    received_at TEXT COLLATE "C" NOT NULL,
    read_by_clinic_at TEXT COLLATE "C",
    read_by_patient_at TEXT COLLATE "C"
);
CREATE INDEX messages_by_patient ON messages (patient_id, received_at);

CREATE TABLE visits (
    id TEXT COLLATE "C" PRIMARY KEY,
    patient_id TEXT COLLATE "C" NOT NULL REFERENCES patients (id),
    starts_at TEXT COLLATE "C" NOT NULL,
    minutes INTEGER NOT NULL CHECK (minutes BETWEEN 5 AND 480),
    kind TEXT COLLATE "C" NOT NULL CHECK (kind IN ('clinic', 'video', 'phone')),
    cancelled BOOLEAN NOT NULL DEFAULT FALSE,
    clinician_id TEXT COLLATE "C" NOT NULL REFERENCES clinicians (id),
    updated_at TEXT COLLATE "C" NOT NULL
);
CREATE INDEX visits_by_patient ON visits (patient_id, starts_at);

CREATE TABLE answer_reviews (
    patient_id TEXT COLLATE "C" NOT NULL REFERENCES patients (id),
    version_id TEXT COLLATE "C" NOT NULL,
    clinician_id TEXT COLLATE "C" NOT NULL REFERENCES clinicians (id),
    reviewed_at TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (patient_id, version_id)
);

CREATE TABLE staff_tokens (
    token_hash TEXT COLLATE "C" PRIMARY KEY,
    clinician_id TEXT COLLATE "C" NOT NULL REFERENCES clinicians (id),
    created_at TEXT COLLATE "C" NOT NULL,
    expires_at TEXT COLLATE "C" NOT NULL
);

CREATE TABLE access_log (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at TEXT COLLATE "C" NOT NULL,
    clinician_id TEXT COLLATE "C" NOT NULL REFERENCES clinicians (id),
    patient_id TEXT COLLATE "C" NOT NULL REFERENCES patients (id),
    action TEXT COLLATE "C" NOT NULL
);
CREATE INDEX access_log_by_patient ON access_log (patient_id, at);
