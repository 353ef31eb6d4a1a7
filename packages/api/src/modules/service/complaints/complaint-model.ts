import { asc, eq, sql } from 'drizzle-orm';
import { LRUCache } from 'lru-cache';
import type { RequestScope } from '../../../platform/request-context.ts';
import { baseComplaintModel, classifyComplaint, type ComplaintCategory, type ComplaintClassification, type ComplaintModel, type ComplaintSentiment, type ComplaintSeverity, type LabelledComplaint, trainComplaintModel } from '../complaint-classifier/complaint-classifier.public.ts';
import { complaintClassifierCorrections } from './complaints.schema.ts';

/**
 * Trained models per tenant. The key carries the number of corrections and the newest one's id, so a new
 * correction is a new key: the next complaint trains (once) with it, and the stale model ages out.
 */
const models = new LRUCache<string, ComplaintModel>({ max: 200 });

/**
 * The tenant's classifier: the built-in model plus the tenant's staff corrections.
 * @example const model = await tenantComplaintModel(scope);
 */
export async function tenantComplaintModel(scope: RequestScope): Promise<ComplaintModel> {
  const c = complaintClassifierCorrections;
  const [stats] = await scope.tx
    .select({ count: sql<number>`count(*)`.mapWith(Number), last: sql<number | null>`max(${c.id})`.mapWith((v) => (v === null ? null : Number(v))) })
    .from(c)
    .where(eq(c.tenant_id, scope.tenantId));
  if (!stats || stats.count === 0) return baseComplaintModel();
  const key = `${scope.tenantId}:${stats.count}:${stats.last}`;
  const cached = models.get(key);
  if (cached) return cached;
  const rows = await scope.tx
    .select({ text: c.text, category: c.category, severity: c.severity, sentiment: c.sentiment })
    .from(c)
    .where(eq(c.tenant_id, scope.tenantId))
    .orderBy(asc(c.id));
  const corrections: LabelledComplaint[] = rows.map((row) => ({
    text: row.text,
    ...(row.category ? { category: row.category as ComplaintCategory } : {}),
    ...(row.severity ? { severity: row.severity as ComplaintSeverity } : {}),
    ...(row.sentiment ? { sentiment: row.sentiment as ComplaintSentiment } : {}),
  }));
  const model = trainComplaintModel(corrections);
  models.set(key, model);
  return model;
}

/** The text a complaint is classified by (and a correction is stored with): title and description. */
export const complaintText = (title: string, description: string): string => `${title}\n${description}`;

/**
 * Classifies a complaint's text with the tenant's model.
 * @example const answer = await classifyForTenant(scope, '系统宕机', '核心业务系统宕机两小时'); answer.severity.value // 'critical'
 */
export async function classifyForTenant(scope: RequestScope, title: string, description: string): Promise<ComplaintClassification> {
  return classifyComplaint(await tenantComplaintModel(scope), complaintText(title, description));
}
