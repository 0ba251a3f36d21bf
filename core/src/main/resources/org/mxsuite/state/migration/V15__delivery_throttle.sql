-- A backup or relay domain's maxConnections and maxRate, shared by the nodes delivering its mail.
-- Times are epoch milliseconds (UTC).

-- One row per connection slot taken: the delivery holding it, until its lease ends (renewed while it runs).
CREATE TABLE delivery_slot (
    domain       VARCHAR(253)  NOT NULL,
    slot         INTEGER       NOT NULL,
    holder       VARCHAR(128)  NOT NULL,
    lease_end    BIGINT        NOT NULL,
    PRIMARY KEY (domain, slot)
);

-- The earliest time the domain's next message may be sent.
CREATE TABLE delivery_pace (
    domain       VARCHAR(253)  NOT NULL PRIMARY KEY,
    next_send    BIGINT        NOT NULL
);
