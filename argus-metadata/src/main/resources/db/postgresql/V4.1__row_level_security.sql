-- PostgreSQL only (cluster mode): row-level security on every tenant table, so a query that forgets its
-- WHERE tenant_id = ? still sees only the current tenant's rows. The current tenant is the session setting
-- argus.tenant_id, set on every connection by TenantScopedDataSource: a tenant id, '*' for system work (all
-- tenants), and unset or '' for nothing at all (fail closed). FORCE applies the policies to the table owner too,
-- which is the role Argus connects as. H2 (the embedded default) has no row-level security: there the
-- repositories' WHERE clauses are the only scoping.

CREATE FUNCTION argus_tenant_visible(row_tenant UUID) RETURNS BOOLEAN LANGUAGE sql STABLE AS $$
    SELECT CASE COALESCE(current_setting('argus.tenant_id', true), '')
        WHEN '*' THEN TRUE
        WHEN '' THEN FALSE
        ELSE row_tenant = current_setting('argus.tenant_id', true)::uuid
    END
$$;

DO $$
DECLARE
    t TEXT;
BEGIN
    FOR t IN SELECT c.table_name FROM information_schema.columns c
             WHERE c.table_schema = current_schema() AND c.column_name = 'tenant_id' AND c.table_name <> 'tenants'
    LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
        EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (argus_tenant_visible(tenant_id))'
                       || ' WITH CHECK (argus_tenant_visible(tenant_id))', t);
    END LOOP;
END
$$;
