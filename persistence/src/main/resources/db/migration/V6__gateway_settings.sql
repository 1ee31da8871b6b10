-- certgate schema, version 6: the gateway's settings, one row. default_certificate_id: the certificate served for
-- names no certificate covers and for handshakes without SNI; null refuses them (unrecognized_name).
CREATE TABLE gateway_settings (
    id                      INT          NOT NULL,
    default_certificate_id  VARCHAR(36)  NULL,
    updated_at              DATETIME(6)  NULL,
    updated_by              VARCHAR(255) NULL,
    version                 BIGINT       NOT NULL,
    CONSTRAINT pk_gateway_settings PRIMARY KEY (id),
    CONSTRAINT fk_gateway_settings_certificate FOREIGN KEY (default_certificate_id) REFERENCES certificate (id)
);
INSERT INTO gateway_settings (id, default_certificate_id, version) VALUES (1, NULL, 0);
