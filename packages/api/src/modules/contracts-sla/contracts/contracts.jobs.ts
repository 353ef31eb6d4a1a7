/**
 * # Contract scheduler
 *
 * Scheduled work on contracts, run by every API replica on a timer (and by `runContractSchedule` in
 * tests with a chosen clock):
 * - lifecycle: an active contract inside its notice window becomes `expiring`; past its end it `expire`s,
 *   or, when it auto-renews, its successor is created, signed by the renewal clause and approved;
 * - renewal reminders at the tenant's offsets (default 90, 60, 30, 7 days): an in-app notification to the
 *   contract owner and the customer's manager, and a `contract.renewal_reminder` event;
 * - reconciliation: a contract in force without an SLA binding (data from before bindings existed) is bound;
 * - months of `service_records` partitions are created ahead.
 *
 * Exactly once: every reminder decision is inserted into `contract_reminders` (primary key tenant,
 * contract, offset) in the same transaction as its notification and event, and only the rows that insert
 * created are announced. A second replica's insert waits for the first and then does nothing; a crash
 * rolls back both. Lifecycle events are compare-and-set transitions, so a lost race is a no-op too.
 * Each contract runs in its own transaction: one failure never holds up the others.
 */
import { and, eq, inArray, lte, notExists, sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Db } from '../../../db/create-db.ts';
import { addDays, businessDate } from '../../../platform/time/calendar-date.ts';
import { inTenantJob, jobTenants, type JobTenant } from '../../../platform/tenant-jobs.ts';
import type { KeyRing } from '../../../platform/crypto/key-ring.ts';
import { emitEvent } from '../../../platform/events.ts';
import type { RequestScope } from '../../../platform/request-context.ts';
import { customerDirectory } from '../../customers/customers/customers.public.ts';
import { notify } from '../../success/notifications/notifications.public.ts';
import { bindOnActivation, slaBindingsOfContract } from '../sla-bindings/sla-bindings.public.ts';
import { daysToEnd, normaliseReminderOffsets, remindersDue } from './contract-dates.ts';
import { dueLifecycleEvent } from './contract-lifecycle.ts';
import { createRenewal } from './contract-renewals.service.ts';
import { termsVersionsOf } from './contract-terms.service.ts';
import { applyTransition } from './contract-transitions.service.ts';
import { contractReminders, contracts, type ContractRow } from './contracts.schema.ts';
import { lifecycleOf } from './contracts.service.ts';

/** What one run did, for logs and tests. */
export type ScheduleReport = { tenants: number; transitions: number; renewals: number; reminders: number; reconciled: number; failures: number };

type Deps = { db: Db; keyRing: KeyRing; logger?: Logger };

const inTenant = <T>(deps: Deps, tenant: JobTenant, runId: string, work: (scope: RequestScope) => Promise<T>) => inTenantJob(deps, tenant, 'scheduler', runId, work);

/** Reloads a contract inside a transaction; the run read it in another one. */
async function reload(scope: RequestScope, id: number): Promise<ContractRow | undefined> {
  const [row] = await scope.tx.select().from(contracts).where(and(eq(contracts.tenant_id, scope.tenantId), eq(contracts.id, id)));
  return row;
}

/** Auto-renewal: the successor is created from the predecessor, signed by the renewal clause, and approved. */
async function autoRenew(scope: RequestScope, row: ContractRow, now: Date): Promise<void> {
  const successor = await createRenewal(
    scope,
    row.id,
    { signing_date: row.signing_date ?? row.start_date, customer_signatory_id: row.customer_signatory_id, staff_signatory_id: row.staff_signatory_id ?? row.owner_id },
    now,
  );
  const draft = (await reload(scope, successor.id))!;
  await applyTransition(scope, draft, 'submit', { reason: '自动续约条款 / auto-renewal clause' }, now);
  await applyTransition(scope, (await reload(scope, successor.id))!, 'approve', { reason: '自动续约条款 / auto-renewal clause' }, now);
}

/** Decides and announces the reminders due for one contract; returns how many were sent. */
async function remind(scope: RequestScope, row: ContractRow, offsets: number[], now: Date): Promise<number> {
  const recorded = await scope.tx
    .select({ offset_days: contractReminders.offset_days })
    .from(contractReminders)
    .where(and(eq(contractReminders.tenant_id, scope.tenantId), eq(contractReminders.contract_id, row.id)));
  let sent = 0;
  for (const decision of remindersDue(row, now, recorded.map((r) => r.offset_days), offsets)) {
    const [created] = await scope.tx
      .insert(contractReminders)
      .values({ tenant_id: scope.tenantId, contract_id: row.id, offset_days: decision.offset_days, due_date: decision.due_date, outcome: decision.outcome })
      .onConflictDoNothing()
      .returning();
    if (!created || decision.outcome !== 'send') continue;
    const [customer] = await scope.tx
      .select({ name: customerDirectory.customer_name, manager: customerDirectory.assigned_manager_id })
      .from(customerDirectory)
      .where(and(eq(customerDirectory.tenant_id, scope.tenantId), eq(customerDirectory.id, row.customer_id)));
    const days = daysToEnd(row, now);
    const recipients = [row.owner_id, customer?.manager].filter((id): id is number => typeof id === 'number');
    await notify(scope, {
      recipient_ids: recipients,
      kind: 'contract.renewal_reminder',
      title: { zh: `合同 ${row.contract_no} 还有 ${days} 天到期`, en: `Contract ${row.contract_no} ends in ${days} days` },
      body: { zh: `${customer?.name ?? ''}「${row.title}」将于 ${row.end_date} 到期，请准备续约。`, en: `"${row.title}" of ${customer?.name ?? ''} ends on ${row.end_date}; prepare the renewal.` },
      entity_type: 'contract',
      entity_id: row.id,
      data: { offset_days: decision.offset_days, end_date: row.end_date, customer_id: row.customer_id },
      dedupe_key: `contract:${row.id}:renewal:${decision.offset_days}`,
    });
    await emitEvent(scope, {
      type: 'contract.renewal_reminder',
      entity_type: 'contract',
      entity_id: row.id,
      payload: { contract_no: row.contract_no, customer_id: row.customer_id, end_date: row.end_date, offset_days: decision.offset_days, days_to_end: days, recipients },
    });
    sent += 1;
  }
  return sent;
}

/**
 * One pass over every tenant's running contracts at `now`.
 * @example const report = await runContractSchedule({ db, keyRing }, new Date());
 */
export async function runContractSchedule(deps: Deps, now: Date): Promise<ScheduleReport> {
  const report: ScheduleReport = { tenants: 0, transitions: 0, renewals: 0, reminders: 0, reconciled: 0, failures: 0 };
  const runId = `scheduler-${now.toISOString()}`;
  for (const table of ['service_records', 'communications']) {
    await deps.db.execute(sql`select crm_ensure_month_partitions(${table}, date_trunc('month', ${now.toISOString()}::timestamptz)::date, 3)`);
  }
  const tenantRows = await jobTenants(deps.db);
  const today = businessDate(now);
  for (const tenant of tenantRows) {
    report.tenants += 1;
    const offsets = normaliseReminderOffsets(tenant.settings.renewal_reminder_offsets ?? [90, 60, 30, 7]);
    const horizon = addDays(today, Math.max(0, ...offsets));
    const { due, unbound } = await inTenant(deps, tenant, runId, async (scope) => ({
      due: await scope.tx
        .select({ id: contracts.id })
        .from(contracts)
        .where(and(eq(contracts.tenant_id, tenant.id), inArray(contracts.state, ['active', 'expiring']), lte(contracts.end_date, horizon))),
      unbound: await scope.tx
        .select({ id: contracts.id })
        .from(contracts)
        .where(
          and(
            eq(contracts.tenant_id, tenant.id),
            inArray(contracts.state, ['active', 'expiring']),
            notExists(slaBindingsOfContract(scope, contracts.id)),
          ),
        ),
    }));
    const attempt = async (id: number, work: (scope: RequestScope, row: ContractRow) => Promise<void>) => {
      try {
        await inTenant(deps, tenant, runId, async (scope) => {
          const row = await reload(scope, id);
          if (row) await work(scope, row);
        });
      } catch (error) {
        report.failures += 1;
        deps.logger?.warn({ err: error, tenant_id: tenant.id, contract_id: id }, 'contract schedule step failed');
      }
    };
    for (const { id } of unbound) {
      await attempt(id, async (scope, row) => {
        await bindOnActivation(scope, row, now, 'reconcile');
        report.reconciled += 1;
      });
    }
    for (const { id } of due) {
      await attempt(id, async (scope, row) => {
        const event = dueLifecycleEvent(lifecycleOf(row, await termsVersionsOf(scope, row.id)), now);
        if (event === 'renew') {
          await autoRenew(scope, row, now);
          report.renewals += 1;
        } else if (event) {
          await applyTransition(scope, row, event, { reason: event === 'expire' ? '合同到期 / the term ended' : '进入续约通知期 / notice window' }, now);
          report.transitions += 1;
        }
      });
      await attempt(id, async (scope, row) => {
        if (row.state === 'active' || row.state === 'expiring') report.reminders += await remind(scope, row, offsets, now);
      });
    }
  }
  return report;
}
