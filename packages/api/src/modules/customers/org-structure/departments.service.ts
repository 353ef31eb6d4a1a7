import { and, asc, count, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import { audit } from '../../../platform/audit.ts';
import { ApiError } from '../../../platform/errors.ts';
import './org-structure.errors.ts';
import type { RequestScope } from '../../../platform/request-context.ts';
import { contactDirectory } from '../contacts/contacts.public.ts';
import { findVisibleCustomer } from '../customers/customers.public.ts';
import type { DepartmentCreate, DepartmentNode, DepartmentTree, DepartmentUpdate } from './departments.contract.ts';
import { customerDepartments } from './org-structure.schema.ts';
import { createsCycle, nestDepartments, type TreeNode } from './org-tree.ts';

/** A stored department. */
export type DepartmentRow = typeof customerDepartments.$inferSelect;

/** The API view of a department (the `Department` schema). */
export const presentDepartment = (row: DepartmentRow) => ({
  id: row.id,
  customer_id: row.customer_id,
  parent_id: row.parent_id,
  name: row.name,
  sort_order: row.sort_order,
  version: row.version,
});

const ofCustomer = (scope: RequestScope, customerId: number) =>
  and(eq(customerDepartments.tenant_id, scope.tenantId), eq(customerDepartments.customer_id, customerId));

/** All departments of one customer, in display order. */
export function departmentsOf(scope: RequestScope, customerId: number): Promise<DepartmentRow[]> {
  return scope.tx.select().from(customerDepartments).where(ofCustomer(scope, customerId)).orderBy(asc(customerDepartments.sort_order), asc(customerDepartments.id));
}

/** Who sits where and reports to whom, without any contact details: what trees and charts are drawn from. */
export function placementsOf(scope: RequestScope, customerId: number) {
  return scope.tx
    .select({
      id: contactDirectory.id,
      contact_name: contactDirectory.contact_name,
      position: contactDirectory.position,
      department_id: contactDirectory.department_id,
      reports_to_id: contactDirectory.reports_to_id,
      is_primary: contactDirectory.is_primary,
      is_decision_maker: contactDirectory.is_decision_maker,
    })
    .from(contactDirectory)
    .where(and(eq(contactDirectory.tenant_id, scope.tenantId), eq(contactDirectory.customer_id, customerId)))
    .orderBy(sql`${contactDirectory.is_primary} desc`, asc(contactDirectory.id));
}

/** Reporting lines as edges, for drawing. */
export const reportingLinesOf = (placements: { id: number; reports_to_id: number | null }[]) =>
  placements.flatMap((p) => (p.reports_to_id === null ? [] : [{ contact_id: p.id, reports_to_id: p.reports_to_id }]));

/** Flat parents-before-children order, so a client can build the tree in one pass. */
function flatten<T>(nodes: TreeNode<T>[]): T[] {
  return nodes.flatMap(({ children, ...node }) => [node as T, ...flatten(children)]);
}

/** A customer's departments flat and nested, with member counts and reporting lines. */
export async function departmentTree(scope: RequestScope, customerId: number): Promise<DepartmentTree> {
  await findVisibleCustomer(scope, customerId);
  const [rows, placements] = await Promise.all([departmentsOf(scope, customerId), placementsOf(scope, customerId)]);
  const roots = nestDepartments(rows.map(presentDepartment));
  const toNode = (node: TreeNode<ReturnType<typeof presentDepartment>>): DepartmentNode => {
    const children = node.children.map(toNode);
    const contactIds = placements.filter((p) => p.department_id === node.id).map((p) => p.id);
    return {
      id: node.id,
      parent_id: node.parent_id,
      name: node.name,
      sort_order: node.sort_order,
      version: node.version,
      contact_count: contactIds.length,
      total_contact_count: contactIds.length + children.reduce((sum, child) => sum + child.total_contact_count, 0),
      contact_ids: contactIds,
      children,
    };
  };
  return { items: flatten(roots), tree: roots.map(toNode), reporting_lines: reportingLinesOf(placements) };
}

/** The customer being restructured: visible to the caller (else 404) and not archived. */
async function writableCustomer(scope: RequestScope, customerId: number): Promise<void> {
  const customer = await findVisibleCustomer(scope, customerId);
  if (customer.archived_at) throw new ApiError('customer.archived', { id: customerId });
}

async function findDepartment(scope: RequestScope, customerId: number, departmentId: number): Promise<DepartmentRow> {
  const [row] = await scope.tx.select().from(customerDepartments).where(and(ofCustomer(scope, customerId), eq(customerDepartments.id, departmentId)));
  if (!row) throw new ApiError('department.not_found', { id: departmentId });
  return row;
}

/** Two siblings with one name would be indistinguishable on the chart. */
async function assertUniqueAmongSiblings(scope: RequestScope, customerId: number, parentId: number | null, name: string, selfId?: number) {
  const [clash] = await scope.tx
    .select({ id: customerDepartments.id })
    .from(customerDepartments)
    .where(
      and(
        ofCustomer(scope, customerId),
        parentId === null ? isNull(customerDepartments.parent_id) : eq(customerDepartments.parent_id, parentId),
        eq(customerDepartments.name, name),
        selfId === undefined ? undefined : ne(customerDepartments.id, selfId),
      ),
    );
  if (clash) throw new ApiError('department.duplicate', { id: clash.id, name });
}

/** Adds a department under an optional parent of the same customer. */
export async function createDepartment(scope: RequestScope, customerId: number, input: DepartmentCreate): Promise<DepartmentRow> {
  await writableCustomer(scope, customerId);
  const parentId = input.parent_id ?? null;
  if (parentId !== null) {
    const [parent] = await scope.tx.select({ id: customerDepartments.id }).from(customerDepartments).where(and(ofCustomer(scope, customerId), eq(customerDepartments.id, parentId)));
    if (!parent) throw new ApiError('department.parent_invalid', { parent_id: parentId });
  }
  await assertUniqueAmongSiblings(scope, customerId, parentId, input.name);
  const [row] = await scope.tx
    .insert(customerDepartments)
    .values({ tenant_id: scope.tenantId, customer_id: customerId, parent_id: parentId, name: input.name, sort_order: input.sort_order })
    .returning();
  if (!row) throw new ApiError('internal');
  await audit(scope, { action: 'department.created', entity_type: 'department', entity_id: row.id, after: row });
  return row;
}

/** Renames, reorders or moves a department at the version the caller read; refuses cycles. */
export async function updateDepartment(scope: RequestScope, customerId: number, departmentId: number, expected: number | null, patch: DepartmentUpdate): Promise<DepartmentRow> {
  await writableCustomer(scope, customerId);
  const before = await findDepartment(scope, customerId, departmentId);
  if (expected !== null && before.version !== expected) throw new ApiError('precondition.failed', { current_version: before.version });
  const parentId = patch.parent_id === undefined ? before.parent_id : patch.parent_id;
  if (parentId !== before.parent_id && parentId !== null) {
    const siblings = await departmentsOf(scope, customerId);
    if (!siblings.some((d) => d.id === parentId)) throw new ApiError('department.parent_invalid', { parent_id: parentId });
    if (createsCycle(siblings, departmentId, parentId)) throw new ApiError('department.cycle', { id: departmentId, parent_id: parentId });
  }
  const name = patch.name ?? before.name;
  if (name !== before.name || parentId !== before.parent_id) await assertUniqueAmongSiblings(scope, customerId, parentId, name, departmentId);
  const [after] = await scope.tx
    .update(customerDepartments)
    .set({ name, parent_id: parentId, sort_order: patch.sort_order ?? before.sort_order, version: before.version + 1, updated_at: new Date() })
    .where(and(ofCustomer(scope, customerId), eq(customerDepartments.id, departmentId), eq(customerDepartments.version, before.version)))
    .returning();
  if (!after) throw new ApiError('precondition.failed');
  await audit(scope, { action: 'department.updated', entity_type: 'department', entity_id: departmentId, before, after });
  return after;
}

/** Removes a department that has neither sub-departments nor contacts, so nobody is silently unplaced. */
export async function deleteDepartment(scope: RequestScope, customerId: number, departmentId: number, expected: number | null): Promise<void> {
  await writableCustomer(scope, customerId);
  const before = await findDepartment(scope, customerId, departmentId);
  if (expected !== null && before.version !== expected) throw new ApiError('precondition.failed', { current_version: before.version });
  const [[children], [members]] = await Promise.all([
    scope.tx.select({ n: count() }).from(customerDepartments).where(and(ofCustomer(scope, customerId), eq(customerDepartments.parent_id, departmentId))),
    scope.tx
      .select({ n: count() })
      .from(contactDirectory)
      .where(and(eq(contactDirectory.tenant_id, scope.tenantId), eq(contactDirectory.department_id, departmentId))),
  ]);
  const subDepartments = Number(children?.n ?? 0);
  const contacts = Number(members?.n ?? 0);
  if (subDepartments > 0 || contacts > 0) throw new ApiError('department.not_empty', { sub_departments: subDepartments, contacts });
  await scope.tx.delete(customerDepartments).where(and(ofCustomer(scope, customerId), eq(customerDepartments.id, departmentId)));
  await audit(scope, { action: 'department.deleted', entity_type: 'department', entity_id: departmentId, before });
}

/** Whether `departmentId` is a department of this customer (in the caller's tenant): where a contact may sit. */
export async function isDepartmentOf(scope: RequestScope, customerId: number, departmentId: number): Promise<boolean> {
  const [row] = await scope.tx.select({ id: customerDepartments.id }).from(customerDepartments).where(and(ofCustomer(scope, customerId), eq(customerDepartments.id, departmentId)));
  return row !== undefined;
}

/**
 * The department names of several customers at once, in no particular order: what a merge preview compares.
 * @example await departmentNamesOf(scope, [survivorId, mergedId]) // [{ customer_id: 7, name: '采购部' }, …]
 */
export function departmentNamesOf(scope: RequestScope, customerIds: number[]): Promise<{ customer_id: number; name: string }[]> {
  return scope.tx
    .select({ customer_id: customerDepartments.customer_id, name: customerDepartments.name })
    .from(customerDepartments)
    .where(and(eq(customerDepartments.tenant_id, scope.tenantId), inArray(customerDepartments.customer_id, customerIds)));
}

/**
 * Moves every department of customer `fromId`, with its sub-departments, to customer `toId` (a merge).
 * @example const moved = await moveDepartmentsToCustomer(scope, mergedId, survivorId); // 3
 */
export async function moveDepartmentsToCustomer(scope: RequestScope, fromId: number, toId: number): Promise<number> {
  const moved = await scope.tx
    .update(customerDepartments)
    .set({ customer_id: toId, version: sql`${customerDepartments.version} + 1`, updated_at: new Date() })
    .where(ofCustomer(scope, fromId))
    .returning({ id: customerDepartments.id });
  return moved.length;
}
