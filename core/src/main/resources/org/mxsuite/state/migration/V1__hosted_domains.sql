-- The registry of hosted domains. Service-specific settings are kept as the domain's JSON form,
-- so that a new setting needs no migration; the service is a column for queries by service.
CREATE TABLE hosted_domain (
    domain     VARCHAR(253) NOT NULL PRIMARY KEY,
    service    VARCHAR(16)  NOT NULL,
    settings   TEXT         NOT NULL,
    updated_at TIMESTAMP    NOT NULL
);

CREATE INDEX hosted_domain_service ON hosted_domain (service);
