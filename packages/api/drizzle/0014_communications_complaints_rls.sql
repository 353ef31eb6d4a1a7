SELECT crm_apply_tenant_rls('communications');
--> statement-breakpoint
SELECT crm_apply_tenant_rls('communication_keys');
--> statement-breakpoint
SELECT crm_apply_tenant_rls('tasks');
--> statement-breakpoint
SELECT crm_apply_tenant_rls('complaints');
--> statement-breakpoint
SELECT crm_apply_tenant_rls('complaint_events');
--> statement-breakpoint
SELECT crm_apply_tenant_rls('complaint_escalations');
--> statement-breakpoint
SELECT crm_apply_tenant_rls('complaint_policies');
--> statement-breakpoint
SELECT crm_apply_tenant_rls('complaint_classifier_corrections');
--> statement-breakpoint
-- Communications: like service records, a default partition catches anything and months are added ahead.
CREATE TABLE communications_default PARTITION OF communications DEFAULT;
--> statement-breakpoint
SELECT crm_ensure_month_partitions('communications', (date_trunc('year', now()) - interval '2 years')::date, 48);
