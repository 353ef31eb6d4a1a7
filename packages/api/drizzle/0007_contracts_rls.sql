-- contracts is written by the app; contract_transitions is append-only history (SELECT, INSERT only).
SELECT crm_apply_tenant_rls('contracts');
--> statement-breakpoint
SELECT crm_apply_tenant_rls('contract_transitions', false);
