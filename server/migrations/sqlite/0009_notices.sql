-- 0009_notices: e-mail notices of patient messages (issue 5.8). A unit may
-- have a shared mailbox address for its team thread (set with the
-- server's `unit-mailbox` command). `notices` holds one row per recipient:
-- a clinician (their patients' clinician thread) or a unit (its shared
-- mailbox). A patient's message sets `pending_since` if it is not set yet
-- and counts itself in `arrivals`, in the push's own transaction, so many
-- messages collapse into one row and a restart keeps them. The sender
-- clears `pending_since` once a mail went out (unless more messages came
-- during the send), records `last_sent_at` (one mail per recipient per
-- window) and, after a failed send, `failures` and `retry_at`. No patient
-- id, name or text is stored here.
ALTER TABLE units ADD COLUMN notice_email TEXT;
CREATE TABLE notices (
    recipient_kind TEXT NOT NULL CHECK (recipient_kind IN ('clinician', 'unit')),
    recipient_id TEXT NOT NULL,
    pending_since TEXT,
    arrivals INTEGER NOT NULL DEFAULT 0,
    last_sent_at TEXT,
    failures INTEGER NOT NULL DEFAULT 0,
    retry_at TEXT,
    PRIMARY KEY (recipient_kind, recipient_id)
);
