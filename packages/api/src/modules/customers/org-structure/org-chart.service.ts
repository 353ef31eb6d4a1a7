import type { RequestScope } from '../../../platform/request-context.ts';
import { findVisibleCustomer } from '../customers/customers.public.ts';
import type { OrgChart, OrgChartContact, OrgChartDepartment } from './departments.contract.ts';
import { departmentsOf, placementsOf, presentDepartment, reportingLinesOf } from './departments.service.ts';
import { nestDepartments, type TreeNode } from './org-tree.ts';

/**
 * The org chart of a customer: departments nested with their people, people without a department, and
 * the reporting lines between them. Names and titles only — the chart is shown to anyone who may read the
 * customer, so contact channels stay out of it.
 */
export async function orgChartOf(scope: RequestScope, customerId: number): Promise<OrgChart> {
  const customer = await findVisibleCustomer(scope, customerId);
  const [rows, placements] = await Promise.all([departmentsOf(scope, customerId), placementsOf(scope, customerId)]);
  const people: OrgChartContact[] = placements.map((p) => ({
    id: p.id,
    contact_name: p.contact_name,
    position: p.position,
    department_id: p.department_id,
    reports_to_id: p.reports_to_id,
    direct_report_ids: placements.filter((q) => q.reports_to_id === p.id).map((q) => q.id),
    is_primary: p.is_primary ? 1 : 0,
    is_decision_maker: p.is_decision_maker ? 1 : 0,
  }));
  const toChart = (node: TreeNode<ReturnType<typeof presentDepartment>>): OrgChartDepartment => ({
    id: node.id,
    parent_id: node.parent_id,
    name: node.name,
    sort_order: node.sort_order,
    contacts: people.filter((p) => p.department_id === node.id),
    children: node.children.map(toChart),
  });
  return {
    customer_id: customer.id,
    customer_name: customer.customer_name,
    departments: nestDepartments(rows.map(presentDepartment)).map(toChart),
    unassigned_contacts: people.filter((p) => p.department_id === null),
    reporting_lines: reportingLinesOf(placements),
  };
}
