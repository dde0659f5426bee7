-- The chunk index and bookmarks (io.argus.storage.chunk.ChunkIndex, Bookmarks). Portable SQL: H2 in PostgreSQL
-- mode and PostgreSQL.
--
-- camera_id has no foreign key to cameras: recordings (evidence) outlive the camera's configuration row, and
-- retention removes them on its own schedule.

CREATE TABLE chunks (
    tenant_id    UUID          NOT NULL REFERENCES tenants (tenant_id),
    camera_id    UUID          NOT NULL,
    start_time   TIMESTAMP WITH TIME ZONE NOT NULL,
    end_time     TIMESTAMP WITH TIME ZONE NOT NULL,
    bytes        BIGINT        NOT NULL,
    codec        VARCHAR(200)  NOT NULL,
    tier         VARCHAR(8)    NOT NULL,
    volume       VARCHAR(64)   NOT NULL,
    location     VARCHAR(1024) NOT NULL,
    sha256       CHAR(64)      NOT NULL,
    prev_sha256  CHAR(64),
    -- The key is also the index every per-camera query walks: (tenant_id, camera_id, start_time).
    CONSTRAINT chunks_pk PRIMARY KEY (tenant_id, camera_id, start_time),
    CONSTRAINT chunks_location UNIQUE (location),
    CONSTRAINT chunks_ends_after_start CHECK (end_time >= start_time),
    CONSTRAINT chunks_bytes CHECK (bytes >= 0),
    CONSTRAINT chunks_tier CHECK (tier IN ('HOT', 'WARM', 'COLD'))
);

-- Disk-full eviction: the oldest chunks of a volume, across tenants and cameras.
CREATE INDEX chunks_volume_start ON chunks (volume, start_time);

CREATE TABLE bookmarks (
    tenant_id   UUID          NOT NULL REFERENCES tenants (tenant_id),
    id          UUID          NOT NULL PRIMARY KEY,
    camera_id   UUID          NOT NULL,
    from_time   TIMESTAMP WITH TIME ZONE NOT NULL,
    to_time     TIMESTAMP WITH TIME ZONE NOT NULL,
    note        VARCHAR(1000) NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT bookmarks_window CHECK (to_time > from_time)
);

-- Listing a camera's bookmarks, and the "is this chunk protected" probe of retention.
CREATE INDEX bookmarks_tenant_camera_from ON bookmarks (tenant_id, camera_id, from_time);
