-- 0005_activation_retry: an activation whose answer was lost can be retried
-- with the same code by the phone that sent it. The phone sends a random
-- attempt id with the code (the same one with every retry); the code keeps
-- its hash and the device it made, and a retry with that attempt id gives
-- the device a new token instead of refusing the used code.
ALTER TABLE activation_codes ADD COLUMN attempt_hash TEXT;
ALTER TABLE activation_codes ADD COLUMN device_id TEXT REFERENCES devices (id);
