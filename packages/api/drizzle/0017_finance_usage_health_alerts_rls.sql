SELECT crm_apply_tenant_rls(t) FROM unnest(ARRAY[
  'invoices', 'payments', 'usage_daily', 'usage_event_keys', 'ops_signals', 'health_scores', 'health_score_history',
  'health_policies', 'churn_models', 'risk_alerts', 'task_comments', 'playbooks'
]) AS t;
