-- Greylisting (RFC 6647). Times are epoch milliseconds (UTC).
-- A triplet: client network (CIDR text), normalised envelope sender ('<>' for the null sender), recipient.
CREATE TABLE greylist_triplet (
    network      VARCHAR(64)   NOT NULL,
    sender       VARCHAR(512)  NOT NULL,
    recipient    VARCHAR(512)  NOT NULL,
    first_seen   BIGINT        NOT NULL,
    passed_at    BIGINT,
    last_seen    BIGINT        NOT NULL,
    PRIMARY KEY (network, sender, recipient)
);

CREATE INDEX greylist_triplet_last_seen ON greylist_triplet (last_seen);

-- Networks whose triplets passed, for auto-allow.
CREATE TABLE greylist_network (
    network      VARCHAR(64)   NOT NULL PRIMARY KEY,
    passes       INTEGER       NOT NULL,
    last_used    BIGINT        NOT NULL
);

-- Allow lists edited over REST: clients, clientNames, senderDomains, recipients.
CREATE TABLE greylist_allow (
    list         VARCHAR(32)   NOT NULL,
    entry        VARCHAR(512)  NOT NULL,
    PRIMARY KEY (list, entry)
);
