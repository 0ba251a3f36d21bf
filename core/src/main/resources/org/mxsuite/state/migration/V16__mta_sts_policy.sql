-- MTA-STS policies (RFC 8461) fetched for recipient domains, shared by the nodes delivering their mail. Kept for
-- their max_age; the policy text is kept as served (64 KiB at most) and parsed when read.
CREATE TABLE mta_sts_policy (
    domain       VARCHAR(253)    NOT NULL PRIMARY KEY,
    policy_id    VARCHAR(32)     NOT NULL,  -- the id of the _mta-sts TXT record it was fetched under
    policy       VARCHAR(65536)  NOT NULL,
    fetched      BIGINT          NOT NULL,  -- epoch milliseconds
    expires      BIGINT          NOT NULL   -- epoch milliseconds: fetched plus max_age
);
