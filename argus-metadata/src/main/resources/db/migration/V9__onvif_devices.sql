-- ONVIF devices (issue 12): a device added by its device service address, with its account (the password sealed
-- like camera passwords: enc:v1:<data key id>:<base64>), what it said about itself, its services' addresses and
-- the clock offset measured when it was last reached. One camera per chosen media profile links back to it.
CREATE TABLE onvif_devices (
    tenant_id       UUID           NOT NULL REFERENCES tenants (tenant_id),
    id              UUID           NOT NULL PRIMARY KEY,
    xaddr           VARCHAR(2048)  NOT NULL,
    username        VARCHAR(256),
    password        VARCHAR(1024),
    manufacturer    VARCHAR(256)   NOT NULL,
    model           VARCHAR(256)   NOT NULL,
    firmware        VARCHAR(256)   NOT NULL,
    serial          VARCHAR(256)   NOT NULL,
    hardware_id     VARCHAR(256)   NOT NULL,
    media_xaddr     VARCHAR(2048),
    media2_xaddr    VARCHAR(2048),
    ptz_xaddr       VARCHAR(2048),
    events_xaddr    VARCHAR(2048),
    clock_offset_ms BIGINT         NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT onvif_devices_tenant_xaddr UNIQUE (tenant_id, xaddr)
);

-- The cameras made from a device's profiles (main and sub of one device share device_id).
CREATE TABLE onvif_device_cameras (
    tenant_id     UUID          NOT NULL REFERENCES tenants (tenant_id),
    camera_id     UUID          NOT NULL PRIMARY KEY REFERENCES cameras (id) ON DELETE CASCADE,
    device_id     UUID          NOT NULL REFERENCES onvif_devices (id) ON DELETE CASCADE,
    profile_token VARCHAR(256)  NOT NULL,
    encoding      VARCHAR(32)   NOT NULL,
    width         INTEGER       NOT NULL,
    height        INTEGER       NOT NULL,
    fps           INTEGER       NOT NULL,
    ptz           BOOLEAN       NOT NULL
);

CREATE INDEX onvif_device_cameras_device ON onvif_device_cameras (device_id);

-- Events a device reported through its pull point, until the general event store (analytics issue) takes them.
CREATE TABLE onvif_events (
    tenant_id   UUID           NOT NULL REFERENCES tenants (tenant_id),
    id          UUID           NOT NULL PRIMARY KEY,
    device_id   UUID           NOT NULL REFERENCES onvif_devices (id) ON DELETE CASCADE,
    topic       VARCHAR(512)   NOT NULL,
    event_time  TIMESTAMP WITH TIME ZONE NOT NULL,
    operation   VARCHAR(32)    NOT NULL,
    source      VARCHAR(2048)  NOT NULL,
    data        VARCHAR(2048)  NOT NULL,
    received_at TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX onvif_events_device_time ON onvif_events (device_id, event_time);
