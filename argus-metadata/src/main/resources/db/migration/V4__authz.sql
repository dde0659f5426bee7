-- Authorization: tenants that can be disabled, users with roles, custom roles (a permission is actions x camera
-- scope x optional time window), camera groups, and named, scoped API tokens beside login sessions.
-- Portable SQL: H2 in PostgreSQL mode and PostgreSQL. Built-in roles are constants in the server, not rows, so
-- they cannot be edited; user_roles names them (or a custom role) by name.

ALTER TABLE tenants ADD COLUMN disabled BOOLEAN DEFAULT FALSE NOT NULL;

ALTER TABLE users ADD COLUMN disabled BOOLEAN DEFAULT FALSE NOT NULL;

CREATE TABLE roles (
    tenant_id   UUID         NOT NULL REFERENCES tenants (tenant_id),
    id          UUID         NOT NULL PRIMARY KEY,
    name        VARCHAR(64)  NOT NULL,
    description VARCHAR(500),
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT roles_tenant_name UNIQUE (tenant_id, name)
);

-- One row per permission of a custom role. actions, camera_ids and group_ids are comma-separated lists;
-- all_cameras overrides both lists; window_seconds bounds playback and export to the last N seconds.
CREATE TABLE role_permissions (
    tenant_id      UUID          NOT NULL REFERENCES tenants (tenant_id),
    role_id        UUID          NOT NULL REFERENCES roles (id) ON DELETE CASCADE,
    position       INT           NOT NULL,
    actions        VARCHAR(1000) NOT NULL,
    all_cameras    BOOLEAN       NOT NULL,
    camera_ids     VARCHAR(8000) NOT NULL,
    group_ids      VARCHAR(8000) NOT NULL,
    window_seconds BIGINT,
    CONSTRAINT role_permissions_pk PRIMARY KEY (role_id, position)
);

CREATE TABLE user_roles (
    tenant_id UUID        NOT NULL REFERENCES tenants (tenant_id),
    user_id   UUID        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role      VARCHAR(64) NOT NULL,
    CONSTRAINT user_roles_pk PRIMARY KEY (user_id, role)
);

CREATE TABLE camera_groups (
    tenant_id   UUID         NOT NULL REFERENCES tenants (tenant_id),
    id          UUID         NOT NULL PRIMARY KEY,
    name        VARCHAR(100) NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT camera_groups_tenant_name UNIQUE (tenant_id, name)
);

CREATE TABLE camera_group_members (
    tenant_id UUID NOT NULL REFERENCES tenants (tenant_id),
    group_id  UUID NOT NULL REFERENCES camera_groups (id) ON DELETE CASCADE,
    camera_id UUID NOT NULL REFERENCES cameras (id) ON DELETE CASCADE,
    CONSTRAINT camera_group_members_pk PRIMARY KEY (group_id, camera_id)
);

-- kind: 'session' (from a login; logout revokes it) or 'api' (named, made by the user, shown once).
-- scopes: comma-separated actions the token is limited to (a subset of its user's), null for all of them.
ALTER TABLE api_tokens ADD COLUMN kind VARCHAR(16) DEFAULT 'session' NOT NULL;
ALTER TABLE api_tokens ADD COLUMN name VARCHAR(100);
ALTER TABLE api_tokens ADD COLUMN scopes VARCHAR(1000);

-- The admin user every node made on its first start administers the whole system.
INSERT INTO user_roles (tenant_id, user_id, role)
SELECT tenant_id, id, 'system-admin' FROM users WHERE username = 'admin' AND tenant_id = '00000000-0000-0000-0000-000000000001';
