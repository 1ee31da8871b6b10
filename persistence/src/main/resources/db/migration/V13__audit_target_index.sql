-- certgate schema, version 13: the audit history of one thing (a certificate's page lists the lines whose target is
-- its id, newest first) reads an index instead of the whole log.
CREATE INDEX ix_audit_event_target ON audit_event (target, occurred_at);
