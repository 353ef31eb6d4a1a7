DROP INDEX "customers_tenant_created_idx";--> statement-breakpoint
CREATE INDEX "customers_tenant_created_asc_idx" ON "customers" USING btree ("tenant_id","created_at","id");--> statement-breakpoint
CREATE INDEX "customers_tenant_updated_idx" ON "customers" USING btree ("tenant_id","updated_at","id");