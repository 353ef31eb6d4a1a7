import { pgView } from 'drizzle-orm/pg-core';
import { contracts } from './contracts.schema.ts';

/**
 * The read model other modules join on: a contract's number, customer, kind, state, term, value and
 * covered services, as the view `contract_directory`. Read only; row-level security of `contracts`
 * applies through it. Changes go through the contract services and their state machine.
 * @example tx.select().from(contractDirectory).where(eq(contractDirectory.state, 'active'))
 */
export const contractDirectory = pgView('contract_directory')
  .with({ securityInvoker: true })
  .as((qb) =>
    qb
      .select({
        tenant_id: contracts.tenant_id,
        id: contracts.id,
        contract_no: contracts.contract_no,
        customer_id: contracts.customer_id,
        title: contracts.title,
        kind: contracts.kind,
        state: contracts.state,
        predecessor_id: contracts.predecessor_id,
        start_date: contracts.start_date,
        end_date: contracts.end_date,
        signing_date: contracts.signing_date,
        owner_id: contracts.owner_id,
        auto_renew: contracts.auto_renew,
        notice_period_days: contracts.notice_period_days,
        terminated_on: contracts.terminated_on,
        amount: contracts.amount,
        currency: contracts.currency,
        billing_cycle: contracts.billing_cycle,
        covered_services: contracts.covered_services,
        sla_tier_code: contracts.sla_tier_code,
      })
      .from(contracts),
  );
