-- certgate schema, version 7: the challenge store also holds TLS-ALPN-01 challenges. For those the gateway of any
-- node makes the validation certificate itself from the key authorization (RFC 8737), so no private key is stored.
ALTER TABLE acme_challenge ADD COLUMN challenge_type VARCHAR(16) NOT NULL DEFAULT 'HTTP_01';
CREATE INDEX ix_acme_challenge_domain ON acme_challenge (domain, challenge_type);
