/**
 * The front door of the org-structure module: what other modules may use. Everything else in this folder is
 * the module's own (checked by .dependency-cruiser.cjs, docs/architecture.md).
 */
// Other modules throw these codes too: importing this front door registers them.
export { orgStructureErrors } from './org-structure.errors.ts';
export { departmentNamesOf, departmentsOf, isDepartmentOf, moveDepartmentsToCustomer } from './departments.service.ts';
