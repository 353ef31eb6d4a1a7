ALTER TABLE "audit_log" ADD COLUMN "chain" smallint DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "audit_chain_idx" ON "audit_log" USING btree ("tenant_id","chain","id");