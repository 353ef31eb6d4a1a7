/**
 * The front door of the contacts module: what other modules may use. Everything else in this folder is
 * the module's own (checked by .dependency-cruiser.cjs, docs/architecture.md).
 */
export { Contact, ContactInput } from './contacts.contract.ts';
export { contactFactsOf, contactsOfCustomers, customerIdsByContactChannel, findContact, insertContacts } from './contacts.service.ts';
export { createCustomerContact } from './customer-contacts.service.ts';
export { contactDirectory } from './contacts.read-model.ts';
export { moveContactsToCustomer } from './contacts.service.ts';
