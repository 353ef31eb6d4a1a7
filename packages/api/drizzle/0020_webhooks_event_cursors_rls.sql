SELECT crm_apply_tenant_rls(t) FROM unnest(ARRAY['webhook_subscriptions', 'webhook_deliveries', 'event_cursors']) AS t;
