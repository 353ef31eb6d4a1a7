import type { Context } from 'hono';
import type { AppEnv } from '../../../platform/app-env.ts';
import { ok } from '../../../platform/http/envelope.ts';
import { etagOf, expectedVersion } from '../../../platform/http/etag.ts';
import { scopeOf } from '../../../platform/request-context.ts';
import { createRouter } from '../../../platform/router.ts';
import { getCustomerGroupRoute, removeCustomerParentRoute, setCustomerParentRoute } from './customer-groups.contract.ts';
import { attachToParent, customerGroupOf, detachFromParent } from './customer-groups.service.ts';
import { createDepartmentRoute, deleteDepartmentRoute, listDepartmentsRoute, orgChartRoute, updateDepartmentRoute } from './departments.contract.ts';
import { createDepartment, deleteDepartment, departmentTree, presentDepartment, updateDepartment } from './departments.service.ts';
import { orgChartOf } from './org-chart.service.ts';

/** `If-Match` where it is optional (deletes, group changes): checked when given. */
const optionalVersion = (c: Context<AppEnv>, entity: string, id: number) => (c.req.header('If-Match') ? expectedVersion(c, entity, id) : null);

/** 组织架构: departments, the org chart and customer groups (parent company and subsidiaries). */
export const orgStructureRoutes = createRouter()
  .openapi(listDepartmentsRoute, async function listDepartmentsHandler(c) {
    return ok(c, await departmentTree(scopeOf(c), c.req.valid('param').id), undefined, 200);
  })
  .openapi(createDepartmentRoute, async function createDepartmentHandler(c) {
    const row = await createDepartment(scopeOf(c), c.req.valid('param').id, c.req.valid('json'));
    c.header('ETag', etagOf('department', row.id, row.version));
    return ok(c, presentDepartment(row), { zh: '部门已创建', en: 'Department created' }, 201);
  })
  .openapi(updateDepartmentRoute, async function updateDepartmentHandler(c) {
    const { id, department_id: departmentId } = c.req.valid('param');
    const row = await updateDepartment(scopeOf(c), id, departmentId, expectedVersion(c, 'department', departmentId), c.req.valid('json'));
    c.header('ETag', etagOf('department', row.id, row.version));
    return ok(c, presentDepartment(row), { zh: '部门已更新', en: 'Department updated' }, 200);
  })
  .openapi(deleteDepartmentRoute, async function deleteDepartmentHandler(c) {
    const scope = scopeOf(c);
    const { id, department_id: departmentId } = c.req.valid('param');
    await deleteDepartment(scope, id, departmentId, optionalVersion(c, 'department', departmentId));
    return ok(c, await departmentTree(scope, id), { zh: '部门已删除', en: 'Department deleted' }, 200);
  })
  .openapi(orgChartRoute, async function orgChartHandler(c) {
    return ok(c, await orgChartOf(scopeOf(c), c.req.valid('param').id), undefined, 200);
  })
  .openapi(getCustomerGroupRoute, async function getCustomerGroupHandler(c) {
    return ok(c, await customerGroupOf(scopeOf(c), c.req.valid('param').id), undefined, 200);
  })
  .openapi(setCustomerParentRoute, async function setCustomerParentHandler(c) {
    const scope = scopeOf(c);
    const { id } = c.req.valid('param');
    const row = await attachToParent(scope, id, optionalVersion(c, 'customer', id), c.req.valid('json').parent_customer_id);
    c.header('ETag', etagOf('customer', id, row.version));
    return ok(c, await customerGroupOf(scope, id), { zh: '已加入客户集团', en: 'Customer attached to its parent company' }, 200);
  })
  .openapi(removeCustomerParentRoute, async function removeCustomerParentHandler(c) {
    const scope = scopeOf(c);
    const { id } = c.req.valid('param');
    const row = await detachFromParent(scope, id, optionalVersion(c, 'customer', id));
    c.header('ETag', etagOf('customer', id, row.version));
    return ok(c, await customerGroupOf(scope, id), { zh: '已移出客户集团', en: 'Customer detached from its parent company' }, 200);
  });
