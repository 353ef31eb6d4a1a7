/**
 * # Health jobs
 *
 * Run by every API replica on a timer (and by `runHealthRecompute` in tests with a chosen clock):
 * - event-driven: each tenant's events after its cursor in `health_event_cursors` whose type is one the
 *   score reads (tickets, complaints, contracts, invoices, payments, usage, operations signals,
 *   communications) name customers; those are recomputed and the cursor advanced in the same transaction.
 *   The cursor row is locked (`for update`), so two replicas never recompute the same events twice.
 * - nightly: once per business day after 02:00 Beijing time every customer of the tenant is recomputed, in
 *   chunks of 1,000 per transaction, two transactions at a time. Event recomputes also write the day's history row, so "a history row
 *   for today" cannot tell whether the nightly run happened: the run ends by writing a
 *   `health.nightly_completed` event for the day, which is what is checked. A run that crashes half-way
 *   leaves no such event and is redone whole at the next tick (recomputation is idempotent).
 */
import { asc, eq, sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Db } from '../../../db/create-db.ts';
import { rawRows } from '../../../db/raw-rows.ts';
import { businessDate } from '../../../platform/time/calendar-date.ts';
import type { KeyRing } from '../../../platform/crypto/key-ring.ts';
import { emitEvent } from '../../../platform/events.ts';
import type { RequestScope } from '../../../platform/request-context.ts';
import { dailyRunDue, inTenantJob, jobTenants, type JobTenant } from '../../../platform/tenant-jobs.ts';
import { contractDirectory } from '../../contracts-sla/contracts/contracts.public.ts';
import { customerDirectory } from '../../customers/customers/customers.public.ts';
import { healthEventCursors } from './health.schema.ts';
import { recomputeHealth, type HealthChange } from './health.service.ts';

/** What one run did, for logs and tests. */
export type HealthRunReport = { tenants: number; events: number; recomputed: number; nightly_tenants: number; nightly_customers: number; failures: number };

export type HealthJobDeps = {
  db: Db;
  keyRing: KeyRing;
  logger?: Logger;
  /** Told of every recomputation's changes inside its transaction (the risk-alert flow hooks in here). */
  onChanges?: (scope: RequestScope, changes: HealthChange[]) => Promise<void>;
};

/** Event type prefixes whose events can change a score. */
export const HEALTH_EVENT_PREFIXES = ['service_record.', 'complaint.', 'contract.', 'invoice.', 'payment.', 'usage.', 'ops_signal.', 'communication.'] as const;
const EVENT_BATCH = 2_000;
const NIGHTLY_CHUNK = 1_000;
const NIGHTLY_PARALLEL = 2;
const NIGHTLY_AFTER_HOUR = 2;
const NIGHTLY_DONE = 'health.nightly_completed';

const inTenant = <T>(deps: HealthJobDeps, tenant: JobTenant, runId: string, work: (scope: RequestScope) => Promise<T>) => inTenantJob(deps, tenant, 'health', runId, work);

/** One batch of a tenant's new events: recompute their customers, advance the cursor. Returns the events read. */
async function eventBatch(deps: HealthJobDeps, scope: RequestScope, now: Date, report: HealthRunReport): Promise<number> {
  await scope.tx.insert(healthEventCursors).values({ tenant_id: scope.tenantId, last_event_id: 0 }).onConflictDoNothing();
  const [cursor] = await scope.tx.select().from(healthEventCursors).where(eq(healthEventCursors.tenant_id, scope.tenantId)).for('update');
  const patterns = sql`${`{${HEALTH_EVENT_PREFIXES.map((p) => `${p}%`).join(',')}}`}::text[]`;
  const rows = rawRows<{ id: unknown; type: string; customer_id: unknown }>(
    await scope.tx.execute(sql`
      select e.id, e.type, coalesce(case when e.payload->>'customer_id' ~ '^[0-9]{1,18}$' then (e.payload->>'customer_id')::bigint end, c.customer_id) as customer_id
      from events e
      left join ${contractDirectory} c on c.tenant_id = e.tenant_id and e.entity_type = 'contract' and e.entity_id ~ '^[0-9]{1,18}$' and c.id = e.entity_id::bigint
      where e.tenant_id = ${scope.tenantId} and e.id > ${cursor!.last_event_id} and e.type like any(${patterns})
      order by e.id limit ${EVENT_BATCH}`),
  );
  if (rows.length === 0) return 0;
  // The latest event of each customer names the recomputation (`trigger`).
  const triggerOf = new Map<number, string>();
  for (const row of rows) if (row.customer_id !== null) triggerOf.set(Number(row.customer_id), row.type);
  const byTrigger = new Map<string, number[]>();
  for (const [customerId, type] of triggerOf) byTrigger.set(type, [...(byTrigger.get(type) ?? []), customerId]);
  for (const [trigger, ids] of byTrigger) {
    const changes = await recomputeHealth(scope, ids, now, trigger);
    report.recomputed += changes.length;
    if (deps.onChanges && changes.length) await deps.onChanges(scope, changes);
  }
  await scope.tx.update(healthEventCursors).set({ last_event_id: Number(rows.at(-1)!.id), updated_at: now }).where(eq(healthEventCursors.tenant_id, scope.tenantId));
  report.events += rows.length;
  return rows.length;
}

const nightlyDue = (scope: RequestScope, now: Date) => dailyRunDue(scope, NIGHTLY_DONE, now, NIGHTLY_AFTER_HOUR);

/**
 * Every customer of the tenant, 1,000 per transaction with two transactions at a time (the scoring
 * statements leave a core idle while the other chunk's results are folded), then the day's completion marker.
 */
async function nightly(deps: HealthJobDeps, tenant: JobTenant, runId: string, now: Date, report: HealthRunReport): Promise<void> {
  const ids = await inTenant(deps, tenant, runId, async (scope) =>
    (await scope.tx.select({ id: customerDirectory.id }).from(customerDirectory).where(eq(customerDirectory.tenant_id, tenant.id)).orderBy(asc(customerDirectory.id))).map((r) => r.id),
  );
  const chunks: number[][] = [];
  for (let i = 0; i < ids.length; i += NIGHTLY_CHUNK) chunks.push(ids.slice(i, i + NIGHTLY_CHUNK));
  let next = 0;
  // Each worker audits as its own run, so the two write to different audit chains instead of queueing on one.
  const worker = async (_: unknown, n: number) => {
    while (next < chunks.length) {
      const chunk = chunks[next++]!;
      await inTenant(deps, tenant, `${runId}-${n}`, async (scope) => {
        const changes = await recomputeHealth(scope, chunk, now, 'nightly');
        if (deps.onChanges && changes.length) await deps.onChanges(scope, changes);
      });
    }
  };
  await Promise.all(Array.from({ length: Math.min(NIGHTLY_PARALLEL, chunks.length) }, worker));
  await inTenant(deps, tenant, runId, (scope) => emitEvent(scope, { type: NIGHTLY_DONE, entity_type: 'tenant', entity_id: tenant.id, payload: { day: businessDate(now), customers: ids.length } }));
  report.nightly_tenants += 1;
  report.nightly_customers += ids.length;
}

/**
 * One pass over every tenant at `now`: new events first, then the nightly full recompute when it is due.
 * A failure in one tenant is logged and counted; the others go on.
 * @example const report = await runHealthRecompute({ db, keyRing }, new Date());
 */
export async function runHealthRecompute(deps: HealthJobDeps, now: Date): Promise<HealthRunReport> {
  const report: HealthRunReport = { tenants: 0, events: 0, recomputed: 0, nightly_tenants: 0, nightly_customers: 0, failures: 0 };
  const runId = `health-${now.toISOString()}`;
  for (const tenant of await jobTenants(deps.db)) {
    report.tenants += 1;
    try {
      while ((await inTenant(deps, tenant, runId, (scope) => eventBatch(deps, scope, now, report))) === EVENT_BATCH);
      if (await inTenant(deps, tenant, runId, (scope) => nightlyDue(scope, now))) await nightly(deps, tenant, runId, now, report);
    } catch (error) {
      report.failures += 1;
      deps.logger?.warn({ err: error, tenant_id: tenant.id }, 'health recompute failed');
    }
  }
  return report;
}
