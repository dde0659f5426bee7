-- Webhooks (issue 11, alerts): per tenant, a URL that gets every event matching the webhook's filter, signed with
-- its secret (sealed like camera passwords: enc:v1:<data key id>:<base64>). A filter list is a comma-separated
-- list; empty matches everything.
CREATE TABLE webhooks (
    tenant_id   UUID           NOT NULL REFERENCES tenants (tenant_id),
    id          UUID           NOT NULL PRIMARY KEY,
    url         VARCHAR(2048)  NOT NULL,
    secret      VARCHAR(1024)  NOT NULL,
    cameras     VARCHAR(8000)  NOT NULL,
    types       VARCHAR(100)   NOT NULL,
    classes     VARCHAR(2000)  NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX webhooks_tenant ON webhooks (tenant_id, created_at);

-- Deliveries that failed every attempt: the event's body as it was sent, how many attempts, the last HTTP status
-- (null when the receiver never answered) and why, so an operator can see and replay what a receiver missed.
CREATE TABLE webhook_dead_letters (
    tenant_id   UUID            NOT NULL REFERENCES tenants (tenant_id),
    id          UUID            NOT NULL PRIMARY KEY,
    webhook_id  UUID            NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
    event_id    UUID            NOT NULL,
    body        VARCHAR(100000) NOT NULL,
    attempts    INTEGER         NOT NULL,
    status      INTEGER,
    reason      VARCHAR(1000)   NOT NULL,
    failed_at   TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX webhook_dead_letters_webhook ON webhook_dead_letters (webhook_id, failed_at DESC);
