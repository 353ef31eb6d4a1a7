/**
 * # Success-play jobs
 *
 * Run by every API replica on a timer (and by `runSuccessPlays` in tests with a chosen clock), per tenant:
 * - event-driven: the tenant's events after its `event_cursors` row (consumer `success_plays`) — new ticket
 *   ratings (`service_record.created|updated`), complaint confirmations with a satisfaction score
 *   (`complaint.confirmed|rejected`), submitted survey responses with a CSAT or NPS score
 *   (`survey.response_submitted`), contracts entering their notice window (`contract.enter_notice_window`)
 *   — run the satisfaction and renewal plays, and the cursor advances in the same transaction. The cursor row
 *   is locked (`for update`), so two replicas never act on the same events twice.
 * - daily: once per business day after 03:00 Beijing time (after the nightly health run) every customer but
 *   lost ones is read by the opportunity rules, 1,000 per transaction, and new opportunities become tasks.
 *   The run ends with a `success_plays.daily_completed` event for the day, which is what is checked; a run
 *   that crashes half-way is redone whole at the next tick (each opportunity's source key makes that safe).
 */
import { and, asc, eq, gt, ne, sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Db } from '../../../db/create-db.ts';
import { rawRows } from '../../../db/raw-rows.ts';
import { businessDate } from '../../../platform/time/calendar-date.ts';
import type { KeyRing } from '../../../platform/crypto/key-ring.ts';
import { emitEvent } from '../../../platform/events.ts';
import type { RequestScope } from '../../../platform/request-context.ts';
import { advanceEventCursor, dailyRunDue, inTenantJob, jobTenants, lockEventCursor, type JobTenant } from '../../../platform/tenant-jobs.ts';
import { customerDirectory } from '../../customers/customers/customers.public.ts';
import { pushOpportunities, renewalPlays, satisfactionPlays } from './success-plays.service.ts';
import type { RatingSource } from './satisfaction-trend.ts';

/** What one run did, for logs and tests. */
export type SuccessPlaysReport = { tenants: number; events: number; care_alerts: number; renewals_prepared: number; renewal_alerts: number; daily_tenants: number; opportunities: number; failures: number };

export type SuccessPlaysDeps = { db: Db; keyRing: KeyRing; logger?: Logger };

const CONSUMER = 'success_plays';
const EVENT_TYPES = ['service_record.created', 'service_record.updated', 'complaint.confirmed', 'complaint.rejected', 'survey.response_submitted', 'contract.enter_notice_window'] as const;
const EVENT_BATCH = 2_000;
const DAILY_CHUNK = 1_000;
const DAILY_AFTER_HOUR = 3;
const DAILY_DONE = 'success_plays.daily_completed';
const LOST_CUSTOMER = 3;

/** Which rating an event carries, in the terms of `latestRatings`. */
const ratingSource = (type: string): RatingSource => (type.startsWith('complaint.') ? 'complaint' : type.startsWith('survey.') ? 'survey' : 'service_record');

const inTenant = <T>(deps: SuccessPlaysDeps, tenant: JobTenant, runId: string, work: (scope: RequestScope) => Promise<T>) => inTenantJob(deps, tenant, 'success-plays', runId, work);

/** One batch of a tenant's new events: the satisfaction and renewal plays, then the cursor. Returns the events read. */
async function eventBatch(scope: RequestScope, now: Date, report: SuccessPlaysReport): Promise<number> {
  const after = await lockEventCursor(scope, CONSUMER);
  const rows = rawRows<{ id: unknown; type: string; entity_id: string; customer_id: string | null; satisfaction: string | null; scored: boolean | null }>(
    await scope.tx.execute(sql`
      select id, type, entity_id, payload->>'customer_id' as customer_id, payload->>'satisfaction' as satisfaction,
             (payload->>'csat' is not null or payload->>'nps' is not null) as scored
      from events
      where tenant_id = ${scope.tenantId} and id > ${after} and type = any(${`{${EVENT_TYPES.join(',')}}`}::text[])
      order by id limit ${EVENT_BATCH}`),
  );
  if (rows.length === 0) return 0;
  const rated = new Map<number, Set<string>>();
  const noticed: number[] = [];
  for (const row of rows) {
    if (row.type === 'contract.enter_notice_window') {
      noticed.push(Number(row.entity_id));
      continue;
    }
    if (row.customer_id === null || !/^[0-9]{1,18}$/.test(row.customer_id)) continue;
    if (row.type.startsWith('complaint.') && row.satisfaction === null) continue;
    if (row.type === 'survey.response_submitted' && !row.scored) continue;
    const customerId = Number(row.customer_id);
    const items = rated.get(customerId) ?? new Set<string>();
    items.add(`${ratingSource(row.type)}:${row.entity_id}`);
    rated.set(customerId, items);
  }
  report.care_alerts += await satisfactionPlays(scope, rated, now);
  const renewals = await renewalPlays(scope, noticed, now);
  report.renewals_prepared += renewals.prepared;
  report.renewal_alerts += renewals.alerts;
  await advanceEventCursor(scope, CONSUMER, Number(rows.at(-1)!.id), now);
  report.events += rows.length;
  return rows.length;
}

const dailyDue = (scope: RequestScope, now: Date) => dailyRunDue(scope, DAILY_DONE, now, DAILY_AFTER_HOUR);

/** Every customer of the tenant but lost ones, 1,000 per transaction, then the day's completion marker. */
async function daily(deps: SuccessPlaysDeps, tenant: JobTenant, runId: string, now: Date, report: SuccessPlaysReport): Promise<void> {
  let after = 0;
  let customersRead = 0;
  let created = 0;
  for (;;) {
    const ids = await inTenant(deps, tenant, runId, async (scope) => {
      const chunk = (
        await scope.tx
          .select({ id: customerDirectory.id })
          .from(customerDirectory)
          .where(and(eq(customerDirectory.tenant_id, tenant.id), gt(customerDirectory.id, after), ne(customerDirectory.status, LOST_CUSTOMER)))
          .orderBy(asc(customerDirectory.id))
          .limit(DAILY_CHUNK)
      ).map((r) => r.id);
      if (chunk.length) created += await pushOpportunities(scope, chunk, now);
      return chunk;
    });
    customersRead += ids.length;
    if (ids.length < DAILY_CHUNK) break;
    after = ids.at(-1)!;
  }
  await inTenant(deps, tenant, runId, (scope) => emitEvent(scope, { type: DAILY_DONE, entity_type: 'tenant', entity_id: tenant.id, payload: { day: businessDate(now), customers: customersRead, opportunities: created } }));
  report.daily_tenants += 1;
  report.opportunities += created;
}

/**
 * One pass over every tenant at `now`: new events first, then the daily opportunity scan when it is due.
 * A failure in one tenant is logged and counted; the others go on.
 * @example const report = await runSuccessPlays({ db, keyRing }, new Date());
 */
export async function runSuccessPlays(deps: SuccessPlaysDeps, now: Date): Promise<SuccessPlaysReport> {
  const report: SuccessPlaysReport = { tenants: 0, events: 0, care_alerts: 0, renewals_prepared: 0, renewal_alerts: 0, daily_tenants: 0, opportunities: 0, failures: 0 };
  const runId = `success-plays-${now.toISOString()}`;
  for (const tenant of await jobTenants(deps.db)) {
    report.tenants += 1;
    try {
      while ((await inTenant(deps, tenant, runId, (scope) => eventBatch(scope, now, report))) === EVENT_BATCH);
      if (await inTenant(deps, tenant, runId, (scope) => dailyDue(scope, now))) await daily(deps, tenant, runId, now, report);
    } catch (error) {
      report.failures += 1;
      deps.logger?.warn({ err: error, tenant_id: tenant.id }, 'success plays failed');
    }
  }
  return report;
}
