-- The delivery trace: each step of each message's life, per domain and (where the step concerns one) per recipient:
-- accepted, refused at SMTP time, held, each delivery attempt, delivered, deferred, failed, returned, dropped,
-- expired. Written in batches by every node, pruned after trace.retentionDays. Times are epoch milliseconds (UTC);
-- seq orders the events of one time as their node wrote them. Addresses and domains are in lower case.
CREATE TABLE trace_event (
    at          BIGINT         NOT NULL,
    seq         BIGINT         NOT NULL,
    outcome     VARCHAR(16)    NOT NULL,
    domain      VARCHAR(253)   NOT NULL,
    sender      VARCHAR(512)   NOT NULL,   -- '' for the null sender
    recipient   VARCHAR(512),
    held_id     VARCHAR(64),
    message_id  VARCHAR(1000),
    client      VARCHAR(45),
    size        BIGINT,
    host        VARCHAR(253),
    address     VARCHAR(45),
    tls         BOOLEAN,
    reply       VARCHAR(1000)  NOT NULL
);

-- one per search criterion, each with the time for the newest-first order and time ranges
CREATE INDEX trace_event_at ON trace_event (at, seq);
CREATE INDEX trace_event_domain ON trace_event (domain, at);
CREATE INDEX trace_event_sender ON trace_event (sender, at);
CREATE INDEX trace_event_recipient ON trace_event (recipient, at);
CREATE INDEX trace_event_message_id ON trace_event (message_id);
CREATE INDEX trace_event_held_id ON trace_event (held_id);
