-- PostgreSQL only: row-level security on data_keys (V7), which V4.1's loop over the tenant tables predates. The key
-- store reads and writes it as system work (JdbcDataKeyStore): unwrapping needs the node's master key anyway, and
-- a chunk's header names its key whichever thread reads it.
ALTER TABLE data_keys ENABLE ROW LEVEL SECURITY;
ALTER TABLE data_keys FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON data_keys USING (argus_tenant_visible(tenant_id))
    WITH CHECK (argus_tenant_visible(tenant_id));
