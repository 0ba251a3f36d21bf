-- DKIM signing keys per domain and selector (RFC 6376). The private key is here and nowhere else: no route
-- returns it and no log line prints it.
CREATE TABLE dkim_key (
    domain        VARCHAR(253)  NOT NULL,
    selector      VARCHAR(63)   NOT NULL,
    algorithm     VARCHAR(16)   NOT NULL,  -- rsa or ed25519 (the record's k=)
    private_key   VARCHAR(4000) NOT NULL,  -- base64: PKCS#8 for RSA, the 32-byte seed for Ed25519
    public_key    VARCHAR(1000) NOT NULL,  -- base64, as the record's p=
    created       BIGINT        NOT NULL,  -- epoch milliseconds
    state         VARCHAR(16)   NOT NULL,  -- pending, active or retired
    state_changed BIGINT        NOT NULL,  -- epoch milliseconds
    PRIMARY KEY (domain, selector)
);
