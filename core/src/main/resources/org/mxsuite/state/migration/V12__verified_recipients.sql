-- Recipient verification: what a backup or relay domain's own server answered to RCPT for an address (accepted: 2xx,
-- refused: 5xx, with its reply), remembered until expires_at and shared by every node. Addresses are canonical
-- (local part in lower case, at most 64 characters, @, the domain).
CREATE TABLE verified_recipient (
    domain      VARCHAR(253)  NOT NULL,
    address     VARCHAR(320)  NOT NULL,
    accepted    BOOLEAN       NOT NULL,
    reply       VARCHAR(300)  NOT NULL,
    verified_at TIMESTAMP     NOT NULL,
    expires_at  TIMESTAMP     NOT NULL,
    PRIMARY KEY (domain, address)
);
