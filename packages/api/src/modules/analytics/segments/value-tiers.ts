/**
 * # Value tiers (RFM)
 *
 * Every customer of a tenant gets a tier from the non-void invoices issued in the twelve months up to
 * today (Beijing):
 * - R (recency): days since the last such invoice, F (frequency): how many, M (monetary): their sum;
 * - each scored 1–5 by quintile (`ntile(5)`) among the tenant's customers that have invoices — 5 is the
 *   most recent, most frequent, largest; a customer without invoices scores 1/1/1;
 * - tiers, first match wins: champion (R≥4, F≥4, M≥4), loyal (F≥4), big_spender (M≥5),
 *   at_risk (R≤2, F≥3), hibernating (R≤2, F≤2), potential (the rest).
 * One set-wise `insert … select … on conflict do update` per tenant: no row-by-row work; the run is audited
 * with its counts per tier.
 */
import { sql } from 'drizzle-orm';
import { rawRows } from '../../../db/raw-rows.ts';
import { audit } from '../../../platform/audit.ts';
import { addMonths, businessDate } from '../../../platform/time/calendar-date.ts';
import type { RequestScope } from '../../../platform/request-context.ts';
import { VALUE_TIERS } from './segment-rules.ts';
import { customerDirectory } from '../../customers/customers/customers.public.ts';
import { invoiceTotalsSql } from '../../integrations/finance/finance.public.ts';

/**
 * Recomputes the value tier of every customer of the scope's tenant at `now`.
 * @returns how many customers, and how many fell in each tier
 * @example const { customers, tiers } = await recomputeValueTiers(scope, new Date()); // tiers.champion …
 */
export async function recomputeValueTiers(scope: RequestScope, now: Date): Promise<{ customers: number; tiers: Record<string, number> }> {
  const today = businessDate(now);
  const rows = rawRows<{ tier: string }>(
    await scope.tx.execute(sql`
      insert into customer_value_tiers (tenant_id, customer_id, recency_days, frequency, monetary, r_score, f_score, m_score, tier, computed_at)
      select tenant_id, customer_id, recency_days, frequency, monetary, r, f, m,
        case
          when r >= 4 and f >= 4 and m >= 4 then 'champion'
          when f >= 4 then 'loyal'
          when m >= 5 then 'big_spender'
          when r <= 2 and f >= 3 then 'at_risk'
          when r <= 2 and f <= 2 then 'hibernating'
          else 'potential'
        end,
        ${now.toISOString()}::timestamptz
      from (
        select s.*,
          case when s.frequency = 0 then 1 else ntile(5) over (partition by s.frequency > 0 order by s.recency_days desc, s.customer_id) end as r,
          case when s.frequency = 0 then 1 else ntile(5) over (partition by s.frequency > 0 order by s.frequency, s.customer_id) end as f,
          case when s.frequency = 0 then 1 else ntile(5) over (partition by s.frequency > 0 order by s.monetary, s.customer_id) end as m
        from (
          select c.tenant_id, c.id as customer_id, ${today}::date - i.last_issued_on as recency_days, coalesce(i.invoice_count, 0) as frequency, coalesce(i.amount, 0) as monetary
          from ${customerDirectory} c
          left join ${invoiceTotalsSql(scope, addMonths(today, -12), today)} i on i.customer_id = c.id
          where c.tenant_id = ${scope.tenantId}
        ) s
      ) scored
      on conflict (tenant_id, customer_id) do update set
        recency_days = excluded.recency_days, frequency = excluded.frequency, monetary = excluded.monetary,
        r_score = excluded.r_score, f_score = excluded.f_score, m_score = excluded.m_score, tier = excluded.tier, computed_at = excluded.computed_at
      returning tier`),
  );
  const tiers = Object.fromEntries(VALUE_TIERS.map((t) => [t, 0])) as Record<string, number>;
  for (const row of rows) tiers[row.tier] = (tiers[row.tier] ?? 0) + 1;
  await audit(scope, { action: 'value_tiers.recomputed', entity_type: 'tenant', entity_id: scope.tenantId, after: { day: today, customers: rows.length, tiers } });
  return { customers: rows.length, tiers };
}
