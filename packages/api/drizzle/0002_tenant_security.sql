-- The application role. Every request sets the role crm_app inside its transaction, so row-level
-- security applies even when the connecting user is a superuser (PGlite always is).
DO $$ BEGIN
  CREATE ROLE crm_app NOLOGIN NOSUPERUSER NOBYPASSRLS;
EXCEPTION WHEN duplicate_object THEN NULL;
END $$;
--> statement-breakpoint
DO $$ BEGIN
  EXECUTE format('GRANT crm_app TO %I', current_user);
EXCEPTION WHEN others THEN NULL;
END $$;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO crm_app;
--> statement-breakpoint
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO crm_app;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO crm_app;
--> statement-breakpoint
-- The tenant of the current transaction, or NULL when none is set (then every policy hides every row).
CREATE OR REPLACE FUNCTION crm_current_tenant() RETURNS bigint
  LANGUAGE sql STABLE AS $$ SELECT nullif(current_setting('app.tenant_id', true), '')::bigint $$;
--> statement-breakpoint
-- Puts a tenant-owned table behind RLS: visible and writable only for rows of the current tenant.
-- Later migrations call it for each new tenant table.
CREATE OR REPLACE FUNCTION crm_apply_tenant_rls(tbl text, writable boolean DEFAULT true) RETURNS void
  LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', tbl);
  EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', tbl);
  EXECUTE format('DROP POLICY IF EXISTS tenant_isolation ON %I', tbl);
  EXECUTE format(
    'CREATE POLICY tenant_isolation ON %I USING (tenant_id = crm_current_tenant()) WITH CHECK (tenant_id = crm_current_tenant())',
    tbl);
  IF writable THEN
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO crm_app', tbl);
  ELSE
    EXECUTE format('GRANT SELECT, INSERT ON %I TO crm_app', tbl);
  END IF;
END $$;
--> statement-breakpoint
SELECT crm_apply_tenant_rls(t) FROM unnest(ARRAY[
  'customers', 'customer_merges', 'code_sequences', 'customer_contacts', 'customer_departments',
  'tag_groups', 'tags', 'customer_tags', 'events', 'idempotency_keys'
]) AS t;
--> statement-breakpoint
SELECT crm_apply_tenant_rls('audit_log', false);
--> statement-breakpoint
-- Identity tables are read before a tenant is known (login, API keys); the app role only reads them.
GRANT SELECT ON tenants, users, api_keys TO crm_app;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION crm_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only';
END $$;
--> statement-breakpoint
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION crm_audit_append_only();
