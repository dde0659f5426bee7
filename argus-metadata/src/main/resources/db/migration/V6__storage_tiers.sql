-- Storage tiers (io.argus.storage.tier): each chunk's object storage class, restore state and hot hold; tier
-- policies and their assignment to cameras and tenants; the mover's moves. Portable SQL: H2 in PostgreSQL mode
-- and PostgreSQL.

-- storage_class: the object's storage class in object storage, NULL on local disk.
-- restore_state: NONE, REQUESTED or RESTORED (archive classes); restore_until: when a restored copy expires.
-- hot_until: a promotion keeps the chunk hot until then (and while a bookmark protects it).
ALTER TABLE chunks ADD COLUMN storage_class VARCHAR(32);
ALTER TABLE chunks ADD COLUMN restore_state VARCHAR(16) DEFAULT 'NONE' NOT NULL;
ALTER TABLE chunks ADD COLUMN restore_until TIMESTAMP WITH TIME ZONE;
ALTER TABLE chunks ADD COLUMN hot_until TIMESTAMP WITH TIME ZONE;
ALTER TABLE chunks ADD CONSTRAINT chunks_restore_state CHECK (restore_state IN ('NONE', 'REQUESTED', 'RESTORED'));

-- The mover's plan: chunks of a tier that ended before a cutoff.
CREATE INDEX chunks_tenant_camera_tier_end ON chunks (tenant_id, camera_id, tier, end_time);

CREATE TABLE tier_policies (
    tenant_id          UUID         NOT NULL REFERENCES tenants (tenant_id),
    id                 UUID         NOT NULL PRIMARY KEY,
    name               VARCHAR(64)  NOT NULL,
    region             VARCHAR(64),
    hot_days           INT          NOT NULL,
    warm_target        VARCHAR(32),
    warm_class         VARCHAR(32),
    warm_days          INT          NOT NULL,
    cold_target        VARCHAR(32),
    cold_class         VARCHAR(32),
    delete_after_days  INT          NOT NULL,
    CONSTRAINT tier_policies_name UNIQUE (tenant_id, name),
    CONSTRAINT tier_policies_days CHECK (hot_days >= 0 AND warm_days >= 0 AND delete_after_days > hot_days + warm_days)
);

CREATE TABLE camera_tier_policy (
    tenant_id  UUID NOT NULL REFERENCES tenants (tenant_id),
    camera_id  UUID NOT NULL,
    policy_id  UUID NOT NULL REFERENCES tier_policies (id) ON DELETE CASCADE,
    CONSTRAINT camera_tier_policy_pk PRIMARY KEY (tenant_id, camera_id)
);

CREATE TABLE tenant_tier_policy (
    tenant_id  UUID NOT NULL PRIMARY KEY REFERENCES tenants (tenant_id),
    policy_id  UUID NOT NULL REFERENCES tier_policies (id) ON DELETE CASCADE
);

-- One row per chunk on its way between tiers, keyed by the chunk's location when the move was planned. The chunk
-- row keeps that location until state SWITCHED (see io.argus.storage.tier.ChunkMove).
CREATE TABLE chunk_moves (
    from_location  VARCHAR(1024) NOT NULL PRIMARY KEY,
    tenant_id      UUID          NOT NULL REFERENCES tenants (tenant_id),
    camera_id      UUID          NOT NULL,
    start_time     TIMESTAMP WITH TIME ZONE NOT NULL,
    bytes          BIGINT        NOT NULL,
    sha256         CHAR(64)      NOT NULL,
    to_target      VARCHAR(32)   NOT NULL,
    to_tier        VARCHAR(8)    NOT NULL,
    to_class       VARCHAR(32),
    hot_until      TIMESTAMP WITH TIME ZONE,
    state          VARCHAR(16)   NOT NULL,
    to_location    VARCHAR(1024),
    attempts       INT           NOT NULL,
    last_error     VARCHAR(1000),
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT chunk_moves_state CHECK (state IN ('PLANNED', 'COPIED', 'VERIFIED', 'SWITCHED'))
);

CREATE INDEX chunk_moves_created ON chunk_moves (created_at);
