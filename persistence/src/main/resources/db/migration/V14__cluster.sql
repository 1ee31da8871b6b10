-- certgate schema, version 14: what the nodes of one installation share to stay in step (issue 13).
-- change_sequence: one row whose generation every transaction that changes what a gateway serves (certificates,
-- domains, applications, gateway settings, ACME challenges) increments before it commits. The update locks the row
-- until the commit, so generations are handed out in commit order: a node that has served generation N has seen
-- every change up to N. Every node polls it (the safety net under the cluster message).
CREATE TABLE change_sequence (
    id          INT         NOT NULL,
    generation  BIGINT      NOT NULL,
    changed_at  DATETIME(6) NULL,
    CONSTRAINT pk_change_sequence PRIMARY KEY (id)
);
INSERT INTO change_sequence (id, generation, changed_at) VALUES (1, 0, NULL);

-- cluster_node: one row per node (jboss.node.name), rewritten by its heartbeat. last_heartbeat is the database's
-- clock, so that nodes with skewed clocks are judged by one clock. key_ids: the instance key ids the node holds,
-- comma-separated (never a key).
CREATE TABLE cluster_node (
    name            VARCHAR(255)  NOT NULL,
    version         VARCHAR(64)   NOT NULL,
    started_at      DATETIME(6)   NOT NULL,
    last_heartbeat  DATETIME(6)   NOT NULL,
    generation      BIGINT        NOT NULL,
    key_ids         VARCHAR(1000) NOT NULL,
    CONSTRAINT pk_cluster_node PRIMARY KEY (name)
);
