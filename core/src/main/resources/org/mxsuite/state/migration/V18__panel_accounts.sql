-- Control panel accounts: operators, and owners of hosted domains.
CREATE TABLE panel_account (
    name          VARCHAR(128)  NOT NULL PRIMARY KEY,  -- lower case
    role          VARCHAR(16)   NOT NULL,              -- operator | owner
    password_hash VARCHAR(200)  NOT NULL,              -- pbkdf2-sha256$iterations$salt$hash, never the password
    domains       TEXT          NOT NULL               -- an owner's domains, space separated; empty for an operator
);
