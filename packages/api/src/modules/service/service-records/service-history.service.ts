import { prepared } from '../../../db/prepared.ts';
import { and, desc, eq, gte, ilike, lt, or, sql, type SQL } from 'drizzle-orm';
import { addDays, startOfBusinessDay } from '../../../platform/time/calendar-date.ts';
import { decodeCursor, encodeCursor } from '../../../platform/http/pagination.ts';
import type { RequestScope } from '../../../platform/request-context.ts';
import { findVisibleCustomer } from '../../customers/customers/customers.public.ts';
import { serviceRecords } from './service-records.schema.ts';
import { toServiceRecord } from './ticket-ingest.service.ts';
import type { ServiceHistoryFilters, ServiceStatistics } from './service-history.contract.ts';

/** `%`, `_` and `\` match themselves in the search words. */
const likeWords = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The WHERE of a customer's history under the filters. */
function conditions(scope: RequestScope, customerId: number, filters: ServiceHistoryFilters): SQL[] {
  const where: SQL[] = [eq(serviceRecords.tenant_id, scope.tenantId), eq(serviceRecords.customer_id, customerId)];
  if (filters.from) where.push(gte(serviceRecords.opened_at, startOfBusinessDay(filters.from)));
  if (filters.to) where.push(lt(serviceRecords.opened_at, startOfBusinessDay(addDays(filters.to, 1))));
  if (filters.status) where.push(eq(serviceRecords.status, filters.status));
  if (filters.priority) where.push(eq(serviceRecords.priority, filters.priority));
  if (filters.category) where.push(eq(serviceRecords.category, filters.category));
  if (filters.breached === 'true') where.push(sql`(${serviceRecords.response_breached} or ${serviceRecords.resolution_breached})`);
  if (filters.breached === 'false') where.push(sql`not coalesce(${serviceRecords.response_breached} or ${serviceRecords.resolution_breached}, false)`);
  if (filters.q) where.push(or(ilike(serviceRecords.title, likeWords(filters.q)), ilike(serviceRecords.description, likeWords(filters.q)))!);
  return where;
}

/**
 * A page of a customer's service records, newest opening first, keyset-paginated on (opened_at, id).
 * @example const page = await listServiceRecords(scope, 12, { priority: 'P1' }, { limit: 20 });
 */
export async function listServiceRecords(scope: RequestScope, customerId: number, filters: ServiceHistoryFilters, page: { limit: number; cursor?: string }) {
  await findVisibleCustomer(scope, customerId);
  const where = conditions(scope, customerId, filters);
  const after = decodeCursor(page.cursor);
  if (after) where.push(sql`(${serviceRecords.opened_at}, ${serviceRecords.id}) < (${String(after.value)}::timestamptz, ${after.id})`);
  const rows = await prepared(
    scope.tx
      .select()
      .from(serviceRecords)
      .where(and(...where))
      .orderBy(desc(serviceRecords.opened_at), desc(serviceRecords.id))
      .limit(page.limit + 1),
    'service_history_page',
  );
  const items = rows.slice(0, page.limit);
  const last = items[items.length - 1];
  return { items: items.map(toServiceRecord), next_cursor: rows.length > page.limit && last ? encodeCursor({ value: last.opened_at.toISOString(), id: last.id }) : null };
}

/**
 * Totals of a customer's service history under the filters, in one aggregate query.
 * @example await serviceStatistics(scope, 12, { from: '2026-01-01' }) // { total: 42, resolved: 40, … }
 */
export async function serviceStatistics(scope: RequestScope, customerId: number, filters: ServiceHistoryFilters): Promise<ServiceStatistics> {
  await findVisibleCustomer(scope, customerId);
  const r = serviceRecords;
  const [row] = await scope.tx
    .select({
      total: sql<number>`count(*)`.mapWith(Number),
      resolved: sql<number>`count(${r.resolved_at})`.mapWith(Number),
      breached: sql<number>`count(*) filter (where ${r.response_breached} or ${r.resolution_breached})`.mapWith(Number),
      avg_resolution: sql<number | null>`avg(extract(epoch from ${r.resolved_at} - ${r.opened_at}) / 60)`.mapWith((v) => (v === null ? null : Math.round(Number(v) * 10) / 10)),
      satisfaction: sql<number | null>`avg(${r.satisfaction_rating})`.mapWith((v) => (v === null ? null : Math.round(Number(v) * 100) / 100)),
      rated: sql<number>`count(${r.satisfaction_rating})`.mapWith(Number),
      p1: sql<number>`count(*) filter (where ${r.priority} = 'P1')`.mapWith(Number),
      p2: sql<number>`count(*) filter (where ${r.priority} = 'P2')`.mapWith(Number),
      p3: sql<number>`count(*) filter (where ${r.priority} = 'P3')`.mapWith(Number),
      p4: sql<number>`count(*) filter (where ${r.priority} = 'P4')`.mapWith(Number),
    })
    .from(r)
    .where(and(...conditions(scope, customerId, filters)));
  const s = row!;
  return {
    total: s.total,
    resolved: s.resolved,
    open: s.total - s.resolved,
    breached: s.breached,
    average_resolution_minutes: s.avg_resolution,
    satisfaction_average: s.satisfaction,
    satisfaction_count: s.rated,
    by_priority: { P1: s.p1, P2: s.p2, P3: s.p3, P4: s.p4 },
  };
}
