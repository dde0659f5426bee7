-- Events (io.argus.storage.event.EventStore) and each camera's analytics settings. Portable SQL: H2 in PostgreSQL
-- mode and PostgreSQL.
--
-- camera_id has no foreign key to cameras: events are evidence and outlive the camera's configuration row, as
-- chunks do.

CREATE TABLE events (
    tenant_id      UUID          NOT NULL REFERENCES tenants (tenant_id),
    id             UUID          NOT NULL PRIMARY KEY,
    camera_id      UUID          NOT NULL,
    type           VARCHAR(8)    NOT NULL,
    from_time      TIMESTAMP WITH TIME ZONE NOT NULL,
    -- Null while the event lasts (a motion period in progress, a camera that is down).
    to_time        TIMESTAMP WITH TIME ZONE,
    zone           VARCHAR(100),
    label          VARCHAR(100),
    confidence     DOUBLE PRECISION,
    box_x          DOUBLE PRECISION,
    box_y          DOUBLE PRECISION,
    box_w          DOUBLE PRECISION,
    box_h          DOUBLE PRECISION,
    has_thumbnail  BOOLEAN       NOT NULL,
    CONSTRAINT events_type CHECK (type IN ('MOTION', 'OBJECT', 'RULE', 'CAMERA', 'ONVIF')),
    CONSTRAINT events_span CHECK (to_time IS NULL OR to_time >= from_time),
    CONSTRAINT events_confidence CHECK (confidence IS NULL OR (confidence >= 0 AND confidence <= 1))
);

-- Searches go newest first, by (from_time, id), within the tenant and usually a camera, a type or a class: each
-- index below ends with that order (descending, so H2 reads a page off the front of the index and stops), so a page
-- is a short index range scan whatever the table's size. JdbcEvents names the index on H2, whose planner would
-- otherwise take the foreign key's index on tenant_id alone and sort every row of the tenant.
CREATE INDEX events_tenant_from ON events (tenant_id, from_time DESC, id DESC);
CREATE INDEX events_tenant_camera_from ON events (tenant_id, camera_id, from_time DESC, id DESC);
CREATE INDEX events_tenant_type_from ON events (tenant_id, type, from_time DESC, id DESC);
CREATE INDEX events_tenant_label_from ON events (tenant_id, label, from_time DESC, id DESC);

-- Thumbnails apart from the rows searches read, so a page of results never drags pictures along.
CREATE TABLE event_thumbnails (
    tenant_id  UUID         NOT NULL REFERENCES tenants (tenant_id),
    event_id   UUID         NOT NULL PRIMARY KEY REFERENCES events (id) ON DELETE CASCADE,
    jpeg       BYTEA        NOT NULL
);

-- A camera's analytics (motion, object classes, zones, rules) as the JSON document the API reads and writes: zones
-- and rules are nested lists that only the analytics read, and rules written before the engine that runs them
-- must be kept as written. A camera without a row runs the defaults.
CREATE TABLE camera_analytics (
    tenant_id   UUID          NOT NULL REFERENCES tenants (tenant_id),
    camera_id   UUID          NOT NULL,
    settings    VARCHAR(1000000) NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT camera_analytics_pk PRIMARY KEY (tenant_id, camera_id)
);
