/**
 * The front door of the customers module: what other modules may use. Everything else in this folder is
 * the module's own (checked by .dependency-cruiser.cjs, docs/architecture.md).
 */
export { assessCompleteness, CONTACT_GAPS, KEY_INFORMATION } from './customer-completeness.ts';
export { findDuplicates } from './customer-duplicates.service.ts';
export { normaliseCustomerName, pinyinKeys, websiteDomain } from './customer-name.ts';
export { visibleCustomers } from './customer-visibility.ts';
export { Completeness, Customer, Department, TagRef } from './customers.contract.ts';
export { changeCustomerStatus, createCustomer, findVisibleCustomer, getCustomer, refreshCompleteness, updateCustomer } from './customers.service.ts';
export type { CustomerRow } from './customers.service.ts';
// Other modules throw these codes too: importing this front door registers them.
export { customersErrors } from './customers.errors.ts';
export { customerDirectory } from './customers.read-model.ts';
export { countMergesInto, findVisibleCustomers, markMerged, redirectMerges, reparentSubsidiaries } from './customer-merges.service.ts';
