import { and, desc, eq, gte, inArray, lt, lte, sql, type SQL } from 'drizzle-orm';
import { customerScopeOf } from '../../../platform/auth/permissions.ts';
import { audit } from '../../../platform/audit.ts';
import { addDays, addMonths, businessDate } from '../../../platform/time/calendar-date.ts';
import { ApiError } from '../../../platform/errors.ts';
import './sales-pipeline.errors.ts';
import { emitEvent } from '../../../platform/events.ts';
import { formatLocalDateTime } from '../../../platform/time/local-time.ts';
import { decodeCursor, encodeCursor } from '../../../platform/http/pagination.ts';
import type { RequestScope } from '../../../platform/request-context.ts';
import { actingUserId, assertUserReferences, stillFitting, type UserReference } from '../../../platform/staff-users.ts';
import { contractDirectory, createContract } from '../../contracts-sla/contracts/contracts.public.ts';
import { customerDirectory, findVisibleCustomer, visibleCustomers } from '../../customers/customers/customers.public.ts';
import { users } from '../../../platform/identity/users.schema.ts';
import type { Opportunity, OpportunityCreate, OpportunityListQuery, OpportunityMove, OpportunityUpdate, PipelineBoard, PipelineBoardQuery } from './opportunities.contract.ts';
import { defaultPipelineId, findPipeline, stagesOf, toStage, type StageRow } from './pipelines.service.ts';
import { opportunities, opportunityStageHistory, pipelineStages } from './sales-pipeline.schema.ts';

export type OpportunityRow = typeof opportunities.$inferSelect;

/** An opportunity's owner works the funnel: a member of staff of the tenant who may write opportunities. */
const ownerReference = (id: number | null | undefined): UserReference => ({ field: 'owner_id', id, permission: 'opportunity:write' });

/** The names an opportunity is shown with: its customer's and its owner's. */
type OpportunityNames = { customer_name: string; owner_name: string | null };

/** The API shape of an opportunity with its current stage and names. */
function toOpportunity(row: OpportunityRow, stage: Pick<StageRow, 'name' | 'probability'>, names: OpportunityNames): Opportunity {
  return {
    id: row.id,
    name: row.name,
    customer_id: row.customer_id,
    customer_name: names.customer_name,
    lead_id: row.lead_id,
    pipeline_id: row.pipeline_id,
    stage_id: row.stage_id,
    stage_name: stage.name,
    probability: stage.probability,
    status: row.status as Opportunity['status'],
    amount: row.amount,
    currency: row.currency,
    expected_close_date: row.expected_close_date,
    next_step: row.next_step,
    owner_id: row.owner_id,
    owner_name: names.owner_name,
    source: row.source,
    lost_reason: row.lost_reason,
    closed_at: row.closed_at ? formatLocalDateTime(row.closed_at) : null,
    contract_id: row.contract_id,
    stage_entered_at: formatLocalDateTime(row.stage_entered_at),
    version: row.version,
    created_at: formatLocalDateTime(row.created_at),
    updated_at: formatLocalDateTime(row.updated_at),
  };
}

const withStage = { opportunity: opportunities, stage_name: pipelineStages.name, probability: pipelineStages.probability, kind: pipelineStages.kind, customer_name: customerDirectory.customer_name, owner_name: users.display_name };
const stageJoin = and(eq(pipelineStages.tenant_id, opportunities.tenant_id), eq(pipelineStages.id, opportunities.stage_id));
const customerJoin = and(eq(customerDirectory.tenant_id, opportunities.tenant_id), eq(customerDirectory.id, opportunities.customer_id));
const ownerJoin = and(eq(users.tenant_id, opportunities.tenant_id), eq(users.id, opportunities.owner_id));
const present = (r: { opportunity: OpportunityRow; stage_name: string; probability: number; customer_name: string; owner_name: string | null }) =>
  toOpportunity(r.opportunity, { name: r.stage_name, probability: r.probability }, r);

/** Opportunities with their stage, customer and owner, ready for `present`. */
const selectOpportunities = (scope: RequestScope) =>
  scope.tx.select(withStage).from(opportunities).innerJoin(pipelineStages, stageJoin).innerJoin(customerDirectory, customerJoin).leftJoin(users, ownerJoin);

/**
 * Opportunities of customers the caller may see: with the tenant's `assigned` data scope, sales and managers
 * see only the opportunities of their own customers (no condition when the caller sees every customer).
 */
export function visibleOpportunities(scope: RequestScope): SQL | undefined {
  if (customerScopeOf(scope.principal, scope.settings.manager_data_scope).kind === 'all') return undefined;
  return inArray(opportunities.customer_id, scope.tx.select({ id: customerDirectory.id }).from(customerDirectory).where(visibleCustomers(scope, customerDirectory)));
}

/** An opportunity of a customer the caller may see, with its stage (locked for update when asked), or 404. */
export async function findOpportunity(scope: RequestScope, id: number, lock = false) {
  const query = selectOpportunities(scope).where(and(eq(opportunities.tenant_id, scope.tenantId), eq(opportunities.id, id), visibleOpportunities(scope)));
  const [row] = lock ? await query.for('update', { of: opportunities }) : await query;
  if (!row) throw new ApiError('opportunity.not_found', { id });
  return row;
}

/** @example const opportunity = await getOpportunity(scope, 7); */
export async function getOpportunity(scope: RequestScope, id: number): Promise<Opportunity> {
  return present(await findOpportunity(scope, id));
}

/**
 * Creates an opportunity at a stage (by default the first open stage of the default pipeline) and writes its
 * first stage-history entry. Used by the API and by lead conversion.
 * @example await createOpportunity(scope, { name: '运维外包', customer_id: 12, amount: '250000', currency: 'CNY' })
 */
export async function createOpportunity(scope: RequestScope, input: OpportunityCreate, leadId: number | null = null): Promise<Opportunity> {
  await findVisibleCustomer(scope, input.customer_id);
  await assertUserReferences(scope, [ownerReference(input.owner_id)]);
  const pipelineId = input.pipeline_id ?? (await defaultPipelineId(scope));
  const stages = await stagesOf(scope, pipelineId);
  const stage = input.stage_id ? stages.find((s) => s.id === input.stage_id) : stages.find((s) => s.kind === 'open');
  if (!stage || stage.kind !== 'open') throw new ApiError('opportunity.stage_invalid', { stage_id: input.stage_id, pipeline_id: pipelineId });
  const now = new Date();
  const [row] = await scope.tx
    .insert(opportunities)
    .values({
      tenant_id: scope.tenantId,
      name: input.name,
      customer_id: input.customer_id,
      lead_id: leadId,
      pipeline_id: pipelineId,
      stage_id: stage.id,
      amount: input.amount,
      currency: input.currency,
      expected_close_date: input.expected_close_date ?? null,
      next_step: input.next_step ?? null,
      owner_id: input.owner_id ?? (await actingUserId(scope)),
      source: input.source ?? null,
      stage_entered_at: now,
      created_at: now,
      updated_at: now,
    })
    .returning();
  if (!row) throw new ApiError('internal');
  await scope.tx.insert(opportunityStageHistory).values({ tenant_id: scope.tenantId, opportunity_id: row.id, from_stage_id: null, to_stage_id: stage.id, amount: row.amount, changed_by: scope.principal.subject, changed_at: now });
  await audit(scope, { action: 'opportunity.created', entity_type: 'opportunity', entity_id: row.id, after: row });
  await emitEvent(scope, { type: 'opportunity.created', entity_type: 'opportunity', entity_id: row.id, payload: { customer_id: row.customer_id, stage: stage.code, amount: row.amount } });
  return getOpportunity(scope, row.id);
}

function filtersOf(scope: RequestScope, query: OpportunityListQuery): (SQL | undefined)[] {
  const where: (SQL | undefined)[] = [eq(opportunities.tenant_id, scope.tenantId), visibleOpportunities(scope)];
  if (query.pipeline_id) where.push(eq(opportunities.pipeline_id, query.pipeline_id));
  if (query.stage_id) where.push(eq(opportunities.stage_id, query.stage_id));
  if (query.owner_id) where.push(eq(opportunities.owner_id, query.owner_id));
  if (query.mine) where.push(eq(opportunities.owner_id, scope.principal.userId ?? -1));
  if (query.status) where.push(eq(opportunities.status, query.status));
  if (query.customer_id) where.push(eq(opportunities.customer_id, query.customer_id));
  if (query.close_from) where.push(gte(opportunities.expected_close_date, query.close_from));
  if (query.close_to) where.push(lte(opportunities.expected_close_date, query.close_to));
  return where;
}

/**
 * A page of opportunities, newest first, keyset-paginated on id.
 * @example await listOpportunities(scope, { mine: true, status: 'open', limit: 20 })
 */
export async function listOpportunities(scope: RequestScope, query: OpportunityListQuery) {
  const where = filtersOf(scope, query);
  const after = decodeCursor(query.cursor);
  if (after) where.push(lt(opportunities.id, after.id));
  const rows = await selectOpportunities(scope).where(and(...where)).orderBy(desc(opportunities.id)).limit(query.limit + 1);
  const items = rows.slice(0, query.limit);
  const last = items[items.length - 1];
  return { items: items.map(present), next_cursor: rows.length > query.limit && last ? encodeCursor({ value: null, id: last.opportunity.id }) : null };
}

/** Updates an open opportunity if the caller's version is current; stages move only through `moveOpportunity`. */
export async function updateOpportunity(scope: RequestScope, id: number, expected: number | null, patch: OpportunityUpdate): Promise<Opportunity> {
  const before = await findOpportunity(scope, id);
  if (expected !== null && before.opportunity.version !== expected) throw new ApiError('precondition.failed', { current_version: before.opportunity.version });
  if (before.opportunity.status !== 'open') throw new ApiError('opportunity.closed', { status: before.opportunity.status });
  if (patch.owner_id !== before.opportunity.owner_id) await assertUserReferences(scope, [ownerReference(patch.owner_id)]);
  const [after] = await scope.tx
    .update(opportunities)
    .set({ ...patch, version: before.opportunity.version + 1, updated_at: new Date() })
    .where(and(eq(opportunities.tenant_id, scope.tenantId), eq(opportunities.id, id), eq(opportunities.version, before.opportunity.version)))
    .returning();
  if (!after) throw new ApiError('precondition.failed');
  await audit(scope, { action: 'opportunity.updated', entity_type: 'opportunity', entity_id: id, before: before.opportunity, after });
  return getOpportunity(scope, id);
}

/** A contract draft for a won opportunity: the first contract of a customer is `new`, a later one an expansion. */
async function draftContractFor(scope: RequestScope, row: OpportunityRow, now: Date): Promise<number> {
  const [earlier] = await scope.tx
    .select({ id: contractDirectory.id })
    .from(contractDirectory)
    .where(and(eq(contractDirectory.tenant_id, scope.tenantId), eq(contractDirectory.customer_id, row.customer_id)))
    .limit(1);
  const start = row.expected_close_date && row.expected_close_date > businessDate(now) ? row.expected_close_date : businessDate(now);
  const contract = await createContract(scope, row.customer_id, {
    title: row.name,
    kind: earlier ? 'expansion' : 'new',
    start_date: start,
    end_date: addDays(addMonths(start, 12), -1),
    // The contract owner must be able to work customers; one who cannot leaves the draft to whoever closes the deal.
    owner_id: await stillFitting(scope, { field: 'owner_id', id: row.owner_id, permission: 'customer:write' }),
    auto_renew: false,
    notice_period_days: 30,
    amount: row.amount,
    currency: row.currency,
    billing_cycle: 'yearly',
    covered_services: [],
    attachments: [],
  });
  return contract.id;
}

/**
 * Moves an opportunity to another stage of its pipeline, writing the stage history. The won stage closes it
 * as won with a contract draft for the customer; the lost stage closes it as lost and needs a reason.
 * `expected` is the version the caller read (null: whatever is current); a stale one is refused (412).
 * @example await moveOpportunity(scope, 7, 3, { stage_id: 12 })
 */
export async function moveOpportunity(scope: RequestScope, id: number, expected: number | null, move: OpportunityMove, now = new Date()): Promise<Opportunity> {
  const found = await findOpportunity(scope, id, true);
  const before = found.opportunity;
  if (expected !== null && before.version !== expected) throw new ApiError('precondition.failed', { current_version: before.version });
  if (before.status !== 'open') throw new ApiError('opportunity.closed', { status: before.status });
  const stages = await stagesOf(scope, before.pipeline_id);
  const target = stages.find((s) => s.id === move.stage_id);
  if (!target) throw new ApiError('opportunity.stage_invalid', { stage_id: move.stage_id, pipeline_id: before.pipeline_id });
  if (target.kind === 'lost' && !move.lost_reason) throw new ApiError('opportunity.lost_reason_required');
  if (target.id === before.stage_id) return present(found);

  const closing = target.kind !== 'open';
  const contractId = target.kind === 'won' ? await draftContractFor(scope, before, now) : null;
  const [after] = await scope.tx
    .update(opportunities)
    .set({
      stage_id: target.id,
      stage_entered_at: now,
      status: target.kind,
      closed_at: closing ? now : null,
      lost_reason: target.kind === 'lost' ? move.lost_reason : null,
      contract_id: contractId ?? before.contract_id,
      version: before.version + 1,
      updated_at: now,
    })
    .where(and(eq(opportunities.tenant_id, scope.tenantId), eq(opportunities.id, id)))
    .returning();
  if (!after) throw new ApiError('internal');
  await scope.tx.insert(opportunityStageHistory).values({ tenant_id: scope.tenantId, opportunity_id: id, from_stage_id: before.stage_id, to_stage_id: target.id, amount: before.amount, changed_by: scope.principal.subject, changed_at: now });
  const from = stages.find((s) => s.id === before.stage_id);
  await audit(scope, { action: 'opportunity.stage_changed', entity_type: 'opportunity', entity_id: id, before: { stage: from?.code, status: before.status }, after: { stage: target.code, status: after.status, lost_reason: after.lost_reason, contract_id: after.contract_id } });
  await emitEvent(scope, { type: closing ? `opportunity.${target.kind}` : 'opportunity.stage_changed', entity_type: 'opportunity', entity_id: id, payload: { customer_id: after.customer_id, from: from?.code ?? null, to: target.code, amount: after.amount, contract_id: after.contract_id } });
  return present({ ...found, opportunity: after, stage_name: target.name, probability: target.probability });
}

/** Opportunities shown per board column. */
const BOARD_COLUMN_LIMIT = 50;

/**
 * The pipeline as columns: per stage its count, amount and weighted amount (amount × probability) and its most
 * recently moved opportunities; totals over the open stages. Only opportunities the caller may see count.
 * @example (await pipelineBoard(scope, 3)).columns[0].weighted_amount // '25000.00'
 */
export async function pipelineBoard(scope: RequestScope, pipelineId: number, filter: Partial<PipelineBoardQuery> = {}): Promise<PipelineBoard> {
  const pipeline = await findPipeline(scope, pipelineId);
  const stages = await stagesOf(scope, pipelineId);
  const ownerId = filter.mine ? (scope.principal.userId ?? -1) : filter.owner_id;
  const onBoard = and(eq(opportunities.tenant_id, scope.tenantId), eq(opportunities.pipeline_id, pipelineId), visibleOpportunities(scope), ownerId === undefined ? undefined : eq(opportunities.owner_id, ownerId));
  const sums = await scope.tx
    .select({
      stage_id: opportunities.stage_id,
      count: sql<number>`count(*)::int`,
      amount: sql<string>`coalesce(sum(${opportunities.amount}), 0)::numeric(16,2)::text`,
      weighted: sql<string>`coalesce(sum(${opportunities.amount} * ${pipelineStages.probability} / 100.0), 0)::numeric(16,2)::text`,
    })
    .from(opportunities)
    .innerJoin(pipelineStages, stageJoin)
    .where(onBoard)
    .groupBy(opportunities.stage_id);
  const ranked = scope.tx
    .select({ id: opportunities.id, rank: sql<number>`row_number() over (partition by ${opportunities.stage_id} order by ${opportunities.stage_entered_at} desc, ${opportunities.id} desc)`.as('rank') })
    .from(opportunities)
    .where(onBoard)
    .as('ranked');
  const shown = await selectOpportunities(scope)
    .innerJoin(ranked, eq(ranked.id, opportunities.id))
    .where(and(eq(opportunities.tenant_id, scope.tenantId), lte(ranked.rank, BOARD_COLUMN_LIMIT)))
    .orderBy(desc(opportunities.stage_entered_at), desc(opportunities.id));
  const columns = stages.map((stage) => {
    const sum = sums.find((s) => s.stage_id === stage.id);
    return {
      stage: toStage(stage),
      count: sum?.count ?? 0,
      amount: sum?.amount ?? '0.00',
      weighted_amount: sum?.weighted ?? '0.00',
      opportunities: shown.filter((r) => r.opportunity.stage_id === stage.id).map(present),
    };
  });
  const open = columns.filter((c) => c.stage.kind === 'open');
  const cents = (values: string[]) => (values.reduce((total, v) => total + BigInt(v.replace('.', '')), 0n));
  const money = (total: bigint) => `${total / 100n}.${String(total % 100n).padStart(2, '0')}`;
  return {
    pipeline: { id: pipeline.id, name: pipeline.name, is_default: pipeline.is_default },
    columns,
    totals: { count: open.reduce((n, c) => n + c.count, 0), amount: money(cents(open.map((c) => c.amount))), weighted_amount: money(cents(open.map((c) => c.weighted_amount))) },
  };
}
