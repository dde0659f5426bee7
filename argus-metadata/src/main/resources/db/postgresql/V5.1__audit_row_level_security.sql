-- PostgreSQL only: the audit tables (V5) under the same forced row-level security as every other tenant table
-- (V4.1 covered the tables that existed before them). An auditor's queries then see only their tenant's chain;
-- appends run in the actor's tenant, verification of every chain as system work.

DO $$
DECLARE
    t TEXT;
BEGIN
    FOR t IN SELECT c.table_name FROM information_schema.columns c JOIN pg_class p ON p.relname = c.table_name
             WHERE c.table_schema = current_schema() AND c.column_name = 'tenant_id' AND c.table_name <> 'tenants'
               AND NOT p.relrowsecurity
    LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
        EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (argus_tenant_visible(tenant_id))'
                       || ' WITH CHECK (argus_tenant_visible(tenant_id))', t);
    END LOOP;
END
$$;
