import { and, count, desc, eq, gt, inArray, lt, sql } from 'drizzle-orm';
import { audit } from '../../../platform/audit.ts';
import { ApiError } from '../../../platform/errors.ts';
import './surveys.errors.ts';
import { emitEvent } from '../../../platform/events.ts';
import { formatLocalDateTime } from '../../../platform/time/local-time.ts';
import { decodeCursor, encodeCursor } from '../../../platform/http/pagination.ts';
import type { RequestScope } from '../../../platform/request-context.ts';
import { actingUserId, assertUserReferences } from '../../../platform/staff-users.ts';
import { customerDirectory } from '../../customers/customers/customers.public.ts';
import type { ImprovementAction, ImprovementActionCreate, ImprovementActionPatch } from './survey-results.contract.ts';
import { improvementActions, surveyCampaigns, surveyResponses } from './surveys.schema.ts';

type ActionRow = typeof improvementActions.$inferSelect;

const present = (row: ActionRow, effect: ImprovementAction['effect'] = null): ImprovementAction => ({
  id: row.id,
  title: row.title,
  description: row.description,
  owner_id: row.owner_id,
  due_date: row.due_date,
  status: row.status as ImprovementAction['status'],
  customer_id: row.customer_id,
  campaign_id: row.campaign_id,
  response_ids: row.response_ids,
  completed_at: row.completed_at ? formatLocalDateTime(row.completed_at) : null,
  version: row.version,
  created_at: formatLocalDateTime(row.created_at),
  updated_at: formatLocalDateTime(row.updated_at),
  effect,
});

/** Links must stay inside the tenant: responses, customer and campaign of its own. */
async function checkLinks(scope: RequestScope, input: ImprovementActionPatch): Promise<void> {
  const fail = (reason: string, detail: unknown) => {
    throw new ApiError('improvement_action.link_invalid', { reason, ...((detail as object) ?? {}) });
  };
  if (input.response_ids?.length) {
    const ids = [...new Set(input.response_ids)];
    const [found] = await scope.tx.select({ n: count() }).from(surveyResponses).where(and(eq(surveyResponses.tenant_id, scope.tenantId), inArray(surveyResponses.id, ids)));
    if ((found?.n ?? 0) !== ids.length) fail('unknown responses', { response_ids: ids });
  }
  if (input.customer_id) {
    const [found] = await scope.tx.select({ id: customerDirectory.id }).from(customerDirectory).where(and(eq(customerDirectory.tenant_id, scope.tenantId), eq(customerDirectory.id, input.customer_id)));
    if (!found) fail('unknown customer', { customer_id: input.customer_id });
  }
  if (input.campaign_id) {
    const [found] = await scope.tx.select({ id: surveyCampaigns.id }).from(surveyCampaigns).where(and(eq(surveyCampaigns.tenant_id, scope.tenantId), eq(surveyCampaigns.id, input.campaign_id)));
    if (!found) fail('unknown campaign', { campaign_id: input.campaign_id });
  }
}

/** An action's owner follows the feedback up: a member of staff of the tenant who may write surveys and their actions. */
const assertOwner = (scope: RequestScope, ownerId: number | null | undefined): Promise<void> =>
  assertUserReferences(scope, [{ field: 'owner_id', id: ownerId, permission: 'survey:write' }]);

async function findAction(scope: RequestScope, id: number, lock = false): Promise<ActionRow> {
  const query = scope.tx.select().from(improvementActions).where(and(eq(improvementActions.tenant_id, scope.tenantId), eq(improvementActions.id, id)));
  const [row] = lock ? await query.for('update') : await query;
  if (!row) throw new ApiError('improvement_action.not_found', { id });
  return row;
}

/** Average NPS and CSAT of complete responses of `customerIds` submitted before or after an instant. */
async function averages(scope: RequestScope, customerIds: number[], side: 'before' | 'after', at: Date) {
  if (customerIds.length === 0) return { responses: 0, nps_average: null, csat_average: null };
  const [row] = await scope.tx
    .select({ responses: sql<number>`count(*)::int`, nps: sql<number | null>`avg(${surveyResponses.nps})::float8`, csat: sql<number | null>`avg(${surveyResponses.csat})::float8` })
    .from(surveyResponses)
    .where(and(eq(surveyResponses.tenant_id, scope.tenantId), eq(surveyResponses.complete, true), inArray(surveyResponses.customer_id, customerIds), side === 'before' ? lt(surveyResponses.submitted_at, at) : gt(surveyResponses.submitted_at, at)));
  const round2 = (v: number | null) => (v === null ? null : Math.round(Number(v) * 100) / 100);
  return { responses: row?.responses ?? 0, nps_average: round2(row?.nps ?? null), csat_average: round2(row?.csat ?? null) };
}

/**
 * The effect of an action: the linked customers' scores before it was created and after it was completed.
 * @example (await improvementActionEffect(scope, row)).after?.nps_average // 8.5
 */
export async function improvementActionEffect(scope: RequestScope, row: ActionRow): Promise<NonNullable<ImprovementAction['effect']>> {
  const linked = row.response_ids.length
    ? await scope.tx.selectDistinct({ id: surveyResponses.customer_id }).from(surveyResponses).where(and(eq(surveyResponses.tenant_id, scope.tenantId), inArray(surveyResponses.id, row.response_ids)))
    : [];
  const customerIds = [...new Set([...linked.map((r) => r.id), ...(row.customer_id ? [row.customer_id] : [])])].sort((a, b) => a - b);
  return {
    customer_ids: customerIds,
    before: await averages(scope, customerIds, 'before', row.created_at),
    after: row.status === 'done' && row.completed_at ? await averages(scope, customerIds, 'after', row.completed_at) : null,
  };
}

export async function getImprovementAction(scope: RequestScope, id: number): Promise<ImprovementAction> {
  const row = await findAction(scope, id);
  return present(row, await improvementActionEffect(scope, row));
}

export async function listImprovementActions(scope: RequestScope, query: { status?: string; customer_id?: number; campaign_id?: number; limit: number; cursor?: string }) {
  const where = [eq(improvementActions.tenant_id, scope.tenantId)];
  if (query.status) where.push(eq(improvementActions.status, query.status));
  if (query.customer_id) where.push(eq(improvementActions.customer_id, query.customer_id));
  if (query.campaign_id) where.push(eq(improvementActions.campaign_id, query.campaign_id));
  const after = decodeCursor(query.cursor);
  if (after) where.push(lt(improvementActions.id, after.id));
  const rows = await scope.tx.select().from(improvementActions).where(and(...where)).orderBy(desc(improvementActions.id)).limit(query.limit + 1);
  const items = rows.slice(0, query.limit);
  const last = items.at(-1);
  return { items: items.map((r) => present(r)), next_cursor: rows.length > query.limit && last ? encodeCursor({ value: last.id, id: last.id }) : null };
}

/**
 * Creates an action linked to the feedback that caused it.
 * @example await createImprovementAction(scope, { title: '缩短夜间响应时间', owner_id: 4, due_date: '2026-07-01', status: 'open', response_ids: [31, 32] }, new Date())
 */
export async function createImprovementAction(scope: RequestScope, input: ImprovementActionCreate, now: Date): Promise<ImprovementAction> {
  await checkLinks(scope, input);
  await assertOwner(scope, input.owner_id);
  const [row] = await scope.tx
    .insert(improvementActions)
    .values({ ...input, tenant_id: scope.tenantId, response_ids: [...new Set(input.response_ids)], completed_at: input.status === 'done' ? now : null, created_by: await actingUserId(scope), created_at: now, updated_at: now })
    .returning();
  await audit(scope, { action: 'improvement_action.created', entity_type: 'improvement_action', entity_id: row!.id, after: row });
  await emitEvent(scope, { type: 'improvement_action.created', entity_type: 'improvement_action', entity_id: row!.id, payload: { title: row!.title, owner_id: row!.owner_id, customer_id: row!.customer_id } });
  return present(row!, await improvementActionEffect(scope, row!));
}

export async function updateImprovementAction(scope: RequestScope, id: number, expected: number | null, patch: ImprovementActionPatch, now: Date): Promise<ImprovementAction> {
  const before = await findAction(scope, id, true);
  if (expected !== null && before.version !== expected) throw new ApiError('precondition.failed', { current_version: before.version });
  await checkLinks(scope, patch);
  if (patch.owner_id !== before.owner_id) await assertOwner(scope, patch.owner_id);
  const status = patch.status ?? before.status;
  const completedAt = status === 'done' ? (before.status === 'done' ? before.completed_at : now) : null;
  const [row] = await scope.tx
    .update(improvementActions)
    .set({ ...patch, ...(patch.response_ids ? { response_ids: [...new Set(patch.response_ids)] } : {}), completed_at: completedAt, version: before.version + 1, updated_at: now })
    .where(and(eq(improvementActions.tenant_id, scope.tenantId), eq(improvementActions.id, id)))
    .returning();
  await audit(scope, { action: 'improvement_action.updated', entity_type: 'improvement_action', entity_id: id, before, after: row });
  if (status !== before.status) await emitEvent(scope, { type: 'improvement_action.status_changed', entity_type: 'improvement_action', entity_id: id, payload: { from: before.status, to: status } });
  return present(row!, await improvementActionEffect(scope, row!));
}

export async function deleteImprovementAction(scope: RequestScope, id: number): Promise<{ id: number; deleted: true }> {
  const before = await findAction(scope, id, true);
  await scope.tx.delete(improvementActions).where(and(eq(improvementActions.tenant_id, scope.tenantId), eq(improvementActions.id, id)));
  await audit(scope, { action: 'improvement_action.deleted', entity_type: 'improvement_action', entity_id: id, before });
  return { id, deleted: true };
}
