-- The hold queue: messages accepted for backup/relay domains and not yet delivered.
-- Times are epoch milliseconds (UTC), so that nodes in other time zones agree.
CREATE TABLE held_message (
    id             VARCHAR(36)   NOT NULL PRIMARY KEY,
    domain         VARCHAR(253)  NOT NULL,
    sender         VARCHAR(512)  NOT NULL,  -- '' is the null sender <>
    size           BIGINT        NOT NULL,
    received_at    BIGINT        NOT NULL,
    delay_warned   BOOLEAN       NOT NULL DEFAULT FALSE,
    lease_owner    VARCHAR(128),
    lease_until    BIGINT,
    content        ${blob_type}  NOT NULL
);

CREATE INDEX held_message_domain ON held_message (domain, received_at);

CREATE TABLE held_recipient (
    message_id     VARCHAR(36)   NOT NULL REFERENCES held_message (id) ON DELETE CASCADE,
    recipient      VARCHAR(512)  NOT NULL,
    domain         VARCHAR(253)  NOT NULL,
    attempts       INTEGER       NOT NULL DEFAULT 0,
    last_reply     VARCHAR(1000),
    next_attempt   BIGINT        NOT NULL,
    PRIMARY KEY (message_id, recipient)
);

CREATE INDEX held_recipient_due ON held_recipient (domain, next_attempt);
