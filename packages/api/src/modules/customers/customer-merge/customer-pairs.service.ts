import { sql, type SQL } from 'drizzle-orm';
import { rawRows } from '../../../db/raw-rows.ts';
import type { RequestScope } from '../../../platform/request-context.ts';
import { customerDirectory, visibleCustomers } from '../customers/customers.public.ts';

/**
 * Similar (not identical) names are looked for for the most recently created customers, each against the
 * whole tenant: a tenant-wide self-join would probe the trigram index once per customer. The probe names
 * go into a temporary table with its own trigram index and the tenant's names are scanned once against
 * it: ~0.6 s for 500 probes over 100k customers (Postgres 15, 2 cores, loaded), ~1.2 s for 2000.
 * Exact keys (credit code, name, domain) cover the whole tenant through their btree indexes.
 */
export const SIMILAR_NAME_WINDOW = 500;
/** Trigram similarity of normalised names from which a pair is suggested. */
export const SIMILAR_NAME_THRESHOLD = 0.6;
/**
 * A key shared by more customers than this is a generic value (a hosting domain, a placeholder name),
 * not evidence that two records are one company.
 */
const MAX_GROUP = 10;

/** One customer of a suggested pair. */
export type PairSide = { id: number; customer_code: string; customer_name: string; completeness_score: number; assigned_manager_id: number | null; created_at: string };
/** A suggested merge with its score and evidence. */
export type DuplicatePair = {
  survivor: PairSide;
  merged: PairSide;
  score: number;
  reasons: ('credit_code' | 'name' | 'website_domain' | 'similar_name')[];
  name_similarity: number | null;
};

type PairRow = {
  a_id: number | string; a_code: string; a_name: string; a_score: number; a_manager: number | string | null; a_created: Date | string;
  b_id: number | string; b_code: string; b_name: string; b_score: number; b_manager: number | string | null; b_created: Date | string;
  reasons: string[] | string; sim: number | null; score: number;
};

/** A key column's values shared by 2..MAX_GROUP customers, found on its (tenant_id, key) index alone. */
const sharedKeys = (tenantId: number, column: SQL) =>
  sql`select ${column} as key from ${customerDirectory} where ${customerDirectory.tenant_id} = ${tenantId} and ${column} is not null group by 1 having count(*) between 2 and ${MAX_GROUP}`;

/** postgres-js parses `text[]`; PGlite may hand back the literal `{a,b}`. */
const parseArray = (value: string[] | string): string[] => (Array.isArray(value) ? value : value.replace(/^\{|\}$/g, '').split(',').filter(Boolean));

/** Raw bigint columns arrive as numbers (PGlite) or strings (postgres-js). */
const sideOf = (id: number | string, code: string, name: string, score: number, manager: number | string | null, created: Date | string): PairSide => ({
  id: Number(id),
  customer_code: code,
  customer_name: name,
  completeness_score: Number(score),
  assigned_manager_id: manager === null ? null : Number(manager),
  created_at: new Date(created).toISOString(),
});

/**
 * Likely duplicate pairs among the active customers the caller may see, best first: same credit code,
 * same normalised name, same website domain, or trigram-similar names. Evidence combines as in the
 * create-time duplicate check (1 − Π(1 − wᵢ)); parent and subsidiary are never suggested as duplicates.
 * @example const pairs = await findDuplicatePairs(scope, 20);
 */
export async function findDuplicatePairs(scope: RequestScope, limit: number): Promise<DuplicatePair[]> {
  const t = scope.tenantId;
  const visible = sql`${visibleCustomers(scope, customerDirectory)} and ${customerDirectory.archived_at} is null`;
  // `%` uses this threshold; transaction-local, so nothing else in the request sees it.
  await scope.tx.execute(sql`select set_config('pg_trgm.similarity_threshold', ${String(SIMILAR_NAME_THRESHOLD)}, true)`);
  await scope.tx.execute(sql`drop table if exists pg_temp.crm_duplicate_probes`);
  await scope.tx.execute(sql`create temp table crm_duplicate_probes (id bigint not null, name text not null) on commit drop`);
  await scope.tx.execute(sql`insert into crm_duplicate_probes
    select ${customerDirectory.id}, ${customerDirectory.name_normalized} from ${customerDirectory}
     where ${visible} order by ${customerDirectory.created_at} desc, ${customerDirectory.id} desc limit ${SIMILAR_NAME_WINDOW}`);
  await scope.tx.execute(sql`create index on crm_duplicate_probes using gin (name gin_trgm_ops)`);
  // Without statistics the planner may scan all customers once per probe instead of the other way round.
  await scope.tx.execute(sql`analyze crm_duplicate_probes`);
  const rows = rawRows<PairRow>(
    await scope.tx.execute(sql`
      with shared_keys as (
        select 'name' as reason, key from (${sharedKeys(t, sql`${customerDirectory.name_normalized}`)}) n
        union all select 'website_domain', key from (${sharedKeys(t, sql`${customerDirectory.website_domain}`)}) d
        union all select 'credit_code', key from (${sharedKeys(t, sql`${customerDirectory.credit_code}`)}) c
      ), keyed as (
        -- One scan of the customers for all three keys, each row probing the (small) set of shared keys.
        select own.reason, own.key, ${customerDirectory.id} as id
          from ${customerDirectory}
         cross join lateral (values ('name', ${customerDirectory.name_normalized}::text), ('website_domain', ${customerDirectory.website_domain}::text),
                                    ('credit_code', ${customerDirectory.credit_code}::text)) as own(reason, key)
         where ${visible} and (own.reason, own.key) in (select reason, key from shared_keys)
      ), exact_pairs as (
        select anchor as a, id as b, reason, null::float8 as sim
          from (select reason, id, min(id) over (partition by reason, key) as anchor from keyed) grouped
         where id <> anchor
      ), similar_pairs as (
        -- Both customers of a pair may be recent and find each other: the distinct keeps one row.
        select distinct least(probe.id, ${customerDirectory.id}) as a, greatest(probe.id, ${customerDirectory.id}) as b, 'similar_name' as reason,
               similarity(${customerDirectory.name_normalized}, probe.name)::float8 as sim
          from ${customerDirectory} join crm_duplicate_probes probe
            on probe.name % ${customerDirectory.name_normalized} and probe.id <> ${customerDirectory.id} and probe.name <> ${customerDirectory.name_normalized}
         where ${visible}
      ), pairs as (
        select a, b, array_agg(distinct reason) as reasons, max(sim) as sim,
               1 - exp(sum(ln(1 - case reason when 'credit_code' then 0.99 when 'name' then 0.95
                                              when 'website_domain' then 0.7 else sim * 0.9 end))) as score
          from (select * from exact_pairs union all select * from similar_pairs) evidence
         group by a, b
      )
      select ca.id as a_id, ca.customer_code as a_code, ca.customer_name as a_name, ca.completeness_score::int as a_score,
             ca.assigned_manager_id as a_manager, ca.created_at as a_created,
             cb.id as b_id, cb.customer_code as b_code, cb.customer_name as b_name, cb.completeness_score::int as b_score,
             cb.assigned_manager_id as b_manager, cb.created_at as b_created,
             pairs.reasons, pairs.sim, pairs.score::float8 as score
        from pairs
        join ${customerDirectory} ca on ca.tenant_id = ${t} and ca.id = pairs.a
        join ${customerDirectory} cb on cb.tenant_id = ${t} and cb.id = pairs.b
       where ca.parent_customer_id is distinct from cb.id and cb.parent_customer_id is distinct from ca.id
       order by pairs.score desc, pairs.a, pairs.b
       limit ${limit}`),
  );
  return rows.map((row) => {
    const a = sideOf(row.a_id, row.a_code, row.a_name, row.a_score, row.a_manager, row.a_created);
    const b = sideOf(row.b_id, row.b_code, row.b_name, row.b_score, row.b_manager, row.b_created);
    // The more complete record survives; on a tie the older one (a has the lower id).
    const [survivor, merged] = b.completeness_score > a.completeness_score ? [b, a] : [a, b];
    return {
      survivor,
      merged,
      score: Math.round(Number(row.score) * 100) / 100,
      reasons: parseArray(row.reasons) as DuplicatePair['reasons'],
      name_similarity: row.sim === null ? null : Math.round(Number(row.sim) * 100) / 100,
    };
  });
}
