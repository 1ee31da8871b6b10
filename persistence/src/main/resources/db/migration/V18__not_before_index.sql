-- certgate schema, version 18: certificates not yet valid (not_before ahead) are a state of their own (issue 15), counted
-- by the Dashboard and filtered by the certificate list. not_before, then not_after: the Dashboard's count of them,
-- and of those among them that end within the expiring window, reads index entries only, never the wide rows.
-- One statement, the common subset of MariaDB and H2 (MODE=MariaDB).
CREATE INDEX ix_certificate_not_before_after ON certificate (not_before, not_after);
