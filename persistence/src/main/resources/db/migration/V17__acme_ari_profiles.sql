-- certgate schema, version 17: ACME renewal information (RFC 9773), certificate profiles, account recovery.
-- Written once for MariaDB and for H2 (MODE=MariaDB); keep to the common subset.

-- The CA's suggested renewal window for the domain's current certificate (null when the CA has no ARI), the page
-- that explains it (the CA's explanationURL), when to ask the CA again (its Retry-After), and the profile the CA
-- issued the current certificate under (null when it names none).
ALTER TABLE acme_domain ADD COLUMN ari_window_start DATETIME(6) NULL;
ALTER TABLE acme_domain ADD COLUMN ari_window_end DATETIME(6) NULL;
ALTER TABLE acme_domain ADD COLUMN ari_explanation VARCHAR(1024) NULL;
ALTER TABLE acme_domain ADD COLUMN ari_check_at DATETIME(6) NULL;
ALTER TABLE acme_domain ADD COLUMN issued_profile VARCHAR(64) NULL;

-- The profile a domain's ACME certificates are ordered with (null: the account's default).
ALTER TABLE domain ADD COLUMN acme_profile VARCHAR(64) NULL;

-- The account's default profile (null: the CA's default), and when certgate last registered the account again by
-- itself because the CA had forgotten it.
ALTER TABLE acme_account ADD COLUMN default_profile VARCHAR(64) NULL;
ALTER TABLE acme_account ADD COLUMN reregistered_at DATETIME(6) NULL;
