import { and, asc, eq, gte, inArray, lte, notInArray } from 'drizzle-orm';
import { addDays, businessDate } from '../../../platform/time/calendar-date.ts';
import { ApiError } from '../../../platform/errors.ts';
import './contracts.errors.ts';
import type { RequestScope } from '../../../platform/request-context.ts';
import { stillFitting } from '../../../platform/staff-users.ts';
import { customerDirectory, visibleCustomers } from '../../customers/customers/customers.public.ts';
import { daysToEnd, RENEWAL_BUCKETS, renewalBucket, successorDraft } from './contract-dates.ts';
import { allowedEvents } from './contract-lifecycle.ts';
import { contractValue, sumMoney } from './contract-value.ts';
import type { RenewalRequest } from './contract-renewals.contract.ts';
import { termsOf, termsVersionsOf } from './contract-terms.service.ts';
import type { Contract } from './contracts.contract.ts';
import { contracts } from './contracts.schema.ts';
import { createContract, findVisibleContract, lifecycleOf, toContract } from './contracts.service.ts';

/** States of a successor that no longer count as a renewal in progress. */
const ABANDONED = ['rejected', 'cancelled'] as const;

/**
 * Drafts the renewal of a running contract: pre-filled from it (period after it, same length, same terms)
 * and linked to it; the body replaces copied fields. One renewal in progress per contract.
 * @example const successor = await createRenewal(scope, 7, { signing_date: '2026-11-20' });
 */
export async function createRenewal(scope: RequestScope, id: number, input: RenewalRequest, now = new Date()): Promise<Contract> {
  const visible = await findVisibleContract(scope, id);
  // Lock the predecessor: two concurrent renewals of one contract must not both pass the check below.
  const [row] = await scope.tx.select().from(contracts).where(and(eq(contracts.tenant_id, scope.tenantId), eq(contracts.id, visible.id))).for('update');
  if (row!.state !== 'active' && row!.state !== 'expiring') {
    throw new ApiError('contract.illegal_transition', { state: row!.state, event: 'renew', allowed: allowedEvents(lifecycleOf(row!, await termsVersionsOf(scope, id)), now) });
  }
  const [existing] = await scope.tx
    .select({ id: contracts.id, contract_no: contracts.contract_no })
    .from(contracts)
    .where(and(eq(contracts.tenant_id, scope.tenantId), eq(contracts.predecessor_id, id), notInArray(contracts.state, [...ABANDONED])));
  if (existing) throw new ApiError('contract.renewal_exists', { successor_id: existing.id, contract_no: existing.contract_no });

  const draft = successorDraft({ ...row!, terms: termsOf(row!) });
  // The renewal stays with the predecessor's owner while they may still work customers, else with whoever drafts it.
  const owner = await stillFitting(scope, { field: 'owner_id', id: draft.owner_id, permission: 'customer:write' });
  const endDate = input.end_date ?? draft.end_date;
  if (endDate < draft.start_date) {
    throw new ApiError('request.invalid', { issues: [{ path: 'end_date', message: `end_date must not be before the renewal start ${draft.start_date}` }] });
  }
  return createContract(scope, row!.customer_id, {
    title: input.title ?? draft.title,
    kind: 'renewal',
    predecessor_id: id,
    start_date: draft.start_date,
    end_date: endDate,
    signing_date: input.signing_date ?? null,
    customer_signatory_id: input.customer_signatory_id ?? null,
    staff_signatory_id: input.staff_signatory_id ?? null,
    owner_id: owner,
    auto_renew: input.auto_renew ?? draft.auto_renew,
    notice_period_days: input.notice_period_days ?? draft.notice_period_days,
    amount: input.amount ?? draft.terms.amount,
    currency: draft.terms.currency,
    billing_cycle: draft.terms.billing_cycle,
    covered_services: input.covered_services ?? draft.terms.covered_services,
    attachments: [],
    sla_tier_code: input.sla_tier_code === undefined ? draft.terms.sla_tier_code : input.sla_tier_code,
  });
}

/**
 * The renewals view: running contracts ending within `within` days, soonest first, with annual value and
 * the renewal drafted so far, and per window (30/60/90, cumulative) the count and the value at stake.
 * @example const view = await listRenewals(scope, 90, 'all');
 */
export async function listRenewals(scope: RequestScope, within: number, owner: 'me' | 'all', now = new Date()) {
  const today = businessDate(now);
  const rows = await scope.tx
    .select({ contract: contracts, customer_name: customerDirectory.customer_name })
    .from(contracts)
    .innerJoin(customerDirectory, and(eq(customerDirectory.tenant_id, contracts.tenant_id), eq(customerDirectory.id, contracts.customer_id)))
    .where(
      and(
        eq(contracts.tenant_id, scope.tenantId),
        inArray(contracts.state, ['active', 'expiring']),
        gte(contracts.end_date, today),
        lte(contracts.end_date, addDays(today, within)),
        visibleCustomers(scope, customerDirectory),
        owner === 'me' ? eq(contracts.owner_id, scope.principal.userId ?? -1) : undefined,
      ),
    )
    .orderBy(asc(contracts.end_date), asc(contracts.id));
  const ids = rows.map((r) => r.contract.id);
  const successors =
    ids.length === 0
      ? []
      : await scope.tx
          .select({ id: contracts.id, contract_no: contracts.contract_no, state: contracts.state, predecessor_id: contracts.predecessor_id })
          .from(contracts)
          .where(and(eq(contracts.tenant_id, scope.tenantId), inArray(contracts.predecessor_id, ids), notInArray(contracts.state, [...ABANDONED])));
  const items = rows.map(({ contract, customer_name }) => {
    const successor = successors.find((s) => s.predecessor_id === contract.id);
    return {
      contract: toContract(contract),
      customer_name,
      days_to_end: daysToEnd(contract, now),
      bucket: renewalBucket(contract, now)!,
      annual_value: contractValue(contract).annual,
      successor: successor ? { id: successor.id, contract_no: successor.contract_no, state: successor.state } : null,
    };
  });
  const buckets = RENEWAL_BUCKETS.filter((b) => b <= within).map((windowDays) => {
    const inWindow = items.filter((item) => item.days_to_end <= windowDays);
    return {
      within_days: windowDays,
      count: inWindow.length,
      annual_value: sumMoney(inWindow.map((item) => item.annual_value)),
      unrenewed_count: inWindow.filter((item) => item.successor === null).length,
    };
  });
  return { buckets, items };
}
