/**
 * The front door of the tags module: what other modules may use. Everything else in this folder is
 * the module's own (checked by .dependency-cruiser.cjs, docs/architecture.md).
 */
// Other modules throw these codes too: importing this front door registers them.
export { tagsErrors } from './tags.errors.ts';
export { customerHasTagSql } from './customer-tag-match.ts';
export { assertTagsExist, attachTags, customersTaggedWith, mergeCustomerTags, tagsOfCustomer, tagsOfCustomers } from './customer-tags.service.ts';
