-- certgate schema, version 10: users and their roles, read by the Elytron JDBC realm CertgateRealm
-- (wildfly-config security.cli) and written by the UserService only. (V8 and V9 are left to the ACME work, so the
-- branches can land in either order.)
-- Passwords: bcrypt (Elytron's BCryptPassword) with a random 16-byte salt per user; hash and salt in base64, the
-- cost (log2 of the rounds) per row so it can be raised for new passwords without touching old ones.

CREATE TABLE app_user (
    name           VARCHAR(64)  NOT NULL,
    password_hash  VARCHAR(64)  NOT NULL,
    password_salt  VARCHAR(32)  NOT NULL,
    password_cost  INT          NOT NULL,
    enabled        BOOLEAN      NOT NULL,
    created_at     DATETIME(6)  NOT NULL,
    created_by     VARCHAR(255) NOT NULL,
    updated_at     DATETIME(6)  NULL,
    updated_by     VARCHAR(255) NULL,
    version        BIGINT       NOT NULL,
    CONSTRAINT pk_app_user PRIMARY KEY (name)
);

CREATE TABLE app_user_role (
    user_name  VARCHAR(64) NOT NULL,
    role       VARCHAR(16) NOT NULL,
    CONSTRAINT pk_app_user_role PRIMARY KEY (user_name, role),
    CONSTRAINT fk_app_user_role_user FOREIGN KEY (user_name) REFERENCES app_user (name) ON DELETE CASCADE
);
