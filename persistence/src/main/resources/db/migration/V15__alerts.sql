-- certgate schema, version 15: alerts (issue 15). The channels alerts go to, the alerts raised (their dedupe), the
-- delivery log, and the lease that lets one node of a cluster run the alert check at a time.
-- Written once for MariaDB and for H2 (MODE=MariaDB); keep to the common subset.

-- A channel: an e-mail address or a webhook URL. A webhook's signing secret is sealed by the vault like every key
-- (re-sealed by an instance key rotation); an e-mail channel has none. status: UNTESTED until the first delivery,
-- then OK or FAILING after each one (the Dashboard shows the failing ones).
CREATE TABLE alert_channel (
    id                VARCHAR(36)    NOT NULL,
    kind              VARCHAR(16)    NOT NULL,
    target            VARCHAR(512)   NOT NULL,
    description       VARCHAR(255)   NULL,
    kek_id            VARCHAR(64)    NULL,
    wrapped_data_key  VARBINARY(256) NULL,
    key_ciphertext    BLOB           NULL,
    status            VARCHAR(16)    NOT NULL,
    last_delivery     DATETIME(6)    NULL,
    last_error        VARCHAR(2000)  NULL,
    created_at        DATETIME(6)    NOT NULL,
    created_by        VARCHAR(255)   NOT NULL,
    version           BIGINT         NOT NULL,
    CONSTRAINT pk_alert_channel PRIMARY KEY (id),
    CONSTRAINT ux_alert_channel_target UNIQUE (kind, target)
);

-- An alert raised: its key is what makes it one (an expiry: certificate, end and threshold; an ACME failure: the
-- domain), so the primary key is the dedupe — a second node or a second check cannot raise it again. An episode that
-- ends (an ACME domain recovered) gets its key suffixed with '#' and the time, so that it may be raised again.
CREATE TABLE alert_raised (
    alert_key   VARCHAR(400)  NOT NULL,
    kind        VARCHAR(32)   NOT NULL,
    severity    VARCHAR(16)   NOT NULL,
    target      VARCHAR(255)  NOT NULL,
    subject     VARCHAR(500)  NOT NULL,
    raised_at   DATETIME(6)   NOT NULL,
    closed_at   DATETIME(6)   NULL,
    CONSTRAINT pk_alert_raised PRIMARY KEY (alert_key)
);
CREATE INDEX ix_alert_raised_at ON alert_raised (raised_at);

-- The delivery log: one row per message per channel (a digest is one message), with the attempts it took and how it
-- ended (SENT, FAILED) and why.
CREATE TABLE alert_delivery (
    id            VARCHAR(36)   NOT NULL,
    channel_id    VARCHAR(36)   NOT NULL,
    subject       VARCHAR(500)  NOT NULL,
    alert_count   INT           NOT NULL,
    attempted_at  DATETIME(6)   NOT NULL,
    attempts      INT           NOT NULL,
    outcome       VARCHAR(16)   NOT NULL,
    detail        VARCHAR(2000) NULL,
    CONSTRAINT pk_alert_delivery PRIMARY KEY (id)
);
CREATE INDEX ix_alert_delivery_channel ON alert_delivery (channel_id, attempted_at);

-- One row: which node runs the alert check now, until when (taken with a conditional UPDATE, as ACME leases domains).
CREATE TABLE alert_lease (
    id        INT           NOT NULL,
    owner     VARCHAR(128)  NULL,
    expires   DATETIME(6)   NULL,
    CONSTRAINT pk_alert_lease PRIMARY KEY (id)
);
INSERT INTO alert_lease (id, owner, expires) VALUES (1, NULL, NULL);
