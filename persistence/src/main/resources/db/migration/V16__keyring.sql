-- certgate schema, version 16: the instance keyring (issue 13, point 4). The keys themselves never enter the
-- database (they live in each node's keyring file); the database records which key is active, so that every node
-- seals under the same one, and each key's history.
-- instance_keyring: one row; active_key_id is the key every node seals under (NULL until the first start records
-- it). It changes only by a conditional update (WHERE active_key_id = the old one), so two nodes never disagree.
CREATE TABLE instance_keyring (
    id             INT         NOT NULL,
    active_key_id  VARCHAR(16) NULL,
    CONSTRAINT pk_instance_keyring PRIMARY KEY (id)
);
INSERT INTO instance_keyring (id, active_key_id) VALUES (1, NULL);

-- instance_key: every key id this installation has staged, activated or retired (never a key).
CREATE TABLE instance_key (
    key_id        VARCHAR(16) NOT NULL,
    staged_at     DATETIME(6) NOT NULL,
    activated_at  DATETIME(6) NULL,
    retired_at    DATETIME(6) NULL,
    CONSTRAINT pk_instance_key PRIMARY KEY (key_id)
);

-- cluster_node.sealing_key_ids: the key ids the node seals under now (its active key, and any key a transaction
-- that is still running sealed under), comma-separated. A key is retired only when no live node lists it here.
ALTER TABLE cluster_node ADD COLUMN sealing_key_ids VARCHAR(1000) DEFAULT '' NOT NULL;
