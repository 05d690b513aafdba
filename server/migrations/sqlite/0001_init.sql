-- 0001_init: units, staff, patients, activation codes and devices.
CREATE TABLE units (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    reply_time_sv TEXT NOT NULL,
    reply_time_en TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE TABLE clinicians (
    id TEXT PRIMARY KEY,
    unit_id TEXT NOT NULL REFERENCES units (id),
    display_name TEXT NOT NULL,
    email TEXT NOT NULL UNIQUE,
    role TEXT NOT NULL CHECK (role IN ('clinician', 'unit_admin')),
    active INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL
);
CREATE TABLE patients (
    id TEXT PRIMARY KEY,
    unit_id TEXT NOT NULL REFERENCES units (id),
    clinician_id TEXT REFERENCES clinicians (id),
    name TEXT NOT NULL,
    personal_number TEXT,
    enrolment TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX patients_by_unit ON patients (unit_id);
CREATE TABLE activation_codes (
    code_hash TEXT PRIMARY KEY,
    patient_id TEXT NOT NULL REFERENCES patients (id),
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at TEXT
);
CREATE TABLE devices (
    id TEXT PRIMARY KEY,
    patient_id TEXT NOT NULL REFERENCES patients (id),
    token_hash TEXT NOT NULL UNIQUE,
    state TEXT NOT NULL CHECK (state IN ('active', 'ended', 'revoked')),
    created_at TEXT NOT NULL,
    last_seen_at TEXT
);
CREATE INDEX devices_by_patient ON devices (patient_id);
