-- The time series of the panel's charts, per hosted domain, shared by the nodes and pruned after 30 days. Times are
-- UTC epoch seconds. activity_hour: deliveries, deferrals and returns (recipients) per hour, each node adding what it
-- counted to the hour's row. activity_held: the held messages sampled every few minutes, one row per time bucket
-- (nodes sampling the shared queue write the same row).
CREATE TABLE activity_hour (
    domain      VARCHAR(253)  NOT NULL,
    hour_start  BIGINT        NOT NULL,
    delivered   BIGINT        NOT NULL,
    deferred    BIGINT        NOT NULL,
    returned    BIGINT        NOT NULL,
    PRIMARY KEY (domain, hour_start)
);

CREATE INDEX activity_hour_start ON activity_hour (hour_start);

CREATE TABLE activity_held (
    domain      VARCHAR(253)  NOT NULL,
    bucket      BIGINT        NOT NULL,
    messages    BIGINT        NOT NULL,
    PRIMARY KEY (domain, bucket)
);

CREATE INDEX activity_held_bucket ON activity_held (bucket);
