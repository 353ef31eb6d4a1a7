/**
 * # Segment jobs
 *
 * Run by every API replica on a timer (and by `runSegmentRefresh` in tests with a chosen clock): once per
 * business day after 04:00 Beijing time (after the nightly health run at 02:00, so bands are fresh) each
 * tenant's value tiers are recomputed, then every segment is re-evaluated, each in its own transaction, and
 * the run ends with a `segments.nightly_completed` event for the day — what "already done today" checks. A
 * run that fails half-way writes no marker and is redone whole at the next tick (both steps are idempotent).
 * Two replicas racing on the same day do the same work twice, harmlessly.
 */
import { asc, eq } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Db } from '../../../db/create-db.ts';
import { businessDate } from '../../../platform/time/calendar-date.ts';
import type { KeyRing } from '../../../platform/crypto/key-ring.ts';
import { emitEvent } from '../../../platform/events.ts';
import type { RequestScope } from '../../../platform/request-context.ts';
import { dailyRunDue, inTenantJob, jobTenants, type JobTenant } from '../../../platform/tenant-jobs.ts';
import { materialiseSegment } from './segments.service.ts';
import { segments } from './segments.schema.ts';
import { recomputeValueTiers } from './value-tiers.ts';

export type SegmentJobDeps = { db: Db; keyRing: KeyRing; logger?: Logger };

/** What one run did, for logs and tests. */
export type SegmentRunReport = { tenants: number; nightly_tenants: number; segments: number; tiered_customers: number; failures: number };

const NIGHTLY_AFTER_HOUR = 4;
const NIGHTLY_DONE = 'segments.nightly_completed';

const inTenant = <T>(deps: SegmentJobDeps, tenant: JobTenant, runId: string, work: (scope: RequestScope) => Promise<T>) => inTenantJob(deps, tenant, 'segments', runId, work);

const nightlyDue = (scope: RequestScope, now: Date) => dailyRunDue(scope, NIGHTLY_DONE, now, NIGHTLY_AFTER_HOUR);

async function nightly(deps: SegmentJobDeps, tenant: JobTenant, runId: string, now: Date, report: SegmentRunReport): Promise<void> {
  const tiers = await inTenant(deps, tenant, runId, (scope) => recomputeValueTiers(scope, now));
  const rows = await inTenant(deps, tenant, runId, (scope) => scope.tx.select().from(segments).where(eq(segments.tenant_id, tenant.id)).orderBy(asc(segments.id)));
  for (const row of rows) await inTenant(deps, tenant, runId, (scope) => materialiseSegment(scope, row, now));
  await inTenant(deps, tenant, runId, (scope) =>
    emitEvent(scope, { type: NIGHTLY_DONE, entity_type: 'tenant', entity_id: tenant.id, payload: { day: businessDate(now), segments: rows.length, customers: tiers.customers, tiers: tiers.tiers } }),
  );
  report.nightly_tenants += 1;
  report.segments += rows.length;
  report.tiered_customers += tiers.customers;
}

/**
 * One pass over every tenant at `now`: the nightly value tiers and segment refresh where due.
 * A failure in one tenant is logged and counted; the others go on.
 * @example const report = await runSegmentRefresh({ db, keyRing }, new Date());
 */
export async function runSegmentRefresh(deps: SegmentJobDeps, now: Date): Promise<SegmentRunReport> {
  const report: SegmentRunReport = { tenants: 0, nightly_tenants: 0, segments: 0, tiered_customers: 0, failures: 0 };
  const runId = `segments-${now.toISOString()}`;
  for (const tenant of await jobTenants(deps.db)) {
    report.tenants += 1;
    try {
      if (await inTenant(deps, tenant, runId, (scope) => nightlyDue(scope, now))) await nightly(deps, tenant, runId, now, report);
    } catch (error) {
      report.failures += 1;
      deps.logger?.warn({ err: error, tenant_id: tenant.id }, 'segment refresh failed');
    }
  }
  return report;
}
