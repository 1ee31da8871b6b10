-- certgate schema, version 2: the certificate store (derived fields, source, who/when), the local CA, the audit log.
-- One statement per change: the common subset of MariaDB and H2 (MODE=MariaDB).

ALTER TABLE certificate ADD COLUMN source VARCHAR(16) NOT NULL DEFAULT 'UPLOADED';
ALTER TABLE certificate ADD COLUMN description VARCHAR(1024) NULL;
ALTER TABLE certificate ADD COLUMN key_size INT NOT NULL DEFAULT 0;
ALTER TABLE certificate ADD COLUMN self_signed BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE certificate ADD COLUMN chain_length INT NOT NULL DEFAULT 1;
-- IP address SANs and import warnings: newline-separated, shown as they are
ALTER TABLE certificate ADD COLUMN ip_addresses VARCHAR(1024) NULL;
ALTER TABLE certificate ADD COLUMN warnings VARCHAR(4000) NULL;
ALTER TABLE certificate ADD COLUMN created_by VARCHAR(255) NOT NULL DEFAULT 'system';
ALTER TABLE certificate ADD COLUMN updated_at DATETIME(6) NULL;
ALTER TABLE certificate ADD COLUMN updated_by VARCHAR(255) NULL;

CREATE INDEX ix_certificate_common_name ON certificate (common_name);
CREATE INDEX ix_certificate_source_not_after ON certificate (source, not_after);

-- The instance's own root CA (at most one row); its key sealed like every other key.
CREATE TABLE local_ca (
    id                  VARCHAR(36)    NOT NULL,
    certificate_pem     MEDIUMTEXT     NOT NULL,
    kek_id              VARCHAR(64)    NOT NULL,
    wrapped_data_key    VARBINARY(256) NOT NULL,
    key_ciphertext      BLOB           NOT NULL,
    created_at          DATETIME(6)    NOT NULL,
    created_by          VARCHAR(255)   NOT NULL,
    version             BIGINT         NOT NULL,
    CONSTRAINT pk_local_ca PRIMARY KEY (id)
);

-- Who did what, from where, when. Rows are only ever added.
CREATE TABLE audit_event (
    id           BIGINT        NOT NULL AUTO_INCREMENT,
    occurred_at  DATETIME(6)   NOT NULL,
    actor        VARCHAR(255)  NOT NULL,
    address      VARCHAR(64)   NULL,
    action       VARCHAR(32)   NOT NULL,
    target       VARCHAR(255)  NULL,
    summary      VARCHAR(1024) NOT NULL,
    CONSTRAINT pk_audit_event PRIMARY KEY (id)
);

CREATE INDEX ix_audit_event_occurred_at ON audit_event (occurred_at);
CREATE INDEX ix_audit_event_actor ON audit_event (actor, occurred_at);
CREATE INDEX ix_audit_event_action ON audit_event (action, occurred_at);
