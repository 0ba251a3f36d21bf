-- Who gave us each held message, for the DSN rules of unauthenticated mail (docs/backup-mx.md, "Backscatter"):
-- the address of a client that did not log in and the sender it gave; both NULL for a logged-in client, a trusted
-- network or mail the server made (rows held before this version count as such: their senders are told, as before).
ALTER TABLE held_message ADD COLUMN origin_client VARCHAR(100);
ALTER TABLE held_message ADD COLUMN origin_sender VARCHAR(512);
