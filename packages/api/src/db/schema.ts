/** Every table of the module, for drizzle's relational queries and for drizzle-kit. */
import * as tenantsSchema from '../modules/auth/tenants.schema.ts';
import * as usersSchema from '../modules/auth/users.schema.ts';
import * as contactsSchema from '../modules/contacts/contacts.schema.ts';
import * as contractsSchema from '../modules/contracts/contracts.schema.ts';
import * as customersSchema from '../modules/customers/customers.schema.ts';
import * as orgSchema from '../modules/org-structure/org-structure.schema.ts';
import * as tagsSchema from '../modules/tags/tags.schema.ts';
import * as platformSchema from '../platform/platform.schema.ts';

export const schema = {
  ...tenantsSchema,
  ...usersSchema,
  ...customersSchema,
  ...contactsSchema,
  ...contractsSchema,
  ...orgSchema,
  ...tagsSchema,
  ...platformSchema,
};
export type Schema = typeof schema;

export * from '../modules/auth/tenants.schema.ts';
export * from '../modules/auth/users.schema.ts';
export * from '../modules/customers/customers.schema.ts';
export * from '../modules/contacts/contacts.schema.ts';
export * from '../modules/contracts/contracts.schema.ts';
export * from '../modules/org-structure/org-structure.schema.ts';
export * from '../modules/tags/tags.schema.ts';
export * from '../platform/platform.schema.ts';
