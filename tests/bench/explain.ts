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

/**
 * The effective-SLA binding lookup as effective-sla.service.ts sends it (drizzle's SQL, aliased), for one
 * customer and instant. The ids are cast to bigint as the API's parameters are: btree_gist's opclasses
 * are not cross-type, so an int4 literal (`customer_id = 4242`) keeps the gist index out and scans the table.
 */
const bindingLookupSql = (tenantId: number, customerId: number, at: string) => `
  select b.*, c.id, c.contract_no, c.kind, c.state, c.start_date, c.end_date
  from contract_sla_bindings b
  inner join contracts c on c.tenant_id = b.tenant_id and c.id = b.contract_id
  where b.tenant_id = ${tenantId}::bigint and b.customer_id = ${customerId}::bigint and b.effective @> '${at}'::timestamptz
  order by b.tier_rank desc, c.start_date desc, c.id desc limit 1`;

/**
 * EXPLAIN (ANALYZE, BUFFERS) of the effective-SLA binding lookup under the app role: for a customer with
 * two contracts in force at once (a contract and its expansion) and for one with none (the baseline path).
 */
export async function explainEffectiveSla(sql: Sql, tenantId: number): Promise<{ label: string; plan: string }[]> {
  const at = new Date(Date.now() - 180 * 86_400_000).toISOString();
  const [two] = await sql<{ id: number }[]>`
    select customer_id::int as id from contract_sla_bindings
    where tenant_id = ${tenantId} and effective @> ${at}::timestamptz group by customer_id having count(*) >= 2 limit 1`;
  const [none] = await sql<{ id: number }[]>`
    select c.id::int from customers c where c.tenant_id = ${tenantId}
      and not exists (select 1 from contract_sla_bindings b where b.tenant_id = c.tenant_id and b.customer_id = c.id and b.effective @> ${at}::timestamptz)
    order by c.id desc limit 1`;
  const queries = [
    { label: 'effective SLA binding lookup: customer with 2 contracts in force (contract and expansion)', customer: two?.id ?? 0 },
    { label: 'effective SLA binding lookup: customer with no contract in force (baseline path)', customer: none?.id ?? 0 },
  ];
  const plans: { label: string; plan: string }[] = [];
  for (const q of queries) {
    const lines = await sql.begin(async (tx) => {
      await tx`select set_config('app.tenant_id', ${String(tenantId)}, true), set_config('role', 'crm_app', true)`;
      return tx.unsafe<{ 'QUERY PLAN': string }[]>(`explain (analyze, buffers, costs off) ${bindingLookupSql(tenantId, q.customer, at)}`);
    });
    plans.push({ label: q.label, plan: [`-- customer ${q.customer}, at ${at}`, ...lines.map((l) => l['QUERY PLAN'])].join('\n') });
  }
  return plans;
}

/** The share of random (customer, instant of the last two years) pairs that have a binding in force, as the bench asks. */
export async function bindingHitShare(sql: Sql, tenantId: number, samples = 20_000): Promise<number> {
  const [row] = await sql<{ share: number }[]>`
    select avg((exists (
      select 1 from contract_sla_bindings b
      where b.tenant_id = ${tenantId} and b.customer_id = p.customer_id and b.effective @> p.at))::int)::float8 as share
    from (select 1 + floor(random() * (select count(*) from customers where tenant_id = ${tenantId}))::bigint as customer_id,
                 now() - random() * interval '730 days' as at
          from generate_series(1, ${samples})) p`;
  return row!.share;
}
