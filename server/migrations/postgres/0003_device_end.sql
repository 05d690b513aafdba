-- 0003_device_end: when a device's access ended or it was revoked.
ALTER TABLE devices ADD COLUMN state_changed_at TEXT COLLATE "C";
