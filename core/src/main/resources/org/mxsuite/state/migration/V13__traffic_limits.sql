-- Traffic counters of hosted domains (messages, bytes, transactions) and of relay senders (hourly relays): one row per
-- counter and period, periods as UTC epoch seconds; rows of ended periods are purged.
CREATE TABLE traffic_counter (
    counter       VARCHAR(400)  NOT NULL,  -- whose and what: domain/example.com/messages/DAY
    period_start  BIGINT        NOT NULL,
    period_end    BIGINT        NOT NULL,
    used          BIGINT        NOT NULL,
    PRIMARY KEY (counter, period_start)
);

CREATE INDEX traffic_counter_end ON traffic_counter (period_end);

-- A relay account's limits besides the daily one; NULL: none.
ALTER TABLE relay_account ADD COLUMN hourly_limit INTEGER;
ALTER TABLE relay_account ADD COLUMN max_recipients INTEGER;
