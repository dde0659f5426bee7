-- PostgreSQL only: row-level security on the event protections (V12), the same policy as V4.1.
ALTER TABLE event_protections ENABLE ROW LEVEL SECURITY;
ALTER TABLE event_protections FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON event_protections USING (argus_tenant_visible(tenant_id))
    WITH CHECK (argus_tenant_visible(tenant_id));
