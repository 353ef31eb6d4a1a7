import { and, asc, eq, gte, lte, sql } from 'drizzle-orm';
import { rawRows } from '../../../db/raw-rows.ts';
import { audit } from '../../../platform/audit.ts';
import { addDays, businessDate, daysBetween } from '../../../platform/time/calendar-date.ts';
import { ApiError } from '../../../platform/errors.ts';
import './usage.errors.ts';
import { emitEvents } from '../../../platform/events.ts';
import type { RequestScope } from '../../../platform/request-context.ts';
import { findVisibleCustomer } from '../../customers/customers/customers.public.ts';
import { refKey, resolveCustomerRefs } from '../finance/finance.public.ts';
import { MAX_ACTIVE_USERS_PER_DAY, UsageEvent, type UsageDay } from './usage.contract.ts';
import { usageDaily } from './usage.schema.ts';

type EventResult = { index: number; outcome: 'counted' | 'duplicate' | 'failed'; error?: { code: string; message: string; details?: unknown } };
type ReadyEvent = { index: number; event: UsageEvent; customerId: number; day: string };

const failure = (index: number, error: ApiError): EventResult => ({ index, outcome: 'failed', error: { code: error.code, message: error.messageIn('en'), details: error.details } });

/** Counted events folded per customer and day, as one row of the upsert. */
type DayFold = { customer_id: number; day: string; logins: number; users: string[]; features: Record<string, number> };

function foldByDay(events: readonly ReadyEvent[]): DayFold[] {
  const folds = new Map<string, DayFold & { seen: Set<string> }>();
  for (const { event, customerId, day } of events) {
    const key = `${customerId}|${day}`;
    let fold = folds.get(key);
    if (!fold) folds.set(key, (fold = { customer_id: customerId, day, logins: 0, users: [], features: {}, seen: new Set() }));
    if (event.kind === 'login') fold.logins += 1;
    else fold.features[event.feature!] = (fold.features[event.feature!] ?? 0) + 1;
    if (!fold.seen.has(event.user_id) && fold.users.length < MAX_ACTIVE_USERS_PER_DAY) {
      fold.seen.add(event.user_id);
      fold.users.push(event.user_id);
    }
  }
  // A fixed order of rows, so two batches touching the same days cannot deadlock.
  return [...folds.values()].map(({ seen: _seen, ...fold }) => fold).sort((a, b) => a.customer_id - b.customer_id || a.day.localeCompare(b.day));
}

/**
 * Records up to 1,000 usage events of one source: each validated and its customer resolved on its own
 * (bad ones reported as `failed`), each counted once ever through `usage_event_keys` (an insert that skips
 * keys already there, so concurrent resends count once), then folded into `usage_daily` per customer and
 * business day with one upsert. A handful of statements for the whole batch.
 * @example await recordUsageEvents(scope, 'portal', [{ event_id: 'e1', customer: { id: 12 }, user_id: 'u1', kind: 'login', at: '2026-03-01T09:00:00+08:00' }])
 */
export async function recordUsageEvents(scope: RequestScope, source: string, items: readonly Record<string, unknown>[]) {
  const results: EventResult[] = [];
  const parsed: { index: number; event: UsageEvent }[] = [];
  for (const [index, item] of items.entries()) {
    const result = UsageEvent.safeParse(item);
    if (result.success) parsed.push({ index, event: result.data });
    else results.push(failure(index, new ApiError('request.invalid', { issues: result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) })));
  }
  const customerOf = await resolveCustomerRefs(scope, parsed.map((p) => p.event.customer));
  const ready: ReadyEvent[] = [];
  const firstOfId = new Set<string>();
  for (const { index, event } of parsed) {
    const customer = customerOf.get(refKey(event.customer))!;
    if (customer instanceof ApiError) results.push(failure(index, customer));
    else if (firstOfId.has(event.event_id)) results.push({ index, outcome: 'duplicate' });
    else {
      firstOfId.add(event.event_id);
      ready.push({ index, event, customerId: customer, day: businessDate(new Date(event.at)) });
    }
  }

  let counted: ReadyEvent[] = [];
  if (ready.length) {
    const keys = [...ready].sort((a, b) => a.event.event_id.localeCompare(b.event.event_id)).map((r) => ({ external_id: r.event.event_id, day: r.day }));
    const inserted = rawRows<{ external_id: string }>(
      await scope.tx.execute(sql`
        insert into usage_event_keys (tenant_id, source, external_id, day)
        select ${scope.tenantId}, ${source}, k.external_id, k.day
        from rows from (json_to_recordset(${JSON.stringify(keys)}::json) as (external_id text, day date)) with ordinality as k(external_id, day, ord)
        order by k.ord
        on conflict do nothing
        returning external_id`),
    );
    const fresh = new Set(inserted.map((r) => r.external_id));
    counted = ready.filter((r) => fresh.has(r.event.event_id));
    for (const r of ready) results.push({ index: r.index, outcome: fresh.has(r.event.event_id) ? 'counted' : 'duplicate' });
  }

  if (counted.length) {
    const folds = foldByDay(counted);
    await scope.tx.execute(sql`
      insert into usage_daily (tenant_id, customer_id, day, logins, active_users, feature_uses, updated_at)
      select ${scope.tenantId}, r.customer_id, r.day, r.logins, r.users, r.features, now()
      from rows from (jsonb_to_recordset(${JSON.stringify(folds)}::jsonb) as (customer_id bigint, day date, logins int, users jsonb, features jsonb)) with ordinality as r(customer_id, day, logins, users, features, ord)
      order by r.ord
      on conflict (tenant_id, customer_id, day) do update set
        logins = usage_daily.logins + excluded.logins,
        active_users = (
          select coalesce(jsonb_agg(to_jsonb(u) order by first_seen), '[]'::jsonb) from (
            select u, min(o) as first_seen from (
              select u, o from jsonb_array_elements_text(usage_daily.active_users) with ordinality a(u, o)
              union all
              select u, o + 1000000 from jsonb_array_elements_text(excluded.active_users) with ordinality b(u, o)
            ) both_lists group by u order by min(o) limit ${MAX_ACTIVE_USERS_PER_DAY}
          ) kept),
        feature_uses = (
          select coalesce(jsonb_object_agg(k, n), '{}'::jsonb) from (
            select k, sum(n) as n from (
              select key as k, value::int as n from jsonb_each_text(usage_daily.feature_uses)
              union all
              select key, value::int from jsonb_each_text(excluded.feature_uses)
            ) both_maps group by k
          ) summed),
        updated_at = excluded.updated_at`);
    const byCustomer = new Map<number, { days: Set<string>; events: number }>();
    for (const r of counted) {
      const entry = byCustomer.get(r.customerId) ?? { days: new Set(), events: 0 };
      entry.days.add(r.day);
      entry.events += 1;
      byCustomer.set(r.customerId, entry);
    }
    await emitEvents(
      scope,
      [...byCustomer].map(([customerId, { days, events }]) => ({ type: 'usage.recorded', entity_type: 'customer', entity_id: customerId, payload: { customer_id: customerId, source, events, days: [...days].sort() } })),
    );
  }

  results.sort((a, b) => a.index - b.index);
  const count = (outcome: EventResult['outcome']) => results.filter((r) => r.outcome === outcome).length;
  const summary = { counted: count('counted'), duplicate: count('duplicate'), failed: count('failed') };
  if (summary.counted) await audit(scope, { action: 'usage.recorded', entity_type: 'usage_batch', entity_id: source, after: { ...summary, customers: [...new Set(counted.map((r) => r.customerId))] } });
  return { ...summary, results };
}

/**
 * A customer's usage per business day from `from` to `to` (default the last 30 days), with totals;
 * distinct active users over the range are counted in the database.
 * @example await customerUsage(scope, 12, {}, new Date())
 */
export async function customerUsage(scope: RequestScope, customerId: number, range: { from?: string; to?: string }, now: Date) {
  await findVisibleCustomer(scope, customerId);
  const to = range.to ?? businessDate(now);
  const from = range.from ?? addDays(to, -29);
  const span = daysBetween(from, to);
  if (span < 0 || span > 365) throw new ApiError('usage.range_invalid', { from, to });
  const inRange = and(eq(usageDaily.tenant_id, scope.tenantId), eq(usageDaily.customer_id, customerId), gte(usageDaily.day, from), lte(usageDaily.day, to));
  const rows = await scope.tx.select().from(usageDaily).where(inRange).orderBy(asc(usageDaily.day));
  const [distinct] = await scope.tx
    .select({ n: sql<number>`count(distinct u)::int` })
    .from(sql`${usageDaily}, jsonb_array_elements_text(${usageDaily.active_users}) u`)
    .where(inRange);
  const days: UsageDay[] = rows.map((row) => ({ day: row.day, logins: row.logins, active_users: row.active_users.length, feature_uses: row.feature_uses }));
  const features: Record<string, number> = {};
  for (const day of days) for (const [feature, n] of Object.entries(day.feature_uses)) features[feature] = (features[feature] ?? 0) + n;
  return {
    customer_id: customerId,
    from,
    to,
    days,
    totals: { logins: days.reduce((sum, d) => sum + d.logins, 0), active_users: Number(distinct?.n ?? 0), feature_uses: features },
  };
}
