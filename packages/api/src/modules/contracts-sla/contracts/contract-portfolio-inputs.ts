import { sql, type SQL } from 'drizzle-orm';
import { rawRows } from '../../../db/raw-rows.ts';
import type { RequestScope } from '../../../platform/request-context.ts';
import { customerDirectory, visibleCustomers } from '../../customers/customers/customers.public.ts';
import { dateArray, keyArray, periodKeySql, type PortfolioBuckets, type Segment, segmentSql } from '../../analytics/portfolio-analytics/portfolio-analytics.public.ts';

/** Customer counts of one period and segment, from the contracts in force. */
export type ContractPortfolioInputs = {
  period: string;
  segment: string | null;
  /** Customers with a contract in force on the first day of the period. */
  in_force_at_start: number;
  /** Of those, still with one on the last day. */
  retained: number;
  /** Of those, without one on the last day and without a successor of the contracts they had (lost). */
  churned: number;
  /** Customers with a contract in force on any day of the period. */
  active: number;
  /** Of those in force at the start, customers with an expansion contract starting in the period. */
  expanded: number;
};

/** Contracts ending in one period and segment, and how many got a renewal. */
export type RenewalPortfolioInputs = { period: string; segment: string | null; ending: number; renewed: number };

// States a contract reaches only once it came into force; its dates then say when it was in force.
const EVER_IN_FORCE = sql`('active', 'expiring', 'renewed', 'expired', 'terminated')`;
// A successor counts once it is more than a draft: submitted, approved or beyond.
const SUCCESSOR = sql`('pending_approval', 'active', 'expiring', 'renewed', 'expired', 'terminated')`;

const segmentOf = (value: unknown) => (value === null ? null : String(value));

/**
 * The customers the caller may see, from the read model.
 */
const visibleUnderCustomers = (scope: RequestScope) => scope.tx.select().from(customerDirectory).where(visibleCustomers(scope, customerDirectory)).as('visible_customers');

/**
 * Retention, churn, active and expansion counts per period and segment in one grouped statement: the
 * contracts overlapping the report join its periods, fold to one row per period and customer, then count.
 * A contract is in force from `start_date` to `terminated_on` (when terminated early) or `end_date`.
 * @example await contractPortfolioInputs(scope, buckets, 'none') // [{ period: '2026-03', segment: null, in_force_at_start: 80, retained: 78, churned: 1, … }]
 */
export async function contractPortfolioInputs(scope: RequestScope, buckets: PortfolioBuckets, segment: Segment): Promise<ContractPortfolioInputs[]> {
  const count = buckets.keys.length;
  const step = buckets.granularity === 'month' ? 1 : 3;
  const [year, month] = buckets.starts[0]!.split('-').map(Number) as [number, number];
  const base = year * 12 + month - 1;
  const first = buckets.starts[0]!, last = buckets.ends[count - 1]!;
  const starts = dateArray(buckets.starts), ends = dateArray(buckets.ends);
  // The period index of a date: whole months since the first period, divided by the period length.
  const indexOf = (day: SQL) => sql`((extract(year from ${day})::int * 12 + extract(month from ${day})::int - 1 - ${base}) / ${step})`;
  const visible = visibleUnderCustomers(scope);
  const rows = rawRows<Record<keyof ContractPortfolioInputs, unknown>>(
    await scope.tx.execute(sql`
      with successors as (
        select distinct predecessor_id from contracts
         where tenant_id = ${scope.tenantId} and predecessor_id is not null and state in ${SUCCESSOR}
      ), spans as (
        select c.customer_id, c.kind, c.start_date, least(c.terminated_on, c.end_date) as last_day, s.predecessor_id is not null as has_successor
          from contracts c left join successors s on s.predecessor_id = c.id
         where c.tenant_id = ${scope.tenantId} and c.state in ${EVER_IN_FORCE}
           and c.start_date <= ${last}::date and least(c.terminated_on, c.end_date) >= ${first}::date
      ), per_customer as (
        -- Each contract expands to the periods it overlaps (an integer series, no range join), folded per customer.
        select i, s.customer_id,
               bool_or(s.start_date <= (${starts})[i + 1] and s.last_day >= (${starts})[i + 1]) as at_start,
               bool_or(s.start_date <= (${ends})[i + 1] and s.last_day >= (${ends})[i + 1]) as at_end,
               bool_or(s.start_date <= (${starts})[i + 1] and s.last_day >= (${starts})[i + 1] and s.has_successor) as succeeded,
               bool_or(s.kind = 'expansion' and s.start_date >= (${starts})[i + 1]) as expanded
          from spans s cross join lateral generate_series(greatest(0, ${indexOf(sql`s.start_date`)}), least(${count - 1}, ${indexOf(sql`s.last_day`)})) as i
         group by i, s.customer_id
      )
      select (${keyArray(buckets.keys)})[pc.i + 1] as period, ${segmentSql(segment, visible)} as segment,
             (count(*) filter (where at_start))::int as in_force_at_start,
             (count(*) filter (where at_start and at_end))::int as retained,
             (count(*) filter (where at_start and not at_end and not succeeded))::int as churned,
             count(*)::int as active,
             (count(*) filter (where at_start and expanded))::int as expanded
        from per_customer pc
        join ${visible} on ${visible.id} = pc.customer_id
       group by pc.i, 2`),
  );
  return rows.map((row) => ({
    period: String(row.period),
    segment: segmentOf(row.segment),
    in_force_at_start: Number(row.in_force_at_start),
    retained: Number(row.retained),
    churned: Number(row.churned),
    active: Number(row.active),
    expanded: Number(row.expanded),
  }));
}

/**
 * Contracts whose term ends in each period (early termination ends it on `terminated_on`) and how many of
 * them have a renewal (a successor past draft), per segment, in one grouped statement.
 * @example await renewalPortfolioInputs(scope, buckets, 'level') // [{ period: '2026-Q1', segment: '2', ending: 10, renewed: 9 }]
 */
export async function renewalPortfolioInputs(scope: RequestScope, buckets: PortfolioBuckets, segment: Segment): Promise<RenewalPortfolioInputs[]> {
  const visible = visibleUnderCustomers(scope);
  const rows = rawRows<Record<keyof RenewalPortfolioInputs, unknown>>(
    await scope.tx.execute(sql`
      select ${periodKeySql(buckets.granularity, sql`e.last_day`)} as period, ${segmentSql(segment, visible)} as segment,
             count(*)::int as ending, (count(*) filter (where e.renewed))::int as renewed
        from (select c.customer_id, coalesce(least(c.terminated_on, c.end_date), c.end_date) as last_day,
                     exists (select 1 from contracts s where s.tenant_id = c.tenant_id and s.predecessor_id = c.id and s.state in ${SUCCESSOR}) as renewed
                from contracts c
               where c.tenant_id = ${scope.tenantId} and c.state in ${EVER_IN_FORCE}) e
        join ${visible} on ${visible.id} = e.customer_id
       where e.last_day between ${buckets.starts[0]!}::date and ${buckets.ends[buckets.ends.length - 1]!}::date
       group by 1, 2`),
  );
  return rows.map((row) => ({ period: String(row.period), segment: segmentOf(row.segment), ending: Number(row.ending), renewed: Number(row.renewed) }));
}
