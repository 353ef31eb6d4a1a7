import { and, asc, eq, isNull, sql, type SQL } from 'drizzle-orm';
import { rawRows } from '../../../db/raw-rows.ts';
import { ApiError } from '../../../platform/errors.ts';
import { decodeCursor, encodeCursor } from '../../../platform/http/pagination.ts';
import type { RequestScope } from '../../../platform/request-context.ts';
import { users } from '../../../platform/identity/users.schema.ts';
import { contactDirectory } from '../contacts/contacts.public.ts';
import { CONTACT_GAPS, customerDirectory, KEY_INFORMATION, visibleCustomers } from '../customers/customers.public.ts';
import {
  COMPLETENESS_TARGET_PERCENTAGE,
  type CompletenessGap,
  type CompletenessGapQuery,
  type CompletenessSummary,
  type CompletenessSummaryQuery,
} from './completeness.contract.ts';

/** A `text[]` literal of fixed keys (one bound parameter each). */
const textArray = (values: readonly string[]): SQL => sql`array[${sql.join(values.map((v) => sql`${v}`), sql`, `)}]::text[]`;

/** Active customers the caller may see, optionally of one manager. */
function activeVisible(scope: RequestScope, managerId: number | undefined): SQL {
  return and(
    visibleCustomers(scope, customerDirectory),
    isNull(customerDirectory.archived_at),
    managerId ? eq(customerDirectory.assigned_manager_id, managerId) : undefined,
  ) as SQL;
}

/**
 * The tenant's completeness against the KPI, from the stored `completeness_missing` of each customer:
 * complete = no key information missing (see `isComplete`).
 * @example (await completenessSummary(scope, {})).complete_percentage // 96.4
 */
export async function completenessSummary(scope: RequestScope, query: CompletenessSummaryQuery): Promise<CompletenessSummary> {
  const where = activeVisible(scope, query.manager_id);
  const keys = textArray(KEY_INFORMATION);
  const [totals] = await scope.tx
    .select({
      total: sql<number>`count(*)::int`,
      complete: sql<number>`(count(*) filter (where not (${customerDirectory.completeness_missing} && ${keys})))::int`,
      average: sql<number>`coalesce(avg(${customerDirectory.completeness_score}), 0)::float8`,
    })
    .from(customerDirectory)
    .where(where);
  const missing = rawRows<{ key: string; count: number }>(
    await scope.tx.execute(sql`
      select missing.key, count(*)::int as count
        from ${customerDirectory} cross join lateral unnest(${customerDirectory.completeness_missing}) as missing(key)
       where ${where}
       group by missing.key
       order by count(*) desc, missing.key`),
  );
  const total = Number(totals?.total ?? 0);
  const complete = Number(totals?.complete ?? 0);
  const percentage = total === 0 ? 100 : Math.floor((complete / total) * 1000) / 10;
  return {
    total,
    complete,
    incomplete: total - complete,
    complete_percentage: percentage,
    target_percentage: COMPLETENESS_TARGET_PERCENTAGE,
    meets_target: percentage >= COMPLETENESS_TARGET_PERCENTAGE,
    average_score: Math.round(Number(totals?.average ?? 0) * 10) / 10,
    missing: missing.map((row) => ({ key: row.key, count: Number(row.count), key_information: KEY_INFORMATION.includes(row.key) })),
  };
}

function gapFilter(missing: string): SQL {
  if (missing === 'contact') return sql`${customerDirectory.completeness_missing} && ${textArray(CONTACT_GAPS)}`;
  if (missing === 'any') return sql`${customerDirectory.completeness_missing} && ${textArray(KEY_INFORMATION)}`;
  return sql`${customerDirectory.completeness_missing} @> ${textArray([missing])}`;
}

/**
 * Customers with gaps, least complete first (score, then id: a stable keyset), each with what is
 * missing — what a 客户经理 works through to reach the KPI.
 */
export async function listCompletenessGaps(scope: RequestScope, query: CompletenessGapQuery): Promise<{ items: CompletenessGap[]; next_cursor: string | null }> {
  const cursor = decodeCursor(query.cursor);
  if (cursor && typeof cursor.value !== 'number') throw new ApiError('request.cursor_invalid');
  const rows = await scope.tx
    .select({
      customer: {
        id: customerDirectory.id,
        customer_code: customerDirectory.customer_code,
        customer_name: customerDirectory.customer_name,
        level: customerDirectory.level,
        status: customerDirectory.status,
        assigned_manager_id: customerDirectory.assigned_manager_id,
        completeness_score: customerDirectory.completeness_score,
        completeness_missing: customerDirectory.completeness_missing,
        updated_at: customerDirectory.updated_at,
      },
      manager_name: users.display_name,
      primary_contact_name: sql<string | null>`(select ${contactDirectory.contact_name} from ${contactDirectory}
        where ${contactDirectory.tenant_id} = ${customerDirectory.tenant_id} and ${contactDirectory.customer_id} = ${customerDirectory.id}
        and ${contactDirectory.is_primary} limit 1)`,
    })
    .from(customerDirectory)
    .leftJoin(users, and(eq(users.tenant_id, customerDirectory.tenant_id), eq(users.id, customerDirectory.assigned_manager_id)))
    .where(
      and(
        activeVisible(scope, query.manager_id),
        gapFilter(query.missing),
        cursor ? sql`(${customerDirectory.completeness_score}, ${customerDirectory.id}) > (${cursor.value}, ${cursor.id})` : undefined,
      ),
    )
    .orderBy(asc(customerDirectory.completeness_score), asc(customerDirectory.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const items = page.map(({ customer, manager_name, primary_contact_name }) => ({
    customer_id: customer.id,
    customer_code: customer.customer_code,
    customer_name: customer.customer_name,
    level: customer.level,
    status: customer.status,
    assigned_manager_id: customer.assigned_manager_id,
    assigned_manager_name: manager_name,
    primary_contact_name,
    completeness_score: customer.completeness_score,
    missing_key_information: customer.completeness_missing.filter((key) => KEY_INFORMATION.includes(key)),
    missing: customer.completeness_missing,
    updated_at: customer.updated_at.toISOString(),
  }));
  const last = page.at(-1)?.customer;
  return { items, next_cursor: rows.length > query.limit && last ? encodeCursor({ value: last.completeness_score, id: last.id }) : null };
}
