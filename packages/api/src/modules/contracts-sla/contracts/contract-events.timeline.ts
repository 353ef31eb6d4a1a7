import { and, desc, eq, ilike, inArray, or } from 'drizzle-orm';
import type { RequestScope } from '../../../platform/request-context.ts';
import { excerpt, instantKey, type KeyedTimelineEntry, likeWords, localIso, type TimelineWindow, windowConditions } from '../../customers/customer-timeline/customer-timeline.public.ts';
import type { ContractEvent } from './contract-lifecycle.ts';
import { contracts, contractTransitions } from './contracts.schema.ts';

/**
 * The events a customer's own staff see: what changes the contract in force. Drafting and internal approval
 * (submit, reject, cancel) stay with the vendor.
 */
export const PORTAL_CONTRACT_EVENTS: readonly ContractEvent[] = ['approve', 'enter_notice_window', 'renew', 'expire', 'terminate', 'amend'];

/**
 * The lifecycle events of a customer's contracts as timeline entries, newest first, at most `window.limit`.
 * The contract's number and title come along; `q` matches either.
 * @example await contractEventTimeline(scope, 12, { limit: 21, audience: 'staff' })
 */
export async function contractEventTimeline(scope: RequestScope, customerId: number, window: TimelineWindow): Promise<KeyedTimelineEntry[]> {
  const t = contractTransitions;
  const where = [
    eq(t.tenant_id, scope.tenantId),
    eq(contracts.tenant_id, scope.tenantId),
    eq(contracts.customer_id, customerId),
    ...windowConditions(t.at, t.id, 'contract_event', window),
  ];
  if (window.q) where.push(or(ilike(contracts.title, likeWords(window.q)), ilike(contracts.contract_no, likeWords(window.q)))!);
  if (window.audience === 'portal') where.push(inArray(t.event, [...PORTAL_CONTRACT_EVENTS]));
  const rows = await scope.tx
    .select({
      id: t.id,
      at: t.at,
      key: instantKey(t.at),
      event: t.event,
      from_state: t.from_state,
      to_state: t.to_state,
      reason: t.reason,
      contract_id: contracts.id,
      contract_no: contracts.contract_no,
      title: contracts.title,
    })
    .from(t)
    .innerJoin(contracts, and(eq(contracts.tenant_id, t.tenant_id), eq(contracts.id, t.contract_id)))
    .where(and(...where))
    .orderBy(desc(t.at), desc(t.id))
    .limit(window.limit);
  return rows.map((row) => ({
    key: { at: row.key, type: 'contract_event', id: row.id },
    entry: {
      type: 'contract_event',
      id: row.id,
      at: localIso(row.at),
      title: row.title,
      summary: excerpt(row.reason),
      status: row.to_state,
      marks: {},
      detail: { contract_id: row.contract_id, contract_no: row.contract_no, event: row.event, from_state: row.from_state, to_state: row.to_state },
    },
  }));
}
