import { bigint, foreignKey, index, integer, pgTable, primaryKey, varchar } from 'drizzle-orm/pg-core';
import { identityId, rowVersion, tenantId, timestamps } from '../../../db/columns.ts';
import { customers } from '../customers/customers.schema.ts';

/** A customer's departments as a tree (组织架构); contacts are placed in them. */
export const customerDepartments = pgTable(
  'customer_departments',
  {
    tenant_id: tenantId(),
    id: identityId(),
    customer_id: bigint('customer_id', { mode: 'number' }).notNull(),
    parent_id: bigint('parent_id', { mode: 'number' }),
    name: varchar('name', { length: 100 }).notNull(),
    sort_order: integer('sort_order').notNull().default(0),
    version: rowVersion(),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.tenant_id, t.id] }),
    index('departments_customer_idx').on(t.tenant_id, t.customer_id),
    index('departments_parent_idx').on(t.tenant_id, t.parent_id),
    foreignKey({
      name: 'departments_customer_fk',
      columns: [t.tenant_id, t.customer_id],
      foreignColumns: [customers.tenant_id, customers.id],
    }).onDelete('cascade'),
    foreignKey({
      name: 'departments_parent_fk',
      columns: [t.tenant_id, t.parent_id],
      foreignColumns: [t.tenant_id, t.id],
    }),
  ],
);
