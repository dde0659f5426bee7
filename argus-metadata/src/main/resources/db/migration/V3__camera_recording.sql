-- Per-camera recording settings (io.argus.storage.record.RecordingSettings) and retention. A camera without a
-- row records continuously with the defaults. Portable SQL: H2 in PostgreSQL mode and PostgreSQL.

CREATE TABLE camera_recording (
    tenant_id       UUID        NOT NULL REFERENCES tenants (tenant_id),
    camera_id       UUID        NOT NULL,
    mode            VARCHAR(16) NOT NULL,
    pre_buffer_ms   BIGINT      NOT NULL,
    post_buffer_ms  BIGINT      NOT NULL,
    retention_days  INT         NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT camera_recording_pk PRIMARY KEY (tenant_id, camera_id),
    CONSTRAINT camera_recording_mode CHECK (mode IN ('CONTINUOUS', 'EVENTS', 'OFF')),
    CONSTRAINT camera_recording_buffers CHECK (pre_buffer_ms >= 0 AND post_buffer_ms >= 0),
    CONSTRAINT camera_recording_retention CHECK (retention_days >= 1)
);
