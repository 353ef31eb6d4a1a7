import { and, asc, desc, eq, ilike, inArray, isNotNull, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { decodeCursor, encodeCursor } from '../../../platform/http/pagination.ts';
import { EMAIL_PATTERN } from '../../../platform/crypto/pii.ts';
import type { RequestScope } from '../../../platform/request-context.ts';
import { users } from '../../../platform/identity/users.schema.ts';
import { contactDirectory, customerIdsByContactChannel } from '../contacts/contacts.public.ts';
import { customersTaggedWith, tagsOfCustomers } from '../tags/tags.public.ts';
import { visibleCustomers } from './customer-visibility.ts';
import type { CustomerListQuery, CustomerSummary } from './customers.contract.ts';
import { customers } from './customers.schema.ts';
import { presentCustomerCore } from './customers.service.ts';

// Correlated subqueries name the outer row explicitly: drizzle renders a column without its table when the
// query has no join, and an unqualified "id" inside a subquery would bind to the subquery's own table.
const OUTER_TENANT = sql.raw('"customers"."tenant_id"');
const OUTER_ID = sql.raw('"customers"."id"');

const escapeLike = (value: string) => value.replace(/[\\%_]/g, (ch) => `\\${ch}`);

/** What `q` means: a contact channel (exact, blind index), a customer code, or a name (fuzzy, pinyin). */
async function searchCondition(scope: RequestScope, q: string): Promise<{ where: SQL; rank: SQL<number> | null; shortName?: boolean }> {
  const compact = q.replace(/[\s-]/g, '');
  if (EMAIL_PATTERN.test(q) || /^\+?\d{7,15}$/.test(compact)) {
    const ids = await customerIdsByContactChannel(scope, q);
    const byChannel = ids.length > 0 ? inArray(customers.id, ids) : sql`false`;
    return { where: or(byChannel, ilike(customers.customer_code, `${escapeLike(q)}%`)) as SQL, rank: null };
  }
  if (/^cust\d{0,12}$/i.test(q)) return { where: ilike(customers.customer_code, `${escapeLike(q.toUpperCase())}%`), rank: null };
  const pattern = `%${escapeLike(q)}%`;
  const ascii = /^[a-z\s]+$/i.test(q);
  // Below three characters there is no trigram: similarity cannot match and would only cost a scan.
  const fuzzy = [...q].length >= 3;
  const where = or(
    ilike(customers.customer_name, pattern),
    fuzzy ? sql`${customers.customer_name} % ${q}` : undefined,
    ascii ? ilike(customers.name_pinyin, `%${escapeLike(q.toLowerCase().replace(/\s+/g, ''))}%`) : undefined,
  ) as SQL;
  // Relevance needs trigrams; a one- or two-character query matches thousands of names alike, and ranking
  // them all would cost a full sort — those results come newest first instead, straight off an index.
  return { where, rank: fuzzy ? sql<number>`similarity(${customers.customer_name}, ${q})::float8` : null, shortName: !fuzzy };
}

type SortSpec = { key: SQL | PgColumn; direction: 'asc' | 'desc'; cursorValue: (row: Record<string, unknown>) => string | number | null };

function sortSpec(sort: CustomerListQuery['sort'], rank: SQL<number> | null): SortSpec {
  const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : String(v));
  switch (sort ?? (rank ? 'relevance' : '-created_at')) {
    case 'relevance':
      if (rank) return { key: rank, direction: 'desc', cursorValue: (r) => Number(r.rank) };
      return { key: customers.created_at, direction: 'desc', cursorValue: (r) => iso(r.created_at) };
    case 'created_at':
      return { key: customers.created_at, direction: 'asc', cursorValue: (r) => iso(r.created_at) };
    case '-updated_at':
      return { key: customers.updated_at, direction: 'desc', cursorValue: (r) => iso(r.updated_at) };
    case 'customer_name':
      return { key: customers.customer_name, direction: 'asc', cursorValue: (r) => String(r.customer_name) };
    case '-customer_name':
      return { key: customers.customer_name, direction: 'desc', cursorValue: (r) => String(r.customer_name) };
    default:
      return { key: customers.created_at, direction: 'desc', cursorValue: (r) => iso(r.created_at) };
  }
}

/**
 * Lists customers the caller may see, filtered and sorted, with keyset pagination (stable under inserts,
 * constant cost at any depth).
 */
export async function listCustomers(scope: RequestScope, query: CustomerListQuery): Promise<{ items: CustomerSummary[]; next_cursor: string | null }> {
  const search = query.q ? await searchCondition(scope, query.q) : null;
  const sort = sortSpec(query.sort, search?.rank ?? null);
  const cursor = decodeCursor(query.cursor);
  const keyValue = cursor ? (sort.key === customers.created_at || sort.key === customers.updated_at ? sql`${cursor.value}::timestamptz` : sql`${cursor.value}`) : null;
  const keyset = cursor
    ? sort.direction === 'desc'
      ? sql`(${sort.key}, ${customers.id}) < (${keyValue}, ${cursor.id})`
      : sql`(${sort.key}, ${customers.id}) > (${keyValue}, ${cursor.id})`
    : undefined;

  const filters = and(
    visibleCustomers(scope),
    query.archived === 'false' ? isNull(customers.archived_at) : query.archived === 'true' ? isNotNull(customers.archived_at) : undefined,
    query.status ? inArray(customers.status, query.status) : undefined,
    query.level ? inArray(customers.level, query.level) : undefined,
    query.customer_type ? inArray(customers.customer_type, query.customer_type) : undefined,
    query.industry ? eq(customers.industry, query.industry) : undefined,
    query.region ? eq(customers.region, query.region) : undefined,
    query.manager_id ? eq(customers.assigned_manager_id, query.manager_id) : undefined,
    query.parent_customer_id ? eq(customers.parent_customer_id, query.parent_customer_id) : undefined,
    query.tag_id ? inArray(customers.id, customersTaggedWith(scope, query.tag_id)) : undefined,
    search?.where,
    keyset,
  );

  // A one- or two-character name fragment has no trigram, and the planner guesses it matches a handful of
  // rows, so it scans and sorts the whole tenant (~100 ms on 100k). Such fragments match many names: walking
  // the sort index and stopping at the page is ~3 ms. Transaction-local, reset right after the query.
  const walkSortIndex = search?.shortName === true;
  if (walkSortIndex) await scope.tx.execute(sql`set local enable_sort = off`);
  const order = sort.direction === 'desc' ? [desc(sort.key as PgColumn), desc(customers.id)] : [asc(sort.key as PgColumn), asc(customers.id)];
  const rows = await scope.tx
    .select({
      customer: customers,
      rank: search?.rank ?? sql<number>`0`,
      primary_contact_name: sql<string | null>`(select ${contactDirectory.contact_name} from ${contactDirectory}
        where ${contactDirectory.tenant_id} = ${OUTER_TENANT} and ${contactDirectory.customer_id} = ${OUTER_ID} and ${contactDirectory.is_primary} limit 1)`,
    })
    .from(customers)
    .where(filters)
    .orderBy(...order)
    .limit(query.limit + 1);

  if (walkSortIndex) await scope.tx.execute(sql`set local enable_sort = on`);
  const page = rows.slice(0, query.limit);
  // Manager names are looked up for the page only: a join in the main query would keep the planner from
  // walking the sort index and stopping at the page size.
  const managerIds = [...new Set(page.map((r) => r.customer.assigned_manager_id).filter((id): id is number => id !== null))];
  const managers = managerIds.length
    ? await scope.tx
        .select({ id: users.id, name: users.display_name })
        .from(users)
        .where(and(eq(users.tenant_id, scope.tenantId), inArray(users.id, managerIds)))
    : [];
  const managerName = new Map(managers.map((m) => [m.id, m.name]));
  const tagRows = await tagsOfCustomers(scope, page.map((r) => r.customer.id));
  const items = page.map((r) => ({
    ...presentCustomerCore(r.customer, r.customer.assigned_manager_id === null ? null : (managerName.get(r.customer.assigned_manager_id) ?? null)),
    primary_contact_name: r.primary_contact_name,
    tags: tagRows.filter((t) => t.customer_id === r.customer.id).map(({ id, name, color }) => ({ id, name, color })),
    completeness_score: r.customer.completeness_score,
  }));
  const last = page.at(-1);
  const next_cursor = rows.length > query.limit && last ? encodeCursor({ value: sort.cursorValue({ ...last.customer, rank: last.rank }), id: last.customer.id }) : null;
  return { items, next_cursor };
}
