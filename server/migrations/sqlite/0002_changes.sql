-- 0002_changes: the patient's feed. Every change a device pushes, once
-- (unique per patient and change id), in server order (seq). Other devices
-- of the same patient pull it; the clinic reads it.
CREATE TABLE changes (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    patient_id TEXT NOT NULL REFERENCES patients (id),
    change_id TEXT NOT NULL,
    device_id TEXT NOT NULL REFERENCES devices (id),
    entity TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    hlc TEXT NOT NULL,
    payload TEXT NOT NULL,
    received_at TEXT NOT NULL,
    UNIQUE (patient_id, change_id)
);
CREATE INDEX changes_by_patient ON changes (patient_id, seq);
