-- certgate schema, version 8: ACME. The installation's ACME account (one row) and each ACME domain's state.
-- Written once for MariaDB and for H2 (MODE=MariaDB); keep to the common subset.

-- The account at the ACME CA; its key (and the External Account Binding's HMAC key, if any) sealed by the vault
-- like every private key, and re-sealed by an instance key rotation.
CREATE TABLE acme_account (
    id                    VARCHAR(36)    NOT NULL,
    directory_url         VARCHAR(1024)  NOT NULL,
    email                 VARCHAR(255)   NULL,
    terms_of_service      VARCHAR(1024)  NULL,
    terms_agreed          BOOLEAN        NOT NULL,
    account_url           VARCHAR(1024)  NOT NULL,
    status                VARCHAR(16)    NOT NULL,
    key_type              VARCHAR(16)    NOT NULL,
    -- the account's public key (X.509 SubjectPublicKeyInfo, base64): not secret, kept to rebuild the key pair
    public_key            VARCHAR(1024)  NOT NULL,
    kek_id                VARCHAR(64)    NOT NULL,
    wrapped_data_key      VARBINARY(256) NOT NULL,
    key_ciphertext        BLOB           NOT NULL,
    eab_key_id            VARCHAR(255)   NULL,
    eab_kek_id            VARCHAR(64)    NULL,
    eab_wrapped_data_key  VARBINARY(256) NULL,
    eab_ciphertext        BLOB           NULL,
    updated_at            DATETIME(6)    NOT NULL,
    updated_by            VARCHAR(255)   NOT NULL,
    version               BIGINT         NOT NULL,
    CONSTRAINT pk_acme_account PRIMARY KEY (id)
);

-- One row per domain that uses ACME: where its certificate stands, the last attempt and its cause, the next
-- attempt, and the lease that lets one node (one worker) at a time order for it.
CREATE TABLE acme_domain (
    domain           VARCHAR(255)  NOT NULL,
    state            VARCHAR(16)   NOT NULL,
    certificate_id   VARCHAR(36)   NULL,
    not_before       DATETIME(6)   NULL,
    not_after        DATETIME(6)   NULL,
    last_attempt     DATETIME(6)   NULL,
    last_error       VARCHAR(2000) NULL,
    error_cause      VARCHAR(32)   NULL,
    next_attempt     DATETIME(6)   NOT NULL,
    failure_count    INT           NOT NULL,
    lease_owner      VARCHAR(128)  NULL,
    lease_expires    DATETIME(6)   NULL,
    version          BIGINT        NOT NULL,
    CONSTRAINT pk_acme_domain PRIMARY KEY (domain)
);

CREATE INDEX ix_acme_domain_next_attempt ON acme_domain (next_attempt);
