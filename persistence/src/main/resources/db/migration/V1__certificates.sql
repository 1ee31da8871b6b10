-- certgate schema, version 1: stored certificates.
-- Written once for MariaDB and for H2 (which runs in MODE=MariaDB); keep to the common subset.

CREATE TABLE certificate (
    id                  VARCHAR(36)   NOT NULL,
    common_name         VARCHAR(255)  NOT NULL,
    issuer              VARCHAR(1024) NOT NULL,
    serial_number       VARCHAR(128)  NOT NULL,
    not_before          DATETIME(6)   NOT NULL,
    not_after           DATETIME(6)   NOT NULL,
    fingerprint_sha256  VARCHAR(64)   NOT NULL,
    key_algorithm       VARCHAR(32)   NOT NULL,
    chain_pem           MEDIUMTEXT    NOT NULL,
    -- the private key, sealed: never in clear (see the vault)
    kek_id              VARCHAR(64)   NOT NULL,
    wrapped_data_key    VARBINARY(256) NOT NULL,
    key_ciphertext      BLOB          NOT NULL,
    created_at          DATETIME(6)   NOT NULL,
    version             BIGINT        NOT NULL,
    CONSTRAINT pk_certificate PRIMARY KEY (id),
    CONSTRAINT uq_certificate_fingerprint UNIQUE (fingerprint_sha256)
);

CREATE INDEX ix_certificate_not_after ON certificate (not_after);

CREATE TABLE certificate_name (
    certificate_id  VARCHAR(36)  NOT NULL,
    position        INT          NOT NULL,
    name            VARCHAR(255) NOT NULL,
    CONSTRAINT pk_certificate_name PRIMARY KEY (certificate_id, position),
    CONSTRAINT fk_certificate_name_certificate FOREIGN KEY (certificate_id) REFERENCES certificate (id)
        ON DELETE CASCADE
);

CREATE INDEX ix_certificate_name_name ON certificate_name (name);
