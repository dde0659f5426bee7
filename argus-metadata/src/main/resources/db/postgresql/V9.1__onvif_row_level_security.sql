-- PostgreSQL only: row-level security on the ONVIF tables (V9), the same policy as V4.1.
ALTER TABLE onvif_devices ENABLE ROW LEVEL SECURITY;
ALTER TABLE onvif_devices FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON onvif_devices USING (argus_tenant_visible(tenant_id))
    WITH CHECK (argus_tenant_visible(tenant_id));
ALTER TABLE onvif_device_cameras ENABLE ROW LEVEL SECURITY;
ALTER TABLE onvif_device_cameras FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON onvif_device_cameras USING (argus_tenant_visible(tenant_id))
    WITH CHECK (argus_tenant_visible(tenant_id));
ALTER TABLE onvif_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE onvif_events FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON onvif_events USING (argus_tenant_visible(tenant_id))
    WITH CHECK (argus_tenant_visible(tenant_id));
