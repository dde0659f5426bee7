-- The audit log: append-only, one hash chain per tenant (io.argus.metadata.AuditLogRepository). Each row's hash is
-- SHA-256 over a canonical encoding of its fields and the previous row's hash (AuditHash); seq has no gaps.
-- audit_chain_heads holds the last seq and hash of each tenant's chain: appends lock it (SELECT ... FOR UPDATE),
-- so two nodes appending to one PostgreSQL database queue up instead of forking the chain, and a verifier can tell
-- rows deleted from the end of the chain. Portable SQL: H2 in PostgreSQL mode and PostgreSQL.

CREATE TABLE audit_chain_heads (
    tenant_id   UUID        NOT NULL PRIMARY KEY REFERENCES tenants (tenant_id),
    seq         BIGINT      NOT NULL,
    hash        VARCHAR(64) NOT NULL
);

CREATE TABLE audit_log (
    tenant_id    UUID          NOT NULL REFERENCES tenants (tenant_id),
    seq          BIGINT        NOT NULL,
    occurred_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    user_id      UUID,
    user_name    VARCHAR(256),
    source_ip    VARCHAR(64),
    action       VARCHAR(64)   NOT NULL,
    target_type  VARCHAR(32),
    target_id    VARCHAR(256),
    outcome      VARCHAR(16)   NOT NULL,
    details      VARCHAR(4000) NOT NULL,
    prev_hash    VARCHAR(64)   NOT NULL,
    hash         VARCHAR(64)   NOT NULL,
    CONSTRAINT audit_log_pk PRIMARY KEY (tenant_id, seq),
    CONSTRAINT audit_log_outcome CHECK (outcome IN ('ok', 'failed', 'denied'))
);

CREATE INDEX audit_log_time ON audit_log (tenant_id, occurred_at);
CREATE INDEX audit_log_hash ON audit_log (tenant_id, hash);
