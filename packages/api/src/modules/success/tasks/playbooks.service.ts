import { and, asc, eq, inArray } from 'drizzle-orm';
import { audit } from '../../../platform/audit.ts';
import { addDays, businessDate } from '../../../platform/time/calendar-date.ts';
import { ApiError } from '../../../platform/errors.ts';
import './tasks.errors.ts';
import { formatLocalDateTime } from '../../../platform/time/local-time.ts';
import type { RequestScope } from '../../../platform/request-context.ts';
import { actingUserId, stillFitting } from '../../../platform/staff-users.ts';
import { findVisibleCustomer } from '../../customers/customers/customers.public.ts';
import type { Playbook, PlaybookCreate, PlaybookRun } from './playbooks.contract.ts';
import { DEFAULT_PLAYBOOKS } from './default-playbooks.ts';
import { assertTaskLinks } from './task-board.service.ts';
import type { Task } from './tasks.contract.ts';
import { playbooks, tasks, type PlaybookRow } from './tasks.schema.ts';
import { assertAssignee, createTask, presentTasks } from './tasks.service.ts';

const toPlaybook = (row: PlaybookRow): Playbook => ({
  id: row.id,
  code: row.code,
  name: row.name,
  description: row.description,
  tasks: row.tasks.map((t) => ({ ...t, checklist: t.checklist ?? [] })),
  version: row.version,
  created_at: formatLocalDateTime(row.created_at),
  updated_at: formatLocalDateTime(row.updated_at),
});

/** Gives a tenant the default playbooks whose codes it lacks, so defaults added later reach existing tenants too (safe when two first reads race). */
async function ensureDefaultPlaybooks(scope: RequestScope): Promise<void> {
  const codes = new Set((await scope.tx.select({ code: playbooks.code }).from(playbooks).where(eq(playbooks.tenant_id, scope.tenantId))).map((r) => r.code));
  const missing = DEFAULT_PLAYBOOKS.filter((p) => !codes.has(p.code));
  if (missing.length === 0) return;
  await scope.tx
    .insert(playbooks)
    .values(missing.map((p) => ({ tenant_id: scope.tenantId, ...p })))
    .onConflictDoNothing({ target: [playbooks.tenant_id, playbooks.code] });
}

/**
 * The tenant's playbooks by code; the defaults are seeded on first read.
 * @example (await listPlaybooks(scope)).map((p) => p.code) // ['complaint_follow_up', 'onboarding', …]
 */
export async function listPlaybooks(scope: RequestScope): Promise<Playbook[]> {
  await ensureDefaultPlaybooks(scope);
  const rows = await scope.tx.select().from(playbooks).where(eq(playbooks.tenant_id, scope.tenantId)).orderBy(asc(playbooks.code));
  return rows.map(toPlaybook);
}

/**
 * Adds a playbook: 409 when the code is taken, 422 when two templates share a title. Audited.
 * @example await createPlaybook(scope, { code: 'expansion', name: '扩容推进', tasks: [{ title: '扩容需求调研', type: 'action_item', priority: 'normal', due_in_days: 7, checklist: [] }] })
 */
export async function createPlaybook(scope: RequestScope, input: PlaybookCreate): Promise<Playbook> {
  const titles = input.tasks.map((t) => t.title);
  if (new Set(titles).size !== titles.length) throw new ApiError('playbook.invalid', { reason: 'duplicate task titles' });
  await ensureDefaultPlaybooks(scope);
  const [row] = await scope.tx
    .insert(playbooks)
    .values({ tenant_id: scope.tenantId, code: input.code, name: input.name, description: input.description ?? null, tasks: input.tasks })
    .onConflictDoNothing({ target: [playbooks.tenant_id, playbooks.code] })
    .returning();
  if (!row) throw new ApiError('playbook.duplicate', { code: input.code });
  await audit(scope, { action: 'playbook.created', entity_type: 'playbook', entity_id: row.id, after: toPlaybook(row) });
  return toPlaybook(row);
}

/**
 * Runs a playbook for a customer: one task per template, due today + `due_in_days`. The source key
 * `playbook:<code>:<customer>:<risk_alert:id | contract:id | date>:<n>` makes a repeat for the same alert
 * (or contract, or day) create nothing. The risk-alert flow calls this too.
 * @example const { tasks, created } = await runPlaybook(scope, 'risk_mitigation', { customer_id: 12, risk_alert_id: 5 });
 */
export async function runPlaybook(scope: RequestScope, code: string, input: PlaybookRun, now = new Date()): Promise<{ playbook_code: string; created: number; tasks: Task[] }> {
  await ensureDefaultPlaybooks(scope);
  const [playbook] = await scope.tx.select().from(playbooks).where(and(eq(playbooks.tenant_id, scope.tenantId), eq(playbooks.code, code)));
  if (!playbook) throw new ApiError('playbook.not_found', { code });
  const customer = await findVisibleCustomer(scope, input.customer_id);
  await assertAssignee(scope, input.assignee_id);
  await assertTaskLinks(scope, customer.id, input);
  const manager = await stillFitting(scope, { field: 'assignee_id', id: customer.assigned_manager_id });
  const assignee = input.assignee_id ?? manager ?? (await actingUserId(scope));
  const today = businessDate(now);
  const anchor = input.risk_alert_id ? `risk_alert:${input.risk_alert_id}` : input.contract_id ? `contract:${input.contract_id}` : today;
  let created = 0;
  const ids: number[] = [];
  for (const [i, template] of playbook.tasks.entries()) {
    const result = await createTask(scope, {
      title: template.title,
      type: template.type,
      priority: template.priority,
      description: template.description ?? null,
      assignee_id: assignee,
      due_date: addDays(today, template.due_in_days),
      customer_id: customer.id,
      contract_id: input.contract_id ?? null,
      risk_alert_id: input.risk_alert_id ?? null,
      checklist: (template.checklist ?? []).map((text) => ({ text, done: false })),
      source_key: `playbook:${code}:${customer.id}:${anchor}:${i + 1}`,
    });
    if (result.created) created += 1;
    ids.push(result.task.id);
  }
  if (created > 0) await audit(scope, { action: 'playbook.run', entity_type: 'playbook', entity_id: playbook.id, after: { code, customer_id: customer.id, anchor, task_ids: ids } });
  const rows = ids.length ? await scope.tx.select().from(tasks).where(and(eq(tasks.tenant_id, scope.tenantId), inArray(tasks.id, ids))).orderBy(asc(tasks.id)) : [];
  return { playbook_code: code, created, tasks: await presentTasks(scope, rows) };
}
