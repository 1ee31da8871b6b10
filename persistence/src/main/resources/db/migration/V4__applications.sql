-- certgate schema, version 4: Application Management. An application has backends and domains; each domain is
-- served with a stored certificate or with an ACME certificate (exactly one of the two).
-- (V3 is left to the list-index work, so the two can land in either order.)

CREATE TABLE application (
    id          VARCHAR(36)   NOT NULL,
    name        VARCHAR(255)  NOT NULL,
    -- backend URLs, newline-separated, in round-robin order
    backends    VARCHAR(4000) NOT NULL,
    created_at  DATETIME(6)   NOT NULL,
    created_by  VARCHAR(255)  NOT NULL,
    updated_at  DATETIME(6)   NULL,
    updated_by  VARCHAR(255)  NULL,
    version     BIGINT        NOT NULL,
    CONSTRAINT pk_application PRIMARY KEY (id),
    CONSTRAINT uq_application_name UNIQUE (name)
);

CREATE TABLE domain (
    application_id  VARCHAR(36)  NOT NULL,
    position        INT          NOT NULL,
    name            VARCHAR(255) NOT NULL,
    -- no cascade: a certificate in use cannot be deleted, by the service nor behind its back
    certificate_id  VARCHAR(36)  NULL,
    acme_challenge  VARCHAR(16)  NULL,
    acme_key_type   VARCHAR(16)  NULL,
    redirect_https  BOOLEAN      NOT NULL,
    hsts            BOOLEAN      NOT NULL,
    CONSTRAINT pk_domain PRIMARY KEY (application_id, position),
    CONSTRAINT uq_domain_name UNIQUE (name),
    CONSTRAINT fk_domain_application FOREIGN KEY (application_id) REFERENCES application (id) ON DELETE CASCADE,
    CONSTRAINT fk_domain_certificate FOREIGN KEY (certificate_id) REFERENCES certificate (id)
);

CREATE INDEX ix_domain_certificate ON domain (certificate_id);
