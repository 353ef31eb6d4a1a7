-- Before the next migration puts a composite foreign key (tenant_id, x) -> users(tenant_id, id) on every
-- column that names a user, references that name nobody of the row's tenant (another tenant's user, or an id
-- that never existed: `corrected_by` used to be 0 for integrations) are repaired, so adding the keys cannot
-- fail on a database that already holds one. Each such column is optional, so the reference is cleared and
-- the record kept: who owned, signed, wrote or answered is lost, what was agreed, said or answered is not.
-- Only a notification is deleted: it exists for its recipient, and nobody of the tenant can read it.
--
-- FORCE ROW LEVEL SECURITY applies to the tables' owner too, and with no tenant set every policy hides every
-- row: a migration run by an owner without BYPASSRLS would repair nothing. The owner therefore lifts FORCE for
-- the repair and puts it back (only where it was set), inside the migration's transaction.
CREATE TEMP TABLE crm_user_repair_forced AS
  SELECT c.relname::text AS tbl
  FROM pg_class c
  WHERE c.relnamespace = 'public'::regnamespace AND c.relforcerowsecurity AND c.relname IN (
    'customers', 'contracts', 'leads', 'opportunities', 'tasks', 'task_comments', 'complaints', 'complaint_events',
    'complaint_classifier_corrections', 'notifications', 'communications', 'segments', 'survey_templates',
    'survey_campaigns', 'survey_responses', 'improvement_actions');
--> statement-breakpoint
DO $$
DECLARE t text;
BEGIN
  FOR t IN SELECT tbl FROM crm_user_repair_forced LOOP
    EXECUTE format('ALTER TABLE %I NO FORCE ROW LEVEL SECURITY', t);
  END LOOP;
END $$;
--> statement-breakpoint
UPDATE customers r SET assigned_manager_id = NULL WHERE assigned_manager_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM users u WHERE u.tenant_id = r.tenant_id AND u.id = r.assigned_manager_id);
--> statement-breakpoint
UPDATE contracts r SET staff_signatory_id = NULL WHERE staff_signatory_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM users u WHERE u.tenant_id = r.tenant_id AND u.id = r.staff_signatory_id);
--> statement-breakpoint
UPDATE contracts r SET owner_id = NULL WHERE owner_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM users u WHERE u.tenant_id = r.tenant_id AND u.id = r.owner_id);
--> statement-breakpoint
UPDATE leads r SET owner_id = NULL WHERE owner_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM users u WHERE u.tenant_id = r.tenant_id AND u.id = r.owner_id);
--> statement-breakpoint
UPDATE opportunities r SET owner_id = NULL WHERE owner_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM users u WHERE u.tenant_id = r.tenant_id AND u.id = r.owner_id);
--> statement-breakpoint
UPDATE tasks r SET assignee_id = NULL WHERE assignee_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM users u WHERE u.tenant_id = r.tenant_id AND u.id = r.assignee_id);
--> statement-breakpoint
UPDATE tasks r SET created_by = NULL WHERE created_by IS NOT NULL AND NOT EXISTS (SELECT 1 FROM users u WHERE u.tenant_id = r.tenant_id AND u.id = r.created_by);
--> statement-breakpoint
UPDATE task_comments r SET author_id = NULL WHERE author_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM users u WHERE u.tenant_id = r.tenant_id AND u.id = r.author_id);
--> statement-breakpoint
-- A complaint still being handled whose assignee is nobody goes back to the complaints queue, as one that no
-- manager could be assigned to does on submission, so that someone takes it.
UPDATE complaints r
SET assignee_id = NULL,
    queue = CASE WHEN r.status IN ('open', 'acknowledged', 'investigating') THEN coalesce(r.queue, 'complaints') ELSE r.queue END
WHERE assignee_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM users u WHERE u.tenant_id = r.tenant_id AND u.id = r.assignee_id);
--> statement-breakpoint
UPDATE complaints r SET submitted_by = NULL WHERE submitted_by IS NOT NULL AND NOT EXISTS (SELECT 1 FROM users u WHERE u.tenant_id = r.tenant_id AND u.id = r.submitted_by);
--> statement-breakpoint
UPDATE complaints r SET corrected_by = NULL WHERE corrected_by IS NOT NULL AND NOT EXISTS (SELECT 1 FROM users u WHERE u.tenant_id = r.tenant_id AND u.id = r.corrected_by);
--> statement-breakpoint
UPDATE complaint_events r SET actor_id = NULL WHERE actor_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM users u WHERE u.tenant_id = r.tenant_id AND u.id = r.actor_id);
--> statement-breakpoint
UPDATE complaint_classifier_corrections r SET corrected_by = NULL WHERE corrected_by IS NOT NULL AND NOT EXISTS (SELECT 1 FROM users u WHERE u.tenant_id = r.tenant_id AND u.id = r.corrected_by);
--> statement-breakpoint
DELETE FROM notifications r WHERE NOT EXISTS (SELECT 1 FROM users u WHERE u.tenant_id = r.tenant_id AND u.id = r.recipient_id);
--> statement-breakpoint
UPDATE communications r SET created_by = NULL WHERE created_by IS NOT NULL AND NOT EXISTS (SELECT 1 FROM users u WHERE u.tenant_id = r.tenant_id AND u.id = r.created_by);
--> statement-breakpoint
UPDATE segments r SET created_by = NULL WHERE created_by IS NOT NULL AND NOT EXISTS (SELECT 1 FROM users u WHERE u.tenant_id = r.tenant_id AND u.id = r.created_by);
--> statement-breakpoint
UPDATE survey_templates r SET created_by = NULL WHERE created_by IS NOT NULL AND NOT EXISTS (SELECT 1 FROM users u WHERE u.tenant_id = r.tenant_id AND u.id = r.created_by);
--> statement-breakpoint
UPDATE survey_campaigns r SET created_by = NULL WHERE created_by IS NOT NULL AND NOT EXISTS (SELECT 1 FROM users u WHERE u.tenant_id = r.tenant_id AND u.id = r.created_by);
--> statement-breakpoint
UPDATE survey_responses r SET portal_user_id = NULL WHERE portal_user_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM users u WHERE u.tenant_id = r.tenant_id AND u.id = r.portal_user_id);
--> statement-breakpoint
UPDATE improvement_actions r SET owner_id = NULL WHERE owner_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM users u WHERE u.tenant_id = r.tenant_id AND u.id = r.owner_id);
--> statement-breakpoint
UPDATE improvement_actions r SET created_by = NULL WHERE created_by IS NOT NULL AND NOT EXISTS (SELECT 1 FROM users u WHERE u.tenant_id = r.tenant_id AND u.id = r.created_by);
--> statement-breakpoint
DO $$
DECLARE t text;
BEGIN
  FOR t IN SELECT tbl FROM crm_user_repair_forced LOOP
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
  END LOOP;
END $$;
--> statement-breakpoint
DROP TABLE crm_user_repair_forced;
