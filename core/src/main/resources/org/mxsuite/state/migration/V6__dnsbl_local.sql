-- The internal blocklist: networks refused like DNS blocklist listings, in canonical CIDR form
-- (IPv6 fully written out: 8 groups of 4 hex digits, 7 colons, '/' and 3 digits fit in 43 characters).
CREATE TABLE dnsbl_local (
    network    VARCHAR(64)  NOT NULL PRIMARY KEY,
    reason     VARCHAR(200),
    expires_at TIMESTAMP,
    added_at   TIMESTAMP    NOT NULL
);
