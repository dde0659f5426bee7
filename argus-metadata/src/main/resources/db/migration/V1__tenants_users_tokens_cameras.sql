-- Portable SQL: runs on H2 (MODE=PostgreSQL) and on PostgreSQL. Every table carries tenant_id and every
-- query is scoped by it, so tenants can later be sharded or moved without rewriting rows.

CREATE TABLE tenants (
    tenant_id   UUID         NOT NULL PRIMARY KEY,
    name        VARCHAR(100) NOT NULL UNIQUE,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

INSERT INTO tenants (tenant_id, name, created_at)
VALUES ('00000000-0000-0000-0000-000000000001', 'default', CURRENT_TIMESTAMP);

CREATE TABLE users (
    tenant_id     UUID         NOT NULL REFERENCES tenants (tenant_id),
    id            UUID         NOT NULL PRIMARY KEY,
    username      VARCHAR(64)  NOT NULL,
    password_hash VARCHAR(200) NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT users_tenant_username UNIQUE (tenant_id, username)
);

CREATE TABLE api_tokens (
    tenant_id   UUID        NOT NULL REFERENCES tenants (tenant_id),
    id          UUID        NOT NULL PRIMARY KEY,
    user_id     UUID        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    token_hash  VARCHAR(64) NOT NULL UNIQUE,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX api_tokens_expires_at ON api_tokens (expires_at);

CREATE TABLE cameras (
    tenant_id   UUID          NOT NULL REFERENCES tenants (tenant_id),
    id          UUID          NOT NULL PRIMARY KEY,
    name        VARCHAR(64)   NOT NULL,
    url         VARCHAR(2048),
    username    VARCHAR(256),
    password    VARCHAR(256),
    enabled     BOOLEAN       NOT NULL,
    transport   VARCHAR(8)    NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT cameras_tenant_name UNIQUE (tenant_id, name)
);
