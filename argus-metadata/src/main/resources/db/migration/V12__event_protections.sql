-- The recording windows events protect from age retention (io.argus.storage.chunk.EventProtections): an event's
-- pre-buffer through its post-buffer, until until_time. Portable SQL: H2 in PostgreSQL mode and PostgreSQL.
--
-- event_id has no foreign key to events: the event's row may fail to store (the database briefly down) while its
-- recording must still be kept, and a window outlives nothing it refers to (it lapses at until_time).

CREATE TABLE event_protections (
    tenant_id   UUID          NOT NULL REFERENCES tenants (tenant_id),
    event_id    UUID          NOT NULL PRIMARY KEY,
    camera_id   UUID          NOT NULL,
    from_time   TIMESTAMP WITH TIME ZONE NOT NULL,
    -- Null while the event lasts: everything from from_time on is protected.
    to_time     TIMESTAMP WITH TIME ZONE,
    until_time  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT event_protections_window CHECK (to_time IS NULL OR to_time >= from_time)
);

-- The "is this chunk protected" probe of retention, per camera; and the expiry of lapsed windows.
CREATE INDEX event_protections_tenant_camera_from ON event_protections (tenant_id, camera_id, from_time);
CREATE INDEX event_protections_until ON event_protections (until_time);
