-- What James's spool handed over to the hold queue: a mail processed again after a crash (James's spool forgets a
-- mail only once the mailets are done with it) is found here and not held a second time. Written in the transaction
-- that holds the message; kept a week (HoldQueue.forgetHandOffs), well past any restart.
CREATE TABLE spool_hand_off (
    hand_off       VARCHAR(200)  NOT NULL,  -- HandOff.key(): the spool name and a hash of name, sender, recipients
    domain         VARCHAR(253)  NOT NULL,
    message_id     VARCHAR(36)   NOT NULL,
    handed_at      BIGINT        NOT NULL,
    PRIMARY KEY (hand_off, domain)
);

CREATE INDEX spool_hand_off_age ON spool_hand_off (handed_at);
