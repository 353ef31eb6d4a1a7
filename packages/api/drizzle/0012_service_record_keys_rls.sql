SELECT crm_apply_tenant_rls('service_record_keys');
