-- certgate schema, version 19: an ACME account key rollover stores the new key before the CA sees it (issue 14
-- point 5). Written once for MariaDB and for H2 (MODE=MariaDB); keep to the common subset.

-- The new account key while a rollover is under way: sealed like the account key (same owner and row, so promoting
-- it moves the columns as they are), its public key (X.509 SubjectPublicKeyInfo, base64), its type, and since when it
-- is pending. All null when no rollover is under way. A key left pending (the server stopped between sending it to
-- the CA and promoting it) is resolved at the next use of the account: the CA is asked whether it knows the account
-- by that key.
ALTER TABLE acme_account ADD COLUMN pending_kek_id VARCHAR(64) NULL;
ALTER TABLE acme_account ADD COLUMN pending_wrapped_data_key VARBINARY(256) NULL;
ALTER TABLE acme_account ADD COLUMN pending_ciphertext BLOB NULL;
ALTER TABLE acme_account ADD COLUMN pending_public_key VARCHAR(1024) NULL;
ALTER TABLE acme_account ADD COLUMN pending_key_type VARCHAR(16) NULL;
ALTER TABLE acme_account ADD COLUMN pending_since DATETIME(6) NULL;
