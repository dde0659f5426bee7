-- PostgreSQL only: row-level security on the storage-tier tables (V6), which came after V4.1's loop over the
-- tenant tables, so RowLevelSecurityTest's "every tenant table" holds again. The same policy as V4.1.
ALTER TABLE tier_policies ENABLE ROW LEVEL SECURITY;
ALTER TABLE tier_policies FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON tier_policies USING (argus_tenant_visible(tenant_id))
    WITH CHECK (argus_tenant_visible(tenant_id));
ALTER TABLE camera_tier_policy ENABLE ROW LEVEL SECURITY;
ALTER TABLE camera_tier_policy FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON camera_tier_policy USING (argus_tenant_visible(tenant_id))
    WITH CHECK (argus_tenant_visible(tenant_id));
ALTER TABLE tenant_tier_policy ENABLE ROW LEVEL SECURITY;
ALTER TABLE tenant_tier_policy FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON tenant_tier_policy USING (argus_tenant_visible(tenant_id))
    WITH CHECK (argus_tenant_visible(tenant_id));
ALTER TABLE chunk_moves ENABLE ROW LEVEL SECURITY;
ALTER TABLE chunk_moves FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON chunk_moves USING (argus_tenant_visible(tenant_id))
    WITH CHECK (argus_tenant_visible(tenant_id));
