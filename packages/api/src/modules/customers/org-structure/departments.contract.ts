import { createRoute, z } from '@hono/zod-openapi';
import { errorResponses, jsonResponse, writeErrorResponses } from '../../../platform/http/envelope.ts';
import { idempotencyHeader, ifMatchHeader } from '../../../platform/http/headers.ts';
import { Department } from '../customers/customers.public.ts';
import { pathId } from '../../../platform/http/params.ts';
import { permission } from '../../../platform/auth/route-permission.ts';

const departmentFields = {
  name: z.string().trim().min(1).max(100).openapi({ example: '信息技术部' }),
  parent_id: z.number().int().positive().nullish().openapi({ description: 'A department of the same customer; omit or null for a top-level department' }),
  sort_order: z.number().int().min(0).max(100_000).openapi({ description: 'Position among siblings, ascending' }),
};

export const DepartmentCreate = z
  .strictObject({ ...departmentFields, sort_order: departmentFields.sort_order.default(0) })
  .openapi('DepartmentCreate');
export type DepartmentCreate = z.infer<typeof DepartmentCreate>;

export const DepartmentUpdate = z.strictObject(departmentFields).partial().openapi('DepartmentUpdate');
export type DepartmentUpdate = z.infer<typeof DepartmentUpdate>;

export const ReportingLine = z
  .object({ contact_id: z.number().int(), reports_to_id: z.number().int() })
  .openapi('ReportingLine', { description: 'Contact `contact_id` reports to contact `reports_to_id`' });

/** A department in the nested tree, with who sits in it. */
export type DepartmentNode = {
  id: number;
  parent_id: number | null;
  name: string;
  sort_order: number;
  version: number;
  contact_count: number;
  total_contact_count: number;
  contact_ids: number[];
  children: DepartmentNode[];
};

export const DepartmentNode: z.ZodType<DepartmentNode> = z
  .object({
    id: z.number().int(),
    parent_id: z.number().int().nullable(),
    name: z.string(),
    sort_order: z.number().int(),
    version: z.number().int(),
    contact_count: z.number().int().openapi({ description: 'Contacts placed directly in this department' }),
    total_contact_count: z.number().int().openapi({ description: 'Contacts in this department and all below it' }),
    contact_ids: z.array(z.number().int()).openapi({ description: 'Direct members, primary contact first' }),
    get children() {
      return z.array(DepartmentNode);
    },
  })
  .openapi('DepartmentNode');

export const DepartmentTree = z
  .object({
    items: z.array(Department).openapi({ description: 'Every department, flat, parents before children' }),
    tree: z.array(DepartmentNode).openapi({ description: 'Top-level departments with sub-departments nested' }),
    reporting_lines: z.array(ReportingLine),
  })
  .openapi('DepartmentTree');
export type DepartmentTree = z.infer<typeof DepartmentTree>;

export const OrgChartContact = z
  .object({
    id: z.number().int(),
    contact_name: z.string(),
    position: z.string().nullable(),
    department_id: z.number().int().nullable(),
    reports_to_id: z.number().int().nullable(),
    direct_report_ids: z.array(z.number().int()),
    is_primary: z.number().int().openapi({ enum: [0, 1] }),
    is_decision_maker: z.number().int().openapi({ enum: [0, 1] }),
  })
  .openapi('OrgChartContact', { description: 'A person on the chart; contact channels are not part of the chart' });
export type OrgChartContact = z.infer<typeof OrgChartContact>;

/** A department on the chart with its people and sub-departments. */
export type OrgChartDepartment = {
  id: number;
  parent_id: number | null;
  name: string;
  sort_order: number;
  contacts: OrgChartContact[];
  children: OrgChartDepartment[];
};

export const OrgChartDepartment: z.ZodType<OrgChartDepartment> = z
  .object({
    id: z.number().int(),
    parent_id: z.number().int().nullable(),
    name: z.string(),
    sort_order: z.number().int(),
    contacts: z.array(OrgChartContact),
    get children() {
      return z.array(OrgChartDepartment);
    },
  })
  .openapi('OrgChartDepartment');

export const OrgChart = z
  .object({
    customer_id: z.number().int(),
    customer_name: z.string(),
    departments: z.array(OrgChartDepartment),
    unassigned_contacts: z.array(OrgChartContact).openapi({ description: 'Contacts not placed in any department' }),
    reporting_lines: z.array(ReportingLine),
  })
  .openapi('OrgChart');
export type OrgChart = z.infer<typeof OrgChart>;

// ---- routes -------------------------------------------------------------------------------------

const CustomerParam = z.object({ id: pathId('id', 12345) });
const DepartmentParams = z.object({ id: pathId('id', 12345), department_id: pathId('department_id', 31) });
const json = <T extends z.ZodType>(schema: T) => ({ required: true, content: { 'application/json': { schema } } });
const etagHeader = { ETag: { description: 'Department version (`"department-<id>-v<version>"`), for If-Match', schema: { type: 'string' as const } } };

export const listDepartmentsRoute = createRoute({
  method: 'get',
  path: '/api/v1/customers/{id}/departments',
  operationId: 'listDepartments',
  ...permission('customer:read'),
  description: 'The customer\'s departments flat (parents first) and as a tree with contact counts, plus the reporting lines between contacts.',
  tags: ['org-structure'],
  summary: "A customer's departments: flat, nested with member counts, and reporting lines",
  request: { params: CustomerParam },
  responses: { 200: jsonResponse(DepartmentTree, 'DepartmentTree', 'The departments'), ...errorResponses },
});

export const createDepartmentRoute = createRoute({
  method: 'post',
  path: '/api/v1/customers/{id}/departments',
  operationId: 'createDepartment',
  ...permission('customer:write'),
  tags: ['org-structure'],
  summary: 'Add a department',
  description: 'The parent must be a department of the same customer (422 `department.parent_invalid`); sibling names are unique (409 `department.duplicate`).',
  request: { params: CustomerParam, headers: idempotencyHeader, body: json(DepartmentCreate) },
  responses: { 201: { ...jsonResponse(Department, 'Department', 'Created'), headers: etagHeader }, ...writeErrorResponses },
});

export const updateDepartmentRoute = createRoute({
  method: 'patch',
  path: '/api/v1/customers/{id}/departments/{department_id}',
  operationId: 'updateDepartment',
  ...permission('customer:write'),
  tags: ['org-structure'],
  summary: 'Rename, reorder or move a department (If-Match required)',
  description: 'Moving a department under itself or one of its sub-departments answers 422 `department.cycle`.',
  request: { params: DepartmentParams, headers: ifMatchHeader, body: json(DepartmentUpdate) },
  responses: { 200: { ...jsonResponse(Department, 'Department', 'The updated department'), headers: etagHeader }, ...writeErrorResponses },
});

export const deleteDepartmentRoute = createRoute({
  method: 'delete',
  path: '/api/v1/customers/{id}/departments/{department_id}',
  operationId: 'deleteDepartment',
  ...permission('customer:write'),
  tags: ['org-structure'],
  summary: 'Remove an empty department',
  description: 'Refused with 409 `department.not_empty` while it has sub-departments or contacts. `If-Match` is optional: when given, a stale version answers 412.',
  request: { params: DepartmentParams, headers: ifMatchHeader },
  responses: { 200: jsonResponse(DepartmentTree, 'DepartmentTree', 'The remaining departments'), ...writeErrorResponses },
});

export const orgChartRoute = createRoute({
  method: 'get',
  path: '/api/v1/customers/{id}/org-chart',
  operationId: 'getOrgChart',
  ...permission('customer:read'),
  tags: ['org-structure'],
  summary: 'Org chart: departments with their people nested, and reporting lines',
  description: 'Ready for a chart widget. Carries names and titles only, no contact channels.',
  request: { params: CustomerParam },
  responses: { 200: jsonResponse(OrgChart, 'OrgChart', 'The org chart'), ...errorResponses },
});
