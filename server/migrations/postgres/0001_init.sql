-- 0001_init: units, staff, patients, activation codes and devices.
-- The PostgreSQL schema mirrors migrations/sqlite by name. Text is compared
-- byte by byte (COLLATE "C"), as in SQLite: ids sort and RFC 3339 times
-- compare the same on both backends whatever the cluster's locale. Times
-- are the RFC 3339 text the shared code writes, so the API returns the same
-- strings on both backends.
CREATE TABLE units (
    id TEXT COLLATE "C" PRIMARY KEY,
    name TEXT NOT NULL,
    reply_time_sv TEXT NOT NULL,
    reply_time_en TEXT NOT NULL,
    created_at TEXT COLLATE "C" NOT NULL
);
CREATE TABLE clinicians (
    id TEXT COLLATE "C" PRIMARY KEY,
    unit_id TEXT COLLATE "C" NOT NULL REFERENCES units (id),
    display_name TEXT NOT NULL,
    email TEXT COLLATE "C" NOT NULL UNIQUE,
    role TEXT COLLATE "C" NOT NULL CHECK (role IN ('clinician', 'unit_admin')),
    active BOOLEAN NOT NULL DEFAULT TRUE,
    created_at TEXT COLLATE "C" NOT NULL
);
CREATE TABLE patients (
    id TEXT COLLATE "C" PRIMARY KEY,
    unit_id TEXT COLLATE "C" NOT NULL REFERENCES units (id),
    clinician_id TEXT COLLATE "C" REFERENCES clinicians (id),
    name TEXT NOT NULL,
    personal_number TEXT COLLATE "C",
    enrolment TEXT NOT NULL,
    created_at TEXT COLLATE "C" NOT NULL
);
CREATE INDEX patients_by_unit ON patients (unit_id);
CREATE TABLE activation_codes (
    code_hash TEXT COLLATE "C" PRIMARY KEY,
    patient_id TEXT COLLATE "C" NOT NULL REFERENCES patients (id),
    created_at TEXT COLLATE "C" NOT NULL,
    expires_at TEXT COLLATE "C" NOT NULL,
    used_at TEXT COLLATE "C"
);
CREATE TABLE devices (
    id TEXT COLLATE "C" PRIMARY KEY,
    patient_id TEXT COLLATE "C" NOT NULL REFERENCES patients (id),
    token_hash TEXT COLLATE "C" NOT NULL UNIQUE,
    state TEXT COLLATE "C" NOT NULL CHECK (state IN ('active', 'ended', 'revoked')),
    created_at TEXT COLLATE "C" NOT NULL,
    last_seen_at TEXT COLLATE "C"
);
CREATE INDEX devices_by_patient ON devices (patient_id);
