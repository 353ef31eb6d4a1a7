import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import { audit } from '../../../platform/audit.ts';
import { addDays, startOfBusinessDay } from '../../../platform/time/calendar-date.ts';
import { ApiError } from '../../../platform/errors.ts';
import './operations-signals.errors.ts';
import { emitEvent } from '../../../platform/events.ts';
import { formatLocalDateTime } from '../../../platform/time/local-time.ts';
import { decodeCursor, encodeCursor } from '../../../platform/http/pagination.ts';
import type { RequestScope } from '../../../platform/request-context.ts';
import { findVisibleCustomer } from '../../customers/customers/customers.public.ts';
import { resolveCustomerRef } from '../finance/finance.public.ts';
import type { OpsSignal, OpsSignalListQuery, OpsSignalUpsert } from './operations-signals.contract.ts';
import { opsSignals, type OpsSignalRow } from './operations-signals.schema.ts';

/** An operations signal as the API shows it (instants in local time, +08:00). */
export const toOpsSignal = (row: OpsSignalRow): OpsSignal => ({
  id: row.id,
  customer_id: row.customer_id,
  source: row.source,
  external_id: row.external_id,
  kind: row.kind,
  severity: (row.severity as OpsSignal['severity']) ?? null,
  title: row.title,
  description: row.description,
  started_at: row.started_at ? formatLocalDateTime(row.started_at) : null,
  ended_at: row.ended_at ? formatLocalDateTime(row.ended_at) : null,
  period_start: row.period_start,
  period_end: row.period_end,
  availability_pct: row.availability_pct === null ? null : Number(row.availability_pct),
});

/** Every source-decided column, the other kind's ones null, so a signal may even change its kind. */
function columnsOf(input: OpsSignalUpsert, customerId: number) {
  const none = { severity: null, title: null, description: null, started_at: null, ended_at: null, period_start: null, period_end: null, availability_pct: null };
  if (input.kind === 'incident') {
    return { ...none, customer_id: customerId, kind: input.kind, severity: input.severity, title: input.title, description: input.description ?? null, started_at: new Date(input.started_at), ended_at: input.ended_at ? new Date(input.ended_at) : null };
  }
  return { ...none, customer_id: customerId, kind: input.kind, period_start: input.period_start, period_end: input.period_end, availability_pct: input.availability_pct.toFixed(3) };
}
type Columns = ReturnType<typeof columnsOf>;

const same = (a: unknown, b: unknown) => (a instanceof Date && b instanceof Date ? a.getTime() === b.getTime() : a === b);
const unchanged = (existing: OpsSignalRow, columns: Columns) => (Object.keys(columns) as (keyof Columns)[]).every((field) => same(existing[field], columns[field]));

/**
 * Creates or updates an operations signal keyed by source and external id; the same push twice answers
 * `unchanged` and writes nothing. An end before its start → 422 `ops_signal.period_invalid`.
 * @example await upsertOpsSignal(scope, 'noc', 'INC-1', { customer: { id: 12 }, kind: 'incident', severity: 'major', title: '数据库主备切换', started_at: '2026-03-01T10:00:00+08:00' }, new Date())
 */
export async function upsertOpsSignal(scope: RequestScope, source: string, externalId: string, input: OpsSignalUpsert, now: Date): Promise<{ outcome: 'created' | 'updated' | 'unchanged'; signal: OpsSignal }> {
  if (input.kind === 'incident' && input.ended_at && Date.parse(input.ended_at) < Date.parse(input.started_at)) {
    throw new ApiError('ops_signal.period_invalid', { started_at: input.started_at, ended_at: input.ended_at });
  }
  if (input.kind === 'availability' && input.period_end < input.period_start) {
    throw new ApiError('ops_signal.period_invalid', { period_start: input.period_start, period_end: input.period_end });
  }
  const customerId = await resolveCustomerRef(scope, input.customer);
  await scope.tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`crm.ops_signal.${source}.${externalId}`}), ${scope.tenantId}::int)`);
  const [existing] = await scope.tx
    .select()
    .from(opsSignals)
    .where(and(eq(opsSignals.tenant_id, scope.tenantId), eq(opsSignals.source, source), eq(opsSignals.external_id, externalId)));
  const columns = columnsOf(input, customerId);
  if (existing && unchanged(existing, columns)) return { outcome: 'unchanged', signal: toOpsSignal(existing) };
  const [row] = existing
    ? ((await scope.tx.update(opsSignals).set({ ...columns, updated_at: now }).where(and(eq(opsSignals.tenant_id, scope.tenantId), eq(opsSignals.id, existing.id))).returning()) as [OpsSignalRow])
    : ((await scope.tx.insert(opsSignals).values({ tenant_id: scope.tenantId, source, external_id: externalId, ...columns }).returning()) as [OpsSignalRow]);
  const signal = toOpsSignal(row);
  await audit(scope, { action: `ops_signal.${existing ? 'updated' : 'created'}`, entity_type: 'ops_signal', entity_id: row.id, before: existing ? toOpsSignal(existing) : undefined, after: signal });
  await emitEvent(scope, {
    type: 'ops_signal.upserted',
    entity_type: 'ops_signal',
    entity_id: row.id,
    payload: { customer_id: customerId, source, external_id: externalId, kind: signal.kind, severity: signal.severity, availability_pct: signal.availability_pct },
  });
  return { outcome: existing ? 'updated' : 'created', signal };
}

/** Where a signal sits in time: an incident's start, or the first instant of a period. */
const momentOf = sql`coalesce(${opsSignals.started_at}, (${opsSignals.period_start}::timestamp at time zone 'Asia/Shanghai'))`;

/**
 * A page of a customer's operations signals, newest first (keyset on start, id).
 * @example await listOpsSignals(scope, 12, { kind: 'incident', limit: 20 })
 */
export async function listOpsSignals(scope: RequestScope, customerId: number, query: OpsSignalListQuery) {
  await findVisibleCustomer(scope, customerId);
  const where: SQL[] = [eq(opsSignals.tenant_id, scope.tenantId), eq(opsSignals.customer_id, customerId)];
  if (query.kind) where.push(eq(opsSignals.kind, query.kind));
  if (query.from) where.push(sql`(${opsSignals.started_at} >= ${startOfBusinessDay(query.from).toISOString()}::timestamptz or ${opsSignals.period_end} >= ${query.from}::date)`);
  if (query.to) where.push(sql`(${opsSignals.started_at} < ${startOfBusinessDay(addDays(query.to, 1)).toISOString()}::timestamptz or ${opsSignals.period_start} <= ${query.to}::date)`);
  const after = decodeCursor(query.cursor);
  if (after) where.push(sql`(${momentOf}, ${opsSignals.id}) < (${String(after.value)}::timestamptz, ${after.id})`);
  const rows = await scope.tx
    .select({ row: opsSignals, moment: sql<string>`(${momentOf})::text` })
    .from(opsSignals)
    .where(and(...where))
    .orderBy(desc(momentOf), desc(opsSignals.id))
    .limit(query.limit + 1);
  const items = rows.slice(0, query.limit);
  const last = items.at(-1);
  return { items: items.map((r) => toOpsSignal(r.row)), next_cursor: rows.length > query.limit && last ? encodeCursor({ value: last.moment, id: last.row.id }) : null };
}
