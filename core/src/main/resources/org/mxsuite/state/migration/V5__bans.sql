-- Brute-force bans. Failed logins are counted per client address across SMTP AUTH, IMAP and POP3; one row per
-- failure, so that every node sharing the database counts the same window. Times are epoch milliseconds (UTC).
CREATE TABLE login_failure (
    address    VARCHAR(45)   NOT NULL,  -- an IPv4 or IPv6 address literal, canonical form
    failed_at  BIGINT        NOT NULL,
    protocol   VARCHAR(8)    NOT NULL
);

CREATE INDEX login_failure_address ON login_failure (address, failed_at);

CREATE TABLE ban (
    address    VARCHAR(45)   NOT NULL PRIMARY KEY,
    reason     VARCHAR(500)  NOT NULL,
    failures   INTEGER       NOT NULL,
    banned_at  BIGINT        NOT NULL,
    expires_at BIGINT        NOT NULL
);

CREATE INDEX ban_expiry ON ban (expires_at);
