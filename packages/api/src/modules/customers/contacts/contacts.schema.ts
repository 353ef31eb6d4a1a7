import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  foreignKey,
  index,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  varchar,
} from 'drizzle-orm/pg-core';
import { identityId, rowVersion, tenantId, timestamps } from '../../../db/columns.ts';
import { customers } from '../customers/customers.schema.ts';
import { customerDepartments } from '../org-structure/org-structure.schema.ts';

/**
 * REQ-016 §7 `customer_contacts`. Phone, mobile, e-mail and WeChat are stored only as AES-256-GCM
 * ciphertext (`*_enc`) plus a keyed hash (`*_bidx`) for exact lookup and duplicate checks.
 */
export const customerContacts = pgTable(
  'customer_contacts',
  {
    tenant_id: tenantId(),
    id: identityId(),
    customer_id: bigint('customer_id', { mode: 'number' }).notNull(),
    contact_name: varchar('contact_name', { length: 100 }).notNull(),
    position: varchar('position', { length: 100 }),
    department: varchar('department', { length: 100 }),
    department_id: bigint('department_id', { mode: 'number' }),
    reports_to_id: bigint('reports_to_id', { mode: 'number' }),
    phone_enc: text('phone_enc'),
    mobile_enc: text('mobile_enc'),
    email_enc: text('email_enc'),
    wechat_enc: text('wechat_enc'),
    phone_bidx: varchar('phone_bidx', { length: 64 }),
    mobile_bidx: varchar('mobile_bidx', { length: 64 }),
    email_bidx: varchar('email_bidx', { length: 64 }),
    wechat_bidx: varchar('wechat_bidx', { length: 64 }),
    is_primary: boolean('is_primary').notNull().default(false),
    is_decision_maker: boolean('is_decision_maker').notNull().default(false),
    version: rowVersion(),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.tenant_id, t.id] }),
    index('contacts_customer_idx').on(t.tenant_id, t.customer_id),
    index('contacts_department_idx').on(t.tenant_id, t.department_id),
    index('contacts_reports_to_idx').on(t.tenant_id, t.reports_to_id),
    index('contacts_mobile_bidx_idx').on(t.tenant_id, t.mobile_bidx),
    index('contacts_phone_bidx_idx').on(t.tenant_id, t.phone_bidx),
    index('contacts_email_bidx_idx').on(t.tenant_id, t.email_bidx),
    // At most one primary contact per customer, guarded by the database itself.
    uniqueIndex('contacts_one_primary_key').on(t.tenant_id, t.customer_id).where(sql`${t.is_primary}`),
    foreignKey({
      name: 'contacts_customer_fk',
      columns: [t.tenant_id, t.customer_id],
      foreignColumns: [customers.tenant_id, customers.id],
    }).onDelete('cascade'),
    foreignKey({
      name: 'contacts_department_fk',
      columns: [t.tenant_id, t.department_id],
      foreignColumns: [customerDepartments.tenant_id, customerDepartments.id],
    }),
    foreignKey({
      name: 'contacts_reports_to_fk',
      columns: [t.tenant_id, t.reports_to_id],
      foreignColumns: [t.tenant_id, t.id],
    }),
  ],
);
