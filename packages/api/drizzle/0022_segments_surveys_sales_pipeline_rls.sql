SELECT crm_apply_tenant_rls(t) FROM unnest(ARRAY[
  'segments', 'segment_members', 'customer_value_tiers', 'survey_templates', 'survey_campaigns', 'survey_invitations',
  'survey_responses', 'improvement_actions', 'leads', 'pipelines', 'pipeline_stages', 'opportunities', 'opportunity_stage_history'
]) AS t;
