-- 0002_changes: the patient's feed. Every change a device pushes, once
-- (unique per patient and change id), in server order (seq). Other devices
-- of the same patient pull it; the clinic reads it.
--
-- seq comes from an identity sequence (never reused). Sequence values are
-- not handed out in commit order, so every write to a patient's feed first
-- locks the patient's row (ADR 0008): within one patient, seq order is
-- commit order, and a pull after a cursor never skips a row.
CREATE TABLE changes (
    seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    patient_id TEXT COLLATE "C" NOT NULL REFERENCES patients (id),
    change_id TEXT COLLATE "C" NOT NULL,
    device_id TEXT COLLATE "C" NOT NULL REFERENCES devices (id),
    entity TEXT COLLATE "C" NOT NULL,
    entity_id TEXT COLLATE "C" NOT NULL,
    hlc TEXT COLLATE "C" NOT NULL,
    payload TEXT NOT NULL,
    received_at TEXT COLLATE "C" NOT NULL,
    UNIQUE (patient_id, change_id)
);
CREATE INDEX changes_by_patient ON changes (patient_id, seq);
