-- 0006_portal: what the clinician portal needs to sign staff in (ADR 0010).
-- Password hashes (argon2id PHC strings), the second factor's secret and
-- the last code step used (a code is accepted once), hashed one-time
-- recovery codes, server-side sessions (hashed tokens) and reply drafts
-- that survive a new sign-in.
CREATE TABLE staff_credentials (
    clinician_id TEXT COLLATE "C" PRIMARY KEY REFERENCES clinicians (id),
    password_hash TEXT NOT NULL,
    totp_secret TEXT,
    totp_confirmed BOOLEAN NOT NULL DEFAULT FALSE,
    totp_last_step BIGINT,
    updated_at TEXT COLLATE "C" NOT NULL
);
CREATE TABLE recovery_codes (
    clinician_id TEXT COLLATE "C" NOT NULL REFERENCES clinicians (id),
    code_hash TEXT COLLATE "C" NOT NULL,
    used_at TEXT COLLATE "C",
    PRIMARY KEY (clinician_id, code_hash)
);
CREATE TABLE portal_sessions (
    token_hash TEXT COLLATE "C" PRIMARY KEY,
    clinician_id TEXT COLLATE "C" NOT NULL REFERENCES clinicians (id),
    stage TEXT COLLATE "C" NOT NULL CHECK (stage IN ('second_factor', 'signed_in')),
    csrf_token TEXT COLLATE "C" NOT NULL,
    signed_in_at TEXT COLLATE "C" NOT NULL,
    last_seen_at TEXT COLLATE "C" NOT NULL
);
CREATE INDEX portal_sessions_by_clinician ON portal_sessions (clinician_id);
CREATE TABLE reply_drafts (
    clinician_id TEXT COLLATE "C" NOT NULL REFERENCES clinicians (id),
    patient_id TEXT COLLATE "C" NOT NULL REFERENCES patients (id),
    thread TEXT COLLATE "C" NOT NULL CHECK (thread IN ('clinician', 'team')),
    body TEXT NOT NULL,
    saved_at TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (clinician_id, patient_id, thread)
);
