import { and, count, desc, eq, inArray, lt } from 'drizzle-orm';
import { audit } from '../../../platform/audit.ts';
import { ApiError } from '../../../platform/errors.ts';
import './surveys.errors.ts';
import { formatLocalDateTime } from '../../../platform/time/local-time.ts';
import { decodeCursor, encodeCursor } from '../../../platform/http/pagination.ts';
import type { RequestScope } from '../../../platform/request-context.ts';
import { actingUserId } from '../../../platform/staff-users.ts';
import type { SurveyQuestion } from './survey-questions.ts';
import type { SurveyTemplate, SurveyTemplateCreate, SurveyTemplatePatch } from './surveys.contract.ts';
import { surveyCampaigns, surveyResponses, surveyTemplates } from './surveys.schema.ts';

type TemplateRow = typeof surveyTemplates.$inferSelect;

/** Responses (complete or partial) per template, for the templates named. */
async function responseCounts(scope: RequestScope, templateIds: readonly number[]): Promise<Map<number, number>> {
  if (templateIds.length === 0) return new Map();
  const rows = await scope.tx
    .select({ template_id: surveyCampaigns.template_id, n: count() })
    .from(surveyResponses)
    .innerJoin(surveyCampaigns, and(eq(surveyCampaigns.tenant_id, surveyResponses.tenant_id), eq(surveyCampaigns.id, surveyResponses.campaign_id)))
    .where(and(eq(surveyResponses.tenant_id, scope.tenantId), inArray(surveyCampaigns.template_id, [...templateIds])))
    .groupBy(surveyCampaigns.template_id);
  return new Map(rows.map((r) => [r.template_id, r.n]));
}

const responseCount = async (scope: RequestScope, templateId: number) => (await responseCounts(scope, [templateId])).get(templateId) ?? 0;

const present = (row: TemplateRow, responses: number): SurveyTemplate => ({
  id: row.id,
  name: row.name,
  description: row.description,
  questions: row.questions as SurveyQuestion[],
  status: row.status as SurveyTemplate['status'],
  response_count: responses,
  version: row.version,
  created_at: formatLocalDateTime(row.created_at),
  updated_at: formatLocalDateTime(row.updated_at),
});

/** A template of the tenant, or 404. */
export async function findTemplate(scope: RequestScope, id: number, lock = false): Promise<TemplateRow> {
  const query = scope.tx.select().from(surveyTemplates).where(and(eq(surveyTemplates.tenant_id, scope.tenantId), eq(surveyTemplates.id, id)));
  const [row] = lock ? await query.for('update') : await query;
  if (!row) throw new ApiError('survey_template.not_found', { id });
  return row;
}

/** @example await getSurveyTemplate(scope, 3) */
export async function getSurveyTemplate(scope: RequestScope, id: number): Promise<SurveyTemplate> {
  const row = await findTemplate(scope, id);
  return present(row, await responseCount(scope, id));
}

/** Templates newest first, keyset-paginated. */
export async function listSurveyTemplates(scope: RequestScope, query: { status?: string; limit: number; cursor?: string }) {
  const where = [eq(surveyTemplates.tenant_id, scope.tenantId)];
  if (query.status) where.push(eq(surveyTemplates.status, query.status));
  const after = decodeCursor(query.cursor);
  if (after) where.push(lt(surveyTemplates.id, after.id));
  const rows = await scope.tx.select().from(surveyTemplates).where(and(...where)).orderBy(desc(surveyTemplates.id)).limit(query.limit + 1);
  const items = rows.slice(0, query.limit);
  const last = items.at(-1);
  const counts = await responseCounts(scope, items.map((r) => r.id));
  return {
    items: items.map((row) => present(row, counts.get(row.id) ?? 0)),
    next_cursor: rows.length > query.limit && last ? encodeCursor({ value: last.id, id: last.id }) : null,
  };
}

/**
 * Creates a template; its questions were checked by the contract (types, unique ids, conditions on earlier questions).
 * @example await createSurveyTemplate(scope, { name: '季度满意度', questions: [{ id: 'nps', type: 'nps', title: { zh: '推荐意愿', en: 'Would you recommend us?' }, required: true }], status: 'active' })
 */
export async function createSurveyTemplate(scope: RequestScope, input: SurveyTemplateCreate): Promise<SurveyTemplate> {
  const [row] = await scope.tx
    .insert(surveyTemplates)
    .values({ tenant_id: scope.tenantId, name: input.name, description: input.description ?? null, questions: input.questions, status: input.status, created_by: await actingUserId(scope) })
    .returning();
  await audit(scope, { action: 'survey_template.created', entity_type: 'survey_template', entity_id: row!.id, after: row });
  return present(row!, 0);
}

/**
 * Changes a template. Questions of an active template that already has responses are frozen (results
 * would mix answers to different questions): 409, archive it and start a new one.
 */
export async function updateSurveyTemplate(scope: RequestScope, id: number, expected: number | null, patch: SurveyTemplatePatch): Promise<SurveyTemplate> {
  const before = await findTemplate(scope, id, true);
  if (expected !== null && before.version !== expected) throw new ApiError('precondition.failed', { current_version: before.version });
  const responses = await responseCount(scope, id);
  if (patch.questions && before.status === 'active' && responses > 0) throw new ApiError('survey_template.in_use', { responses, hint: 'archive this template and create a new one' });
  const [row] = await scope.tx
    .update(surveyTemplates)
    .set({ ...patch, version: before.version + 1, updated_at: new Date() })
    .where(and(eq(surveyTemplates.tenant_id, scope.tenantId), eq(surveyTemplates.id, id)))
    .returning();
  await audit(scope, { action: 'survey_template.updated', entity_type: 'survey_template', entity_id: id, before, after: row });
  return present(row!, responses);
}

/** Deletes a template that no campaign uses; a used one is archived instead (409). */
export async function deleteSurveyTemplate(scope: RequestScope, id: number): Promise<{ id: number; deleted: true }> {
  const before = await findTemplate(scope, id, true);
  const [used] = await scope.tx.select({ n: count() }).from(surveyCampaigns).where(and(eq(surveyCampaigns.tenant_id, scope.tenantId), eq(surveyCampaigns.template_id, id)));
  if ((used?.n ?? 0) > 0) throw new ApiError('survey_template.in_use', { campaigns: used!.n, hint: 'archive it instead' });
  await scope.tx.delete(surveyTemplates).where(and(eq(surveyTemplates.tenant_id, scope.tenantId), eq(surveyTemplates.id, id)));
  await audit(scope, { action: 'survey_template.deleted', entity_type: 'survey_template', entity_id: id, before });
  return { id, deleted: true };
}
