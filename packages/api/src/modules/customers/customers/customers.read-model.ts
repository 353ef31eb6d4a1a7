import { pgView } from 'drizzle-orm/pg-core';
import { customers } from './customers.schema.ts';

/**
 * The read model other modules join on: a customer's identity, classification, manager, group parent,
 * completeness and archive state, as the view `customer_directory`. Read only (`crm_app` may only select
 * it); row-level security of `customers` applies through it (`security_invoker`). Writes go through the
 * customers services.
 * @example tx.select({ name: customerDirectory.customer_name }).from(customerDirectory).where(eq(customerDirectory.id, id))
 */
export const customerDirectory = pgView('customer_directory')
  .with({ securityInvoker: true })
  .as((qb) =>
    qb
      .select({
        tenant_id: customers.tenant_id,
        id: customers.id,
        customer_code: customers.customer_code,
        customer_name: customers.customer_name,
        customer_type: customers.customer_type,
        industry: customers.industry,
        scale: customers.scale,
        region: customers.region,
        status: customers.status,
        level: customers.level,
        source: customers.source,
        assigned_manager_id: customers.assigned_manager_id,
        credit_code: customers.credit_code,
        parent_customer_id: customers.parent_customer_id,
        name_normalized: customers.name_normalized,
        website_domain: customers.website_domain,
        completeness_score: customers.completeness_score,
        completeness_missing: customers.completeness_missing,
        archived_at: customers.archived_at,
        version: customers.version,
        created_at: customers.created_at,
        updated_at: customers.updated_at,
      })
      .from(customers),
  );
