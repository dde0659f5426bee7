-- Encryption at rest (io.argus.storage.crypto): each tenant's data keys, wrapped by the node's master key (never
-- stored here in the clear). The active key encrypts new chunks and secrets; older keys stay to decrypt what
-- they encrypted. A master key rotation re-writes wrapped_key and master_key_id of every row in one transaction.
CREATE TABLE data_keys (
    tenant_id     UUID          NOT NULL REFERENCES tenants (tenant_id),
    id            UUID          NOT NULL PRIMARY KEY,
    wrapped_key   VARCHAR(200)  NOT NULL,
    master_key_id VARCHAR(200)  NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    active        BOOLEAN       NOT NULL
);

CREATE INDEX data_keys_tenant_active ON data_keys (tenant_id, active);

-- Camera passwords are stored sealed (enc:v1:<data key id>:<base64>), longer than the 256 characters a
-- password may have; plaintext rows from before are sealed at start-up.
ALTER TABLE cameras ALTER COLUMN password SET DATA TYPE VARCHAR(1024);
