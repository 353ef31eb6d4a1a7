import { sql } from 'drizzle-orm';
import { rawRows } from '../../../db/raw-rows.ts';
import { businessDate, daysBetween } from '../../../platform/time/calendar-date.ts';
import type { RequestScope } from '../../../platform/request-context.ts';
import { idArray } from '../../../db/id-array.ts';

/** What the health score reads of a customer's contracts. */
export type ContractHealthInputs = {
  /** Days from today (business date) to the end of the contract in force that ends last; null without one. */
  days_to_contract_end: number | null;
  /** Amendments (terms versions after the first) taking effect in the last 12 months. */
  amendments_12m: number;
  /** Days since the first contract that ever came into force started; null without one. */
  tenure_days: number | null;
};

// States a contract reaches only after it came into force: they count for tenure.
const EVER_IN_FORCE = sql`('active', 'expiring', 'renewed', 'expired', 'terminated')`;

/**
 * Contract inputs of many customers in one statement. "In force" is `active`/`expiring` with today inside
 * its period. Every id asked for gets an entry.
 * @example (await contractHealthInputs(scope, [7], new Date())).get(7) // { days_to_contract_end: 45, amendments_12m: 1, tenure_days: 800 }
 */
export async function contractHealthInputs(scope: RequestScope, customerIds: readonly number[], asOf: Date): Promise<Map<number, ContractHealthInputs>> {
  const result = new Map<number, ContractHealthInputs>();
  for (const id of customerIds) result.set(id, { days_to_contract_end: null, amendments_12m: 0, tenure_days: null });
  if (customerIds.length === 0) return result;
  const today = businessDate(asOf);
  const rows = rawRows<{ customer_id: unknown; end_date: string | null; first_start: string | null; amendments: unknown }>(
    await scope.tx.execute(sql`
      select c.customer_id,
        max(c.end_date) filter (where c.state in ('active', 'expiring') and c.start_date <= ${today}::date and c.end_date >= ${today}::date)::text as end_date,
        min(c.start_date) filter (where c.state in ${EVER_IN_FORCE} and c.start_date <= ${today}::date)::text as first_start,
        coalesce(sum(a.n), 0) as amendments
      from contracts c
      left join lateral (select count(*) as n from contract_terms t
          where t.tenant_id = c.tenant_id and t.contract_id = c.id and t.terms_version > 1
            and t.effective_from > (${today}::date - interval '12 months') and t.effective_from <= ${today}::date) a on true
      where c.tenant_id = ${scope.tenantId} and c.customer_id = any(${idArray(customerIds)})
      group by c.customer_id`),
  );
  for (const row of rows) {
    result.set(Number(row.customer_id), {
      days_to_contract_end: row.end_date ? daysBetween(today, row.end_date.slice(0, 10)) : null,
      amendments_12m: Number(row.amendments),
      tenure_days: row.first_start ? daysBetween(row.first_start.slice(0, 10), today) : null,
    });
  }
  return result;
}
