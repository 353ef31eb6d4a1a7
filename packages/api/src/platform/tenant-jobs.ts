import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/create-db.ts';
import { rawRows } from '../db/raw-rows.ts';
import { withTenant } from '../db/tenant-tx.ts';
import { tenants, type TenantSettings } from './identity/tenants.schema.ts';
import { businessDate } from './time/calendar-date.ts';
import type { KeyRing } from './crypto/key-ring.ts';
import { formatLocalDateTime } from './time/local-time.ts';
import { eventCursors } from './platform.schema.ts';
import type { RequestScope } from './request-context.ts';
import { systemScope } from './system-scope.ts';

/** A tenant as the scheduled jobs walk them. */
export type JobTenant = { id: number; settings: TenantSettings };

/**
 * Every tenant with its settings: what each job iterates (one tenant's failure is the job's to log).
 * @example for (const tenant of await jobTenants(db)) …
 */
export const jobTenants = (db: Db): Promise<JobTenant[]> => db.select({ id: tenants.id, settings: tenants.settings }).from(tenants);

/**
 * Runs `work` in one transaction of the tenant as the system principal `name` (audited as `system:<name>`,
 * request id `runId`, which also picks the audit chain).
 * @example await inTenantJob({ db, keyRing }, tenant, 'health', runId, (scope) => recomputeHealth(scope, ids, now, 'nightly'));
 */
export function inTenantJob<T>(deps: { db: Db; keyRing: KeyRing }, tenant: JobTenant, name: string, runId: string, work: (scope: RequestScope) => Promise<T>): Promise<T> {
  return withTenant(deps.db, tenant.id, (tx) => work(systemScope(tx, tenant.id, deps.keyRing, tenant.settings, name, runId)));
}

/**
 * Where an outbox consumer stands in the tenant's events, its row locked until the transaction ends, so
 * two replicas never handle the same events (the second waits, then reads the advanced cursor).
 * @example const after = await lockEventCursor(scope, 'webhooks'); … await advanceEventCursor(scope, 'webhooks', lastId, now);
 */
export async function lockEventCursor(scope: RequestScope, consumer: string): Promise<number> {
  await scope.tx.insert(eventCursors).values({ tenant_id: scope.tenantId, consumer, last_event_id: 0 }).onConflictDoNothing();
  const [cursor] = await scope.tx
    .select({ last: eventCursors.last_event_id })
    .from(eventCursors)
    .where(and(eq(eventCursors.tenant_id, scope.tenantId), eq(eventCursors.consumer, consumer)))
    .for('update');
  return cursor!.last;
}

/** Moves the consumer's cursor to `lastEventId`, in the transaction that handled the events up to it. */
export async function advanceEventCursor(scope: RequestScope, consumer: string, lastEventId: number, now: Date): Promise<void> {
  await scope.tx
    .update(eventCursors)
    .set({ last_event_id: lastEventId, updated_at: now })
    .where(and(eq(eventCursors.tenant_id, scope.tenantId), eq(eventCursors.consumer, consumer)));
}

/**
 * Whether a once-a-day run (health nightly, success plays, segments) is due for the tenant: after `afterHour`
 * Beijing time, and no `marker` event for today's business date yet. The run writes that marker last, so a
 * run that crashed half-way is redone whole.
 * @example if (await dailyRunDue(scope, 'health.nightly_completed', now, 2)) …
 */
export async function dailyRunDue(scope: RequestScope, marker: string, now: Date, afterHour: number): Promise<boolean> {
  if (Number(formatLocalDateTime(now).slice(11, 13)) < afterHour) return false;
  const done = rawRows(await scope.tx.execute(sql`select 1 from events where tenant_id = ${scope.tenantId} and type = ${marker} and payload->>'day' = ${businessDate(now)} limit 1`));
  return done.length === 0;
}
