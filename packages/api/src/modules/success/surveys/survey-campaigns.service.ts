import { and, count, desc, eq, inArray, lt } from 'drizzle-orm';
import { audit } from '../../../platform/audit.ts';
import { ApiError } from '../../../platform/errors.ts';
import './surveys.errors.ts';
import { emitEvent } from '../../../platform/events.ts';
import { formatLocalDateTime } from '../../../platform/time/local-time.ts';
import { decodeCursor, encodeCursor } from '../../../platform/http/pagination.ts';
import type { RequestScope } from '../../../platform/request-context.ts';
import { actingUserId } from '../../../platform/staff-users.ts';
import { customerDirectory, visibleCustomers } from '../../customers/customers/customers.public.ts';
import { segmentExists, segmentMemberIds } from '../../analytics/segments/segments.public.ts';
import { inviteCustomers, type InviteResult } from './survey-invitations.ts';
import { findTemplate } from './survey-templates.service.ts';
import type { SurveyCampaign, SurveyCampaignCreate, SurveyCampaignPatch, SurveyInvitation, SurveyTarget } from './surveys.contract.ts';
import { SURVEY_INVITATION_STATUSES, surveyCampaigns, surveyInvitations } from './surveys.schema.ts';

export type CampaignRow = typeof surveyCampaigns.$inferSelect;
const localTime = (date: Date | null) => (date ? formatLocalDateTime(date) : null);

async function present(scope: RequestScope, rows: readonly CampaignRow[]): Promise<SurveyCampaign[]> {
  const ids = rows.map((r) => r.id);
  const counts = ids.length
    ? await scope.tx
        .select({ campaign_id: surveyInvitations.campaign_id, status: surveyInvitations.status, n: count() })
        .from(surveyInvitations)
        .where(and(eq(surveyInvitations.tenant_id, scope.tenantId), inArray(surveyInvitations.campaign_id, ids)))
        .groupBy(surveyInvitations.campaign_id, surveyInvitations.status)
    : [];
  return rows.map((row) => {
    const invitations = Object.fromEntries(SURVEY_INVITATION_STATUSES.map((s) => [s, counts.find((c) => c.campaign_id === row.id && c.status === s)?.n ?? 0])) as SurveyCampaign['invitations'];
    return {
      id: row.id,
      template_id: row.template_id,
      name: row.name,
      target: row.target as SurveyTarget,
      channel: row.channel as SurveyCampaign['channel'],
      status: row.status as SurveyCampaign['status'],
      starts_at: localTime(row.starts_at),
      ends_at: localTime(row.ends_at),
      reminder_days: row.reminder_days,
      throttle_days: row.throttle_days,
      token_ttl_days: row.token_ttl_days,
      invitations,
      version: row.version,
      created_at: formatLocalDateTime(row.created_at),
      updated_at: formatLocalDateTime(row.updated_at),
    };
  });
}

export const presentCampaign = async (scope: RequestScope, row: CampaignRow) => (await present(scope, [row]))[0]!;

/** A campaign of the tenant, or 404. */
export async function findCampaign(scope: RequestScope, id: number, lock = false): Promise<CampaignRow> {
  const query = scope.tx.select().from(surveyCampaigns).where(and(eq(surveyCampaigns.tenant_id, scope.tenantId), eq(surveyCampaigns.id, id)));
  const [row] = lock ? await query.for('update') : await query;
  if (!row) throw new ApiError('survey_campaign.not_found', { id });
  return row;
}

/** Listed customers and segments must be the tenant's own: a campaign never reaches into another tenant. */
async function checkTarget(scope: RequestScope, target: SurveyTarget): Promise<void> {
  if (target.kind === 'customers') {
    const ids = [...new Set(target.customer_ids)];
    const [found] = await scope.tx.select({ n: count() }).from(customerDirectory).where(and(eq(customerDirectory.tenant_id, scope.tenantId), inArray(customerDirectory.id, ids)));
    if ((found?.n ?? 0) !== ids.length) throw new ApiError('survey_campaign.target_invalid', { reason: 'unknown customers', expected: ids.length, found: found?.n ?? 0 });
  }
  if (target.kind === 'segment') {
    if (!(await segmentExists(scope, target.segment_id))) throw new ApiError('survey_campaign.target_invalid', { reason: 'unknown segment', segment_id: target.segment_id });
  }
}

async function checkTemplateUsable(scope: RequestScope, templateId: number): Promise<void> {
  const template = await findTemplate(scope, templateId).catch(() => {
    throw new ApiError('survey_campaign.target_invalid', { reason: 'unknown template', template_id: templateId });
  });
  if (template.status === 'archived') throw new ApiError('survey_template.not_active', { template_id: templateId, status: template.status });
}

const checkWindow = (startsAt: Date | null, endsAt: Date | null) => {
  if (startsAt && endsAt && endsAt <= startsAt) throw new ApiError('request.invalid', { issues: [{ path: 'ends_at', message: 'ends_at must be after starts_at' }] });
};

/** Reminder days in the order the survey job reminds: ascending, each once. */
const reminderDaysOf = (days: readonly number[]) => [...new Set(days)].sort((a, b) => a - b);

/** Campaigns newest first. */
export async function listSurveyCampaigns(scope: RequestScope, query: { status?: string; template_id?: number; limit: number; cursor?: string }) {
  const where = [eq(surveyCampaigns.tenant_id, scope.tenantId)];
  if (query.status) where.push(eq(surveyCampaigns.status, query.status));
  if (query.template_id) where.push(eq(surveyCampaigns.template_id, query.template_id));
  const after = decodeCursor(query.cursor);
  if (after) where.push(lt(surveyCampaigns.id, after.id));
  const rows = await scope.tx.select().from(surveyCampaigns).where(and(...where)).orderBy(desc(surveyCampaigns.id)).limit(query.limit + 1);
  const items = rows.slice(0, query.limit);
  const last = items.at(-1);
  return { items: await present(scope, items), next_cursor: rows.length > query.limit && last ? encodeCursor({ value: last.id, id: last.id }) : null };
}

/**
 * Creates a draft campaign after checking its template and target.
 * @example await createSurveyCampaign(scope, { template_id: 3, name: '2026 Q2 满意度', target: { kind: 'customers', customer_ids: [12] }, channel: 'email', reminder_days: [3], throttle_days: 30, token_ttl_days: 14 })
 */
export async function createSurveyCampaign(scope: RequestScope, input: SurveyCampaignCreate): Promise<CampaignRow> {
  await checkTemplateUsable(scope, input.template_id);
  await checkTarget(scope, input.target);
  const startsAt = input.starts_at ? new Date(input.starts_at) : null;
  const endsAt = input.ends_at ? new Date(input.ends_at) : null;
  checkWindow(startsAt, endsAt);
  const [row] = await scope.tx
    .insert(surveyCampaigns)
    .values({ ...input, reminder_days: reminderDaysOf(input.reminder_days), tenant_id: scope.tenantId, starts_at: startsAt, ends_at: endsAt, created_by: await actingUserId(scope) })
    .returning();
  await audit(scope, { action: 'survey_campaign.created', entity_type: 'survey_campaign', entity_id: row!.id, after: row });
  return row!;
}

/** Changes a campaign: what it asks and whom only before launch; closing ends it. */
export async function updateSurveyCampaign(scope: RequestScope, id: number, expected: number | null, patch: SurveyCampaignPatch, now: Date): Promise<CampaignRow> {
  const before = await findCampaign(scope, id, true);
  if (expected !== null && before.version !== expected) throw new ApiError('precondition.failed', { current_version: before.version });
  const launched = before.status === 'running' || before.status === 'closed';
  if ((launched && (patch.template_id || patch.target || patch.channel)) || before.status === 'closed') throw new ApiError('survey_campaign.not_editable', { status: before.status });
  if (patch.template_id) await checkTemplateUsable(scope, patch.template_id);
  if (patch.target) await checkTarget(scope, patch.target);
  const { starts_at, ends_at, status, ...fields } = patch;
  const startsAt = starts_at === undefined ? before.starts_at : starts_at ? new Date(starts_at) : null;
  const endsAt = ends_at === undefined ? before.ends_at : ends_at ? new Date(ends_at) : null;
  checkWindow(startsAt, endsAt);
  const [row] = await scope.tx
    .update(surveyCampaigns)
    .set({ ...fields, ...(fields.reminder_days ? { reminder_days: reminderDaysOf(fields.reminder_days) } : {}), starts_at: startsAt, ends_at: status === 'closed' ? (endsAt && endsAt < now ? endsAt : now) : endsAt, ...(status ? { status } : {}), version: before.version + 1, updated_at: now })
    .where(and(eq(surveyCampaigns.tenant_id, scope.tenantId), eq(surveyCampaigns.id, id)))
    .returning();
  await audit(scope, { action: status === 'closed' ? 'survey_campaign.closed' : 'survey_campaign.updated', entity_type: 'survey_campaign', entity_id: id, before, after: row });
  if (status === 'closed') await emitEvent(scope, { type: 'survey_campaign.closed', entity_type: 'survey_campaign', entity_id: id, payload: { name: row!.name } });
  return row!;
}

/** Deletes a campaign that never launched. */
export async function deleteSurveyCampaign(scope: RequestScope, id: number): Promise<{ id: number; deleted: true }> {
  const before = await findCampaign(scope, id, true);
  if (before.status !== 'draft' && before.status !== 'scheduled') throw new ApiError('survey_campaign.not_editable', { status: before.status, hint: 'close it instead' });
  await scope.tx.delete(surveyCampaigns).where(and(eq(surveyCampaigns.tenant_id, scope.tenantId), eq(surveyCampaigns.id, id)));
  await audit(scope, { action: 'survey_campaign.deleted', entity_type: 'survey_campaign', entity_id: id, before });
  return { id, deleted: true };
}

/** The customers a list or segment target names now; event targets name nobody until their events arrive. */
async function targetCustomers(scope: RequestScope, target: SurveyTarget): Promise<number[]> {
  if (target.kind === 'customers') return target.customer_ids;
  if (target.kind === 'segment') {
    return (await segmentMemberIds(scope, target.segment_id)).map((r) => r.id);
  }
  return [];
}

/**
 * Launches a draft or scheduled campaign: a future `starts_at` schedules it (the survey job launches it
 * then); otherwise it runs and its list or segment is invited now.
 * @example const { campaign, invited, throttled } = await launchSurveyCampaign(scope, 5, new Date(), '/');
 */
export async function launchSurveyCampaign(scope: RequestScope, id: number, now: Date, linkBase: string): Promise<{ campaign: CampaignRow } & InviteResult> {
  const before = await findCampaign(scope, id, true);
  if (before.status !== 'draft' && before.status !== 'scheduled') throw new ApiError('survey_campaign.invalid_state', { status: before.status });
  const template = await findTemplate(scope, before.template_id);
  if (template.status !== 'active') throw new ApiError('survey_template.not_active', { template_id: template.id, status: template.status });
  const scheduled = before.starts_at !== null && before.starts_at > now;
  const [row] = await scope.tx
    .update(surveyCampaigns)
    .set({ status: scheduled ? 'scheduled' : 'running', starts_at: before.starts_at ?? now, version: before.version + 1, updated_at: now })
    .where(and(eq(surveyCampaigns.tenant_id, scope.tenantId), eq(surveyCampaigns.id, id)))
    .returning();
  const result = scheduled ? { invited: 0, throttled: 0 } : await inviteCustomers(scope, row!, await targetCustomers(scope, row!.target as SurveyTarget), now, linkBase);
  await audit(scope, { action: scheduled ? 'survey_campaign.scheduled' : 'survey_campaign.launched', entity_type: 'survey_campaign', entity_id: id, before: { status: before.status }, after: { status: row!.status, ...result } });
  if (!scheduled) await emitEvent(scope, { type: 'survey_campaign.launched', entity_type: 'survey_campaign', entity_id: id, payload: { name: row!.name, channel: row!.channel, ...result } });
  return { campaign: row!, ...result };
}

/** A campaign's invitations of customers the caller may see, newest first, with customer names and never a token. */
export async function listSurveyInvitations(scope: RequestScope, campaignId: number, query: { status?: string; limit: number; cursor?: string }) {
  await findCampaign(scope, campaignId);
  const where = [eq(surveyInvitations.tenant_id, scope.tenantId), eq(surveyInvitations.campaign_id, campaignId)];
  if (query.status) where.push(eq(surveyInvitations.status, query.status));
  const after = decodeCursor(query.cursor);
  if (after) where.push(lt(surveyInvitations.id, after.id));
  const rows = await scope.tx
    .select({ invitation: surveyInvitations, customer_name: customerDirectory.customer_name })
    .from(surveyInvitations)
    .innerJoin(customerDirectory, and(eq(customerDirectory.tenant_id, surveyInvitations.tenant_id), eq(customerDirectory.id, surveyInvitations.customer_id)))
    .where(and(...where, visibleCustomers(scope, customerDirectory)))
    .orderBy(desc(surveyInvitations.id))
    .limit(query.limit + 1);
  const items: SurveyInvitation[] = rows.slice(0, query.limit).map(({ invitation: i, customer_name }) => ({
    id: i.id,
    campaign_id: i.campaign_id,
    customer_id: i.customer_id,
    customer_name,
    contact_id: i.contact_id,
    status: i.status as SurveyInvitation['status'],
    expires_at: formatLocalDateTime(i.expires_at),
    sent_at: localTime(i.sent_at),
    reminders_sent: i.reminders_sent,
    responded_at: localTime(i.responded_at),
  }));
  const last = items.at(-1);
  return { items, next_cursor: rows.length > query.limit && last ? encodeCursor({ value: last.id, id: last.id }) : null };
}
