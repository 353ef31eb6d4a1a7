import { and, desc, eq, lt, sql, type SQL } from 'drizzle-orm';
import { rawRows } from '../../../db/raw-rows.ts';
import { audit } from '../../../platform/audit.ts';
import { addMonths, businessDate } from '../../../platform/time/calendar-date.ts';
import { ApiError } from '../../../platform/errors.ts';
import './segments.errors.ts';
import { emitEvents } from '../../../platform/events.ts';
import { formatLocalDateTime } from '../../../platform/time/local-time.ts';
import { decodeCursor, encodeCursor } from '../../../platform/http/pagination.ts';
import type { RequestScope } from '../../../platform/request-context.ts';
import { actingUserId } from '../../../platform/staff-users.ts';
import { customerDirectory, visibleCustomers } from '../../customers/customers/customers.public.ts';
import { invoicedRevenueSql } from '../../integrations/finance/finance.public.ts';
import { currentHealthScores } from '../../success/health/health.public.ts';
import { parseRule, RuleSyntaxError, type RuleNode, type ValueTier } from './segment-rules.ts';
import { compileRule } from './segment-sql.ts';
import type { Segment, SegmentCreate, SegmentMember, SegmentPatch } from './segments.contract.ts';
import { customerValueTiers, segments, type SegmentRow } from './segments.schema.ts';

/** Members per `segment.pushed` event. */
export const PUSH_CHUNK = 500;
const SAMPLE_SIZE = 20;

/**
 * Parses a rule for the API: a `RuleSyntaxError` becomes 422 `segment.rule_invalid` with its position,
 * message {zh, en} and, for an unknown field, the known fields.
 * @example parseRuleOrThrow('level >= 3') // { type: 'compare', … }
 */
export function parseRuleOrThrow(ruleText: string): RuleNode {
  try {
    return parseRule(ruleText);
  } catch (error) {
    if (error instanceof RuleSyntaxError) throw new ApiError('segment.rule_invalid', { position: error.position, message: { zh: error.zh, en: error.en }, ...error.extra });
    throw error;
  }
}

const present = (row: SegmentRow): Segment => ({
  id: row.id,
  name: row.name,
  description: row.description,
  rule_text: row.rule_text,
  rule: row.rule,
  member_count: row.member_count,
  refreshed_at: row.refreshed_at ? formatLocalDateTime(row.refreshed_at) : null,
  created_at: formatLocalDateTime(row.created_at),
  updated_at: formatLocalDateTime(row.updated_at),
  version: row.version,
});

/**
 * How many customers the caller may see match a rule now, and the first 20 of them by id; nothing is saved.
 * @example await previewSegment(scope, 'health_band = "red"', new Date()) // { count: 3, sample: [...] }
 */
export async function previewSegment(scope: RequestScope, ruleText: string, now: Date) {
  const { joins, predicate } = compileRule(scope, parseRuleOrThrow(ruleText), businessDate(now));
  const where = sql`${visibleCustomers(scope, customerDirectory)} and ${customerDirectory.archived_at} is null and ${predicate}`;
  // One evaluation of the rule: the window counts every match before the limit keeps the first 20.
  const rows = rawRows<{ id: unknown; code: string; name: string; level: number; industry: string | null; total: number }>(
    await scope.tx.execute(sql`
      select ${customerDirectory.id} as id, ${customerDirectory.customer_code} as code, ${customerDirectory.customer_name} as name, ${customerDirectory.level} as level,
        ${customerDirectory.industry} as industry, (count(*) over ())::int as total
      from ${customerDirectory} ${joins} where ${where} order by ${customerDirectory.id} limit ${SAMPLE_SIZE}`),
  );
  return { count: Number(rows[0]?.total ?? 0), sample: rows.map(({ total: _, ...c }) => ({ ...c, id: Number(c.id), level: Number(c.level) })) };
}

/**
 * Re-evaluates a segment's rule over all the tenant's (non-archived) customers and replaces its members in one
 * statement: members that left are deleted, new ones inserted, the ones that stay keep their `added_at`.
 * Membership is tenant-wide; reads filter it by what the caller may see.
 * @example const row = await materialiseSegment(scope, segment, new Date());
 */
export async function materialiseSegment(scope: RequestScope, segment: SegmentRow, now: Date): Promise<SegmentRow> {
  const { joins, predicate } = compileRule(scope, segment.rule as RuleNode, businessDate(now));
  const [counted] = rawRows<{ n: number }>(
    await scope.tx.execute(sql`
      with matched as (
        select ${customerDirectory.id} as id from ${customerDirectory} ${joins}
        where ${customerDirectory.tenant_id} = ${scope.tenantId} and ${customerDirectory.archived_at} is null and ${predicate}
      ),
      removed as (
        delete from segment_members m where m.tenant_id = ${scope.tenantId} and m.segment_id = ${segment.id}
          and not exists (select 1 from matched where matched.id = m.customer_id)
      ),
      added as (
        insert into segment_members (tenant_id, segment_id, customer_id, added_at)
        select ${scope.tenantId}, ${segment.id}, id, ${now.toISOString()}::timestamptz from matched
        on conflict do nothing
      )
      select count(*)::int as n from matched`),
  );
  const [row] = await scope.tx
    .update(segments)
    .set({ member_count: counted?.n ?? 0, refreshed_at: now })
    .where(and(eq(segments.tenant_id, scope.tenantId), eq(segments.id, segment.id)))
    .returning();
  return row!;
}

async function findSegment(scope: RequestScope, id: number, lock = false): Promise<SegmentRow> {
  const query = scope.tx.select().from(segments).where(and(eq(segments.tenant_id, scope.tenantId), eq(segments.id, id)));
  const [row] = lock ? await query.for('update') : await query;
  if (!row) throw new ApiError('segment.not_found', { id });
  return row;
}

/**
 * Saves a segment and materialises its members in the caller's transaction; a rule that does not parse saves nothing.
 * @example await createSegment(scope, { name: '高价值制造业', rule_text: 'industry = "制造业" and value_tier = "champion"' }, new Date())
 */
export async function createSegment(scope: RequestScope, input: SegmentCreate, now: Date): Promise<Segment> {
  const rule = parseRuleOrThrow(input.rule_text);
  const [created] = await scope.tx
    .insert(segments)
    .values({ tenant_id: scope.tenantId, name: input.name, description: input.description ?? null, rule_text: input.rule_text, rule, created_by: await actingUserId(scope) })
    .returning();
  const row = await materialiseSegment(scope, created!, now);
  await audit(scope, { action: 'segment.created', entity_type: 'segment', entity_id: row.id, after: { name: row.name, rule_text: row.rule_text, member_count: row.member_count } });
  return present(row);
}

/** Segments newest first. */
export async function listSegments(scope: RequestScope, query: { limit: number; cursor?: string | undefined }) {
  const where = [eq(segments.tenant_id, scope.tenantId)];
  const after = decodeCursor(query.cursor);
  if (after) where.push(lt(segments.id, after.id));
  const rows = await scope.tx.select().from(segments).where(and(...where)).orderBy(desc(segments.id)).limit(query.limit + 1);
  const items = rows.slice(0, query.limit);
  const last = items.at(-1);
  return { items: items.map(present), next_cursor: rows.length > query.limit && last ? encodeCursor({ value: last.id, id: last.id }) : null };
}

export async function getSegment(scope: RequestScope, id: number): Promise<Segment> {
  return present(await findSegment(scope, id));
}

/**
 * Changes a segment if its version is still the one the caller read (`null` = any); a changed rule
 * re-materialises the members in the same transaction.
 * @example await updateSegment(scope, 7, 2, { rule_text: 'level >= 3' }, new Date())
 */
export async function updateSegment(scope: RequestScope, id: number, expected: number | null, patch: SegmentPatch, now: Date): Promise<Segment> {
  const before = await findSegment(scope, id, true);
  if (expected !== null && before.version !== expected) throw new ApiError('precondition.failed', { current_version: before.version });
  const ruleChanged = patch.rule_text !== undefined && patch.rule_text !== before.rule_text;
  const rule = ruleChanged ? parseRuleOrThrow(patch.rule_text!) : undefined;
  const [updated] = await scope.tx
    .update(segments)
    .set({
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.description !== undefined ? { description: patch.description } : {}),
      ...(rule ? { rule_text: patch.rule_text!, rule } : {}),
      version: before.version + 1,
      updated_at: now,
    })
    .where(and(eq(segments.tenant_id, scope.tenantId), eq(segments.id, id)))
    .returning();
  const row = rule ? await materialiseSegment(scope, updated!, now) : updated!;
  await audit(scope, {
    action: 'segment.updated',
    entity_type: 'segment',
    entity_id: id,
    before: { name: before.name, description: before.description, rule_text: before.rule_text, member_count: before.member_count },
    after: { name: row.name, description: row.description, rule_text: row.rule_text, member_count: row.member_count },
  });
  return present(row);
}

/** Deletes a segment (its members go with it). */
export async function deleteSegment(scope: RequestScope, id: number): Promise<Segment> {
  const before = await findSegment(scope, id, true);
  await scope.tx.delete(segments).where(and(eq(segments.tenant_id, scope.tenantId), eq(segments.id, id)));
  await audit(scope, { action: 'segment.deleted', entity_type: 'segment', entity_id: id, before: { name: before.name, rule_text: before.rule_text, member_count: before.member_count } });
  return present(before);
}

/** Re-evaluates one segment now. */
export async function refreshSegment(scope: RequestScope, id: number, now: Date): Promise<Segment> {
  const before = await findSegment(scope, id, true);
  const row = await materialiseSegment(scope, before, now);
  await audit(scope, { action: 'segment.refreshed', entity_type: 'segment', entity_id: id, before: { member_count: before.member_count }, after: { member_count: row.member_count } });
  return present(row);
}

/**
 * Members the caller may see, by customer id, with the export's columns; `limit` null reads them all.
 * Revenue is the non-void invoices issued in the 12 months up to `now` (Beijing).
 */
async function memberRows(scope: RequestScope, segmentId: number, now: Date, afterId: number | null, limit: number | null): Promise<SegmentMember[]> {
  const today = businessDate(now);
  const conditions: SQL[] = [visibleCustomers(scope, customerDirectory), sql`m.segment_id = ${segmentId}`];
  if (afterId !== null) conditions.push(sql`m.customer_id > ${afterId}`);
  const rows = rawRows<Omit<SegmentMember, 'customer_id' | 'level'> & { customer_id: unknown; level: unknown }>(
    await scope.tx.execute(sql`
      select ${customerDirectory.id} as customer_id, ${customerDirectory.customer_code} as customer_code, ${customerDirectory.customer_name} as customer_name,
        ${customerDirectory.level} as level, ${customerDirectory.industry} as industry, ${customerDirectory.region} as region, hs.band as health_band,
        coalesce(${invoicedRevenueSql(scope, sql`m.customer_id`, addMonths(today, -12), today)}, 0)::numeric(16, 2)::text as revenue_12m,
        v.tier as value_tier
      from segment_members m
      join ${customerDirectory} on ${customerDirectory.tenant_id} = m.tenant_id and ${customerDirectory.id} = m.customer_id
      left join ${currentHealthScores(scope).as('hs')} on hs.customer_id = m.customer_id
      left join customer_value_tiers v on v.tenant_id = m.tenant_id and v.customer_id = m.customer_id
      where m.tenant_id = ${scope.tenantId} and ${sql.join(conditions, sql` and `)}
      order by m.customer_id
      ${limit === null ? sql`` : sql`limit ${limit}`}`),
  );
  return rows.map((r) => ({ ...r, customer_id: Number(r.customer_id), level: Number(r.level) })) as SegmentMember[];
}

/** A page of a segment's members (keyset on the customer id). */
export async function listSegmentMembers(scope: RequestScope, id: number, query: { limit: number; cursor?: string | undefined }, now: Date) {
  await findSegment(scope, id);
  const after = decodeCursor(query.cursor);
  const rows = await memberRows(scope, id, now, after?.id ?? null, query.limit + 1);
  const items = rows.slice(0, query.limit);
  const last = items.at(-1);
  return { items, next_cursor: rows.length > query.limit && last ? encodeCursor({ value: last.customer_id, id: last.customer_id }) : null };
}

/** The segment and every member the caller may see, for the export. */
export async function segmentForExport(scope: RequestScope, id: number, now: Date): Promise<{ segment: Segment; members: SegmentMember[] }> {
  const segment = present(await findSegment(scope, id));
  return { segment, members: await memberRows(scope, id, now, null, null) };
}

/**
 * Hands a segment to marketing automation: `segment.pushed` events with the members the caller may see, 500 per
 * event (no contact data), in the caller's transaction; the webhook worker signs and delivers them to the
 * subscriptions of `segment.*` (target `marketing`).
 * @example await pushSegment(scope, 7, new Date()) // { pushed: 1200, events: 3 }
 */
export async function pushSegment(scope: RequestScope, id: number, now: Date): Promise<{ pushed: number; events: number }> {
  const segment = await findSegment(scope, id);
  const members = await memberRows(scope, id, now, null, null);
  const chunks = Math.ceil(members.length / PUSH_CHUNK);
  const events = Array.from({ length: chunks }, (_, n) => ({
    type: 'segment.pushed',
    entity_type: 'segment',
    entity_id: id,
    payload: {
      segment_id: id,
      segment_name: segment.name,
      chunk: n + 1,
      chunks,
      total: members.length,
      customers: members.slice(n * PUSH_CHUNK, (n + 1) * PUSH_CHUNK).map((m) => ({ id: m.customer_id, code: m.customer_code, name: m.customer_name, level: m.level, industry: m.industry, region: m.region })),
    },
  }));
  await emitEvents(scope, events);
  await audit(scope, { action: 'segment.pushed', entity_type: 'segment', entity_id: id, after: { pushed: members.length, events: chunks, at: now.toISOString() } });
  return { pushed: members.length, events: chunks };
}

/** A visible customer's value tier; 404 when the customer is not visible or has none yet. */
export async function customerValueTier(scope: RequestScope, customerId: number) {
  const [customer] = await scope.tx
    .select({ id: customerDirectory.id })
    .from(customerDirectory)
    .where(and(visibleCustomers(scope, customerDirectory), eq(customerDirectory.id, customerId)));
  if (!customer) throw new ApiError('customer.not_found', { id: customerId });
  const [row] = await scope.tx
    .select()
    .from(customerValueTiers)
    .where(and(eq(customerValueTiers.tenant_id, scope.tenantId), eq(customerValueTiers.customer_id, customerId)));
  if (!row) throw new ApiError('value_tier.not_found', { customer_id: customerId });
  return {
    customer_id: row.customer_id,
    tier: row.tier as ValueTier,
    recency_days: row.recency_days,
    frequency: row.frequency,
    monetary: row.monetary,
    r_score: row.r_score,
    f_score: row.f_score,
    m_score: row.m_score,
    computed_at: formatLocalDateTime(row.computed_at),
  };
}
