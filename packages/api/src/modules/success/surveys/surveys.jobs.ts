/**
 * # Survey jobs
 *
 * Run by every API replica on a timer (and by `runSurveyJobs` in tests with a chosen clock), per tenant:
 * - event-driven invitations: the tenant's events after its `event_cursors` row (consumer `surveys`) — a
 *   service record that is now `closed` (`service_record.created|updated`), a contract approved or renewed
 *   (`contract.approve|renew`) — invite the customer to every running campaign with that target; the cursor
 *   advances in the same transaction and is locked, so two replicas never invite twice (and the invitation's
 *   unique key makes a repeat harmless anyway);
 * - scheduled campaigns whose `starts_at` has come are launched; running ones past `ends_at` are closed;
 * - reminders: a sent, unanswered, unexpired invitation gets `survey.reminder_sent` (and an in-app notice on
 *   the portal channel) on each of the campaign's `reminder_days` after it was sent;
 * - expiry: sent invitations past `expires_at` become `expired`.
 */
import { and, eq, inArray, lte, sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Db } from '../../../db/create-db.ts';
import { rawRows } from '../../../db/raw-rows.ts';
import type { KeyRing } from '../../../platform/crypto/key-ring.ts';
import type { RequestScope } from '../../../platform/request-context.ts';
import { advanceEventCursor, inTenantJob, jobTenants, lockEventCursor, type JobTenant } from '../../../platform/tenant-jobs.ts';
import { launchSurveyCampaign } from './survey-campaigns.service.ts';
import { inviteCustomers, sendInvitations } from './survey-invitations.ts';
import type { SurveyTarget } from './surveys.contract.ts';
import { surveyCampaigns, surveyInvitations } from './surveys.schema.ts';

/** What one run did, for logs and tests. */
export type SurveyJobsReport = { tenants: number; events: number; invited: number; throttled: number; launched: number; closed: number; reminders: number; expired: number; failures: number };

export type SurveyJobsDeps = { db: Db; keyRing: KeyRing; logger?: Logger; /** Base of answer links; the site root when unset. */ linkBase?: string };

const CONSUMER = 'surveys';
const EVENT_TYPES = ['service_record.created', 'service_record.updated', 'contract.approve', 'contract.renew'] as const;
const EVENT_BATCH = 2_000;
const REMINDER_BATCH = 1_000;

/** The customers each running event-driven campaign invites for a batch of events. */
function customersFor(target: SurveyTarget, events: readonly { type: string; customer_id: string | null; status: string | null }[]): number[] {
  const ids = events.flatMap((e) => {
    if (e.customer_id === null || !/^[0-9]{1,18}$/.test(e.customer_id)) return [];
    if (target.kind === 'after_ticket_closed') return e.type.startsWith('service_record.') && e.status?.toLowerCase() === 'closed' ? [Number(e.customer_id)] : [];
    if (target.kind === 'contract_milestone') return e.type === `contract.${target.event}` ? [Number(e.customer_id)] : [];
    return [];
  });
  return [...new Set(ids)];
}

/** One batch of new events turned into invitations, then the cursor. Returns the events read. */
async function eventBatch(scope: RequestScope, now: Date, linkBase: string, report: SurveyJobsReport): Promise<number> {
  const after = await lockEventCursor(scope, CONSUMER);
  const rows = rawRows<{ id: unknown; type: string; customer_id: string | null; status: string | null }>(
    await scope.tx.execute(sql`
      select id, type, payload->>'customer_id' as customer_id, payload->>'status' as status
      from events
      where tenant_id = ${scope.tenantId} and id > ${after} and type = any(${`{${EVENT_TYPES.join(',')}}`}::text[])
      order by id limit ${EVENT_BATCH}`),
  );
  if (rows.length === 0) return 0;
  const campaigns = await scope.tx
    .select()
    .from(surveyCampaigns)
    .where(and(eq(surveyCampaigns.tenant_id, scope.tenantId), eq(surveyCampaigns.status, 'running'), sql`${surveyCampaigns.target}->>'kind' in ('after_ticket_closed', 'contract_milestone')`));
  for (const campaign of campaigns) {
    const ids = customersFor(campaign.target as SurveyTarget, rows);
    if (ids.length === 0) continue;
    const result = await inviteCustomers(scope, campaign, ids, now, linkBase);
    report.invited += result.invited;
    report.throttled += result.throttled;
  }
  await advanceEventCursor(scope, CONSUMER, Number(rows.at(-1)!.id), now);
  report.events += rows.length;
  return rows.length;
}

/** Launches scheduled campaigns whose time has come and closes running ones past their end. */
async function campaignSchedule(scope: RequestScope, now: Date, linkBase: string, report: SurveyJobsReport): Promise<void> {
  const due = await scope.tx
    .select({ id: surveyCampaigns.id })
    .from(surveyCampaigns)
    .where(and(eq(surveyCampaigns.tenant_id, scope.tenantId), eq(surveyCampaigns.status, 'scheduled'), lte(surveyCampaigns.starts_at, now)));
  for (const { id } of due) {
    const result = await launchSurveyCampaign(scope, id, now, linkBase);
    report.launched += 1;
    report.invited += result.invited;
    report.throttled += result.throttled;
  }
  const closed = await scope.tx
    .update(surveyCampaigns)
    .set({ status: 'closed', version: sql`${surveyCampaigns.version} + 1`, updated_at: now })
    .where(and(eq(surveyCampaigns.tenant_id, scope.tenantId), eq(surveyCampaigns.status, 'running'), lte(surveyCampaigns.ends_at, now)))
    .returning({ id: surveyCampaigns.id });
  report.closed += closed.length;
}

/** Reminds due invitations (one reminder per due day, counted on the invitation) and expires overdue ones. */
async function remindAndExpire(scope: RequestScope, now: Date, linkBase: string, report: SurveyJobsReport): Promise<void> {
  const due = rawRows<{ id: string; campaign_id: string; customer_id: string; contact_id: string | null; reminders_sent: number }>(
    await scope.tx.execute(sql`
      select i.id, i.campaign_id, i.customer_id, i.contact_id, i.reminders_sent
      from survey_invitations i
      join survey_campaigns c on c.tenant_id = i.tenant_id and c.id = i.campaign_id
      where i.tenant_id = ${scope.tenantId} and i.status = 'sent' and i.expires_at > ${now} and c.status = 'running'
        and i.reminders_sent < jsonb_array_length(c.reminder_days)
        and i.sent_at + make_interval(days => (c.reminder_days->>(i.reminders_sent::int))::int) <= ${now}
      order by i.id limit ${REMINDER_BATCH}
      for update of i skip locked`),
  );
  if (due.length) {
    const ids = due.map((r) => Number(r.id));
    await scope.tx
      .update(surveyInvitations)
      .set({ reminders_sent: sql`${surveyInvitations.reminders_sent} + 1`, last_reminded_at: now })
      .where(and(eq(surveyInvitations.tenant_id, scope.tenantId), inArray(surveyInvitations.id, ids)));
    const campaignIds = [...new Set(due.map((r) => Number(r.campaign_id)))];
    const campaigns = await scope.tx.select().from(surveyCampaigns).where(and(eq(surveyCampaigns.tenant_id, scope.tenantId), inArray(surveyCampaigns.id, campaignIds)));
    for (const campaign of campaigns) {
      const mine = due
        .filter((r) => Number(r.campaign_id) === campaign.id)
        .map((r) => ({ id: Number(r.id), customer_id: Number(r.customer_id), contact_id: r.contact_id === null ? null : Number(r.contact_id), round: Number(r.reminders_sent) + 1 }));
      await sendInvitations(scope, campaign, mine, null, 'survey.reminder_sent', linkBase, null);
    }
    report.reminders += due.length;
  }
  const expired = await scope.tx
    .update(surveyInvitations)
    .set({ status: 'expired' })
    .where(and(eq(surveyInvitations.tenant_id, scope.tenantId), eq(surveyInvitations.status, 'sent'), lte(surveyInvitations.expires_at, now)))
    .returning({ id: surveyInvitations.id });
  report.expired += expired.length;
}

/**
 * One pass over every tenant at `now`: new events, the campaign schedule, reminders and expiry. A failure in
 * one tenant is logged and counted; the others go on.
 * @example const report = await runSurveyJobs({ db, keyRing }, new Date());
 */
export async function runSurveyJobs(deps: SurveyJobsDeps, now: Date): Promise<SurveyJobsReport> {
  const report: SurveyJobsReport = { tenants: 0, events: 0, invited: 0, throttled: 0, launched: 0, closed: 0, reminders: 0, expired: 0, failures: 0 };
  const runId = `surveys-${now.toISOString()}`;
  const linkBase = deps.linkBase ?? '/';
  const inTenant = <T>(tenant: JobTenant, work: (scope: RequestScope) => Promise<T>) => inTenantJob(deps, tenant, 'surveys', runId, work);
  for (const tenant of await jobTenants(deps.db)) {
    report.tenants += 1;
    try {
      while ((await inTenant(tenant, (scope) => eventBatch(scope, now, linkBase, report))) === EVENT_BATCH);
      await inTenant(tenant, (scope) => campaignSchedule(scope, now, linkBase, report));
      await inTenant(tenant, (scope) => remindAndExpire(scope, now, linkBase, report));
    } catch (error) {
      report.failures += 1;
      deps.logger?.warn({ err: error, tenant_id: tenant.id }, 'survey jobs failed');
    }
  }
  return report;
}
