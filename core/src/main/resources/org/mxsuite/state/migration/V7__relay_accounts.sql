-- Outbound relay (smarthost) accounts and their daily relay counts.
CREATE TABLE relay_account (
    name          VARCHAR(64)   NOT NULL PRIMARY KEY,  -- a plain user name, lower case, never an e-mail address
    password_hash VARCHAR(200)  NOT NULL,              -- pbkdf2-sha256$iterations$salt$hash, never the password
    daily_limit   INTEGER       NOT NULL
);

CREATE TABLE relay_account_domain (
    name          VARCHAR(64)   NOT NULL REFERENCES relay_account (name) ON DELETE CASCADE,
    domain        VARCHAR(253)  NOT NULL,
    PRIMARY KEY (name, domain)
);

-- One row per sending domain and UTC day: the relays counted so far (one per recipient, weighted by size).
CREATE TABLE relay_usage (
    domain        VARCHAR(253)  NOT NULL,
    usage_day     DATE          NOT NULL,
    used          INTEGER       NOT NULL,
    PRIMARY KEY (domain, usage_day)
);
