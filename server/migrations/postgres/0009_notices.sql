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
ALTER TABLE units ADD COLUMN notice_email TEXT COLLATE "C";
CREATE TABLE notices (
    recipient_kind TEXT COLLATE "C" NOT NULL CHECK (recipient_kind IN ('clinician', 'unit')),
    recipient_id TEXT COLLATE "C" NOT NULL,
    pending_since TEXT COLLATE "C",
    arrivals BIGINT NOT NULL DEFAULT 0,
    last_sent_at TEXT COLLATE "C",
    failures BIGINT NOT NULL DEFAULT 0,
    retry_at TEXT COLLATE "C",
    PRIMARY KEY (recipient_kind, recipient_id)
);
