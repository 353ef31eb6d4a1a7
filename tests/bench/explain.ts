import type { Sql } from 'postgres';

/** The list query's shape as the API sends it (captured with `log_statement = all`), for a WHERE and ORDER BY. */
const listSql = (tenantId: number, where: string, order: string) => `
  select c.*,
    (select cc.contact_name from customer_contacts cc
      where cc.tenant_id = c.tenant_id and cc.customer_id = c.id and cc.is_primary limit 1)
  from customers c
  where c.tenant_id = ${tenantId} and c.archived_at is null and ${where}
  order by ${order} limit 21`;

const NEWEST = 'c.created_at desc, c.id desc';
/** 1–2 characters: a substring filter, newest first (no trigram exists to rank by). */
const shortSearch = (q: string) => `c.customer_name ilike '%${q}%'`;
/** 3+ characters: substring or trigram-similar, ranked by similarity. */
const longSearch = (q: string) => `(c.customer_name ilike '%${q}%' or c.customer_name % '${q}')`;
const bySimilarity = (q: string) => `similarity(c.customer_name, '${q}')::float8 desc, c.id desc`;

/**
 * EXPLAIN (ANALYZE, BUFFERS) of the list and search queries inside a tenant transaction under the app
 * role, exactly as requests run them — row-level security changes which indexes may be used.
 */
export async function explainListQueries(sql: Sql, tenantId: number): Promise<{ label: string; plan: string }[]> {
  const queries = [
    { label: 'search q=科技 (2 characters, ~12% of rows match; newest first)', text: listSql(tenantId, shortSearch('科技'), NEWEST) },
    { label: 'search q=云启科技 (4 characters; ranked by similarity)', text: listSql(tenantId, longSearch('云启科技'), bySimilarity('云启科技')) },
    { label: 'filter status=2&level=3 (newest first)', text: listSql(tenantId, 'c.status in (2) and c.level in (3)', NEWEST) },
  ];
  const plans: { label: string; plan: string }[] = [];
  for (const q of queries) {
    const lines = await sql.begin(async (tx) => {
      await tx`select set_config('app.tenant_id', ${String(tenantId)}, true), set_config('role', 'crm_app', true)`;
      return tx.unsafe<{ 'QUERY PLAN': string }[]>(`explain (analyze, buffers, costs off) ${q.text}`);
    });
    plans.push({ label: q.label, plan: lines.map((l) => l['QUERY PLAN']).join('\n') });
  }
  return plans;
}
