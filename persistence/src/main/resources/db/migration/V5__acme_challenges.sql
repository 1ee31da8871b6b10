-- certgate schema, version 5: HTTP-01 challenges in flight, answered by the gateway of any node.
CREATE TABLE acme_challenge (
    token              VARCHAR(255)  NOT NULL,
    key_authorization  VARCHAR(1024) NOT NULL,
    domain             VARCHAR(255)  NOT NULL,
    expires_at         DATETIME(6)   NOT NULL,
    CONSTRAINT pk_acme_challenge PRIMARY KEY (token)
);
CREATE INDEX ix_acme_challenge_expires_at ON acme_challenge (expires_at);
