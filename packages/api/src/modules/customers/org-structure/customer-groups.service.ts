import { and, asc, eq, isNull, or, sql } from 'drizzle-orm';
import { ApiError } from '../../../platform/errors.ts';
import type { RequestScope } from '../../../platform/request-context.ts';
import { users } from '../../../platform/identity/users.schema.ts';
import { contactDirectory } from '../contacts/contacts.public.ts';
import { customerDirectory, type CustomerRow, findVisibleCustomer, updateCustomer, visibleCustomers } from '../customers/customers.public.ts';
import { rollUpGroup } from './customer-group-rollup.ts';
import type { CustomerGroup, CustomerGroupMember } from './customer-groups.contract.ts';

/**
 * The group a customer belongs to: its parent company, its subsidiaries and totals over the whole group.
 * Only customers the caller may see are listed or counted, so a portal user or an account manager limited
 * to assigned customers learns nothing about the rest of the group.
 */
export async function customerGroupOf(scope: RequestScope, customerId: number): Promise<CustomerGroup> {
  const self = await findVisibleCustomer(scope, customerId);
  const rootId = self.parent_customer_id ?? self.id;
  const rows = await scope.tx
    .select({
      customer: {
        id: customerDirectory.id,
        customer_code: customerDirectory.customer_code,
        customer_name: customerDirectory.customer_name,
        customer_type: customerDirectory.customer_type,
        industry: customerDirectory.industry,
        region: customerDirectory.region,
        status: customerDirectory.status,
        level: customerDirectory.level,
        parent_customer_id: customerDirectory.parent_customer_id,
        assigned_manager_id: customerDirectory.assigned_manager_id,
        completeness_score: customerDirectory.completeness_score,
        archived_at: customerDirectory.archived_at,
      },
      manager_name: users.display_name,
      contact_count: sql<number>`(select count(*) from ${contactDirectory}
        where ${contactDirectory.tenant_id} = ${customerDirectory.tenant_id} and ${contactDirectory.customer_id} = ${customerDirectory.id})::int`,
    })
    .from(customerDirectory)
    .leftJoin(users, and(eq(users.tenant_id, customerDirectory.tenant_id), eq(users.id, customerDirectory.assigned_manager_id)))
    .where(
      and(
        visibleCustomers(scope, customerDirectory),
        or(
          eq(customerDirectory.id, rootId),
          eq(customerDirectory.id, self.id),
          and(eq(customerDirectory.parent_customer_id, rootId), isNull(customerDirectory.archived_at)),
        ),
      ),
    )
    .orderBy(asc(customerDirectory.customer_name), asc(customerDirectory.id));
  const members: CustomerGroupMember[] = rows.map(({ customer: c, manager_name, contact_count }) => ({
    id: c.id,
    customer_code: c.customer_code,
    customer_name: c.customer_name,
    customer_type: c.customer_type,
    industry: c.industry,
    region: c.region,
    status: c.status,
    level: c.level,
    parent_customer_id: c.parent_customer_id,
    assigned_manager_id: c.assigned_manager_id,
    assigned_manager_name: manager_name,
    completeness_score: c.completeness_score,
    contact_count: Number(contact_count),
    archived_at: c.archived_at?.toISOString() ?? null,
  }));
  const children = members.filter((m) => m.parent_customer_id === self.id);
  return {
    customer_id: self.id,
    role: self.parent_customer_id !== null ? 'subsidiary' : children.length > 0 ? 'parent' : 'standalone',
    group_root_id: rootId,
    parent: members.find((m) => m.id === self.parent_customer_id) ?? null,
    children,
    rollup: rollUpGroup(rootId, members),
  };
}

/** The customer whose group changes, at the version the caller read (`null` = any). */
async function customerForGroupChange(scope: RequestScope, customerId: number, expected: number | null): Promise<CustomerRow> {
  const self = await findVisibleCustomer(scope, customerId);
  if (self.archived_at) throw new ApiError('customer.archived', { id: customerId });
  if (expected !== null && self.version !== expected) throw new ApiError('precondition.failed', { current_version: self.version });
  return self;
}

/**
 * Makes a customer a subsidiary of `parentId`. Goes through `updateCustomer`, which checks the parent,
 * bumps the version and audits; here we add what keeps groups two levels deep from below: a customer
 * that has subsidiaries of its own cannot become one.
 */
export async function attachToParent(scope: RequestScope, customerId: number, expected: number | null, parentId: number): Promise<CustomerRow> {
  const self = await customerForGroupChange(scope, customerId, expected);
  if (self.parent_customer_id === parentId) return self;
  // The parent must be one the caller may see: attaching to a hidden customer would reveal that it exists.
  const [parent] = await scope.tx
    .select({ id: customerDirectory.id })
    .from(customerDirectory)
    .where(and(visibleCustomers(scope, customerDirectory), eq(customerDirectory.id, parentId)));
  if (!parent) throw new ApiError('customer.parent_invalid', { parent_customer_id: parentId });
  const [subsidiary] = await scope.tx
    .select({ id: customerDirectory.id })
    .from(customerDirectory)
    .where(and(eq(customerDirectory.tenant_id, scope.tenantId), eq(customerDirectory.parent_customer_id, customerId)))
    .limit(1);
  if (subsidiary) throw new ApiError('customer.parent_invalid', { reason: 'customer has subsidiaries of its own' });
  return updateCustomer(scope, customerId, self.version, { parent_customer_id: parentId }, { force: true });
}

/** Makes a subsidiary standalone again; a customer without a parent is left as it is. */
export async function detachFromParent(scope: RequestScope, customerId: number, expected: number | null): Promise<CustomerRow> {
  const self = await customerForGroupChange(scope, customerId, expected);
  if (self.parent_customer_id === null) return self;
  return updateCustomer(scope, customerId, self.version, { parent_customer_id: null }, { force: true });
}
