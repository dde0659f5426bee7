-- PostgreSQL only: row-level security on the event and analytics tables (V8), which V4.1's loop over the tenant
-- tables predates. The same policy as V4.1.
ALTER TABLE events ENABLE ROW LEVEL SECURITY;
ALTER TABLE events FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON events USING (argus_tenant_visible(tenant_id))
    WITH CHECK (argus_tenant_visible(tenant_id));
ALTER TABLE event_thumbnails ENABLE ROW LEVEL SECURITY;
ALTER TABLE event_thumbnails FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON event_thumbnails USING (argus_tenant_visible(tenant_id))
    WITH CHECK (argus_tenant_visible(tenant_id));
ALTER TABLE camera_analytics ENABLE ROW LEVEL SECURITY;
ALTER TABLE camera_analytics FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON camera_analytics USING (argus_tenant_visible(tenant_id))
    WITH CHECK (argus_tenant_visible(tenant_id));
