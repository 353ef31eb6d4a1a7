import { bigint, jsonb, pgTable, timestamp, varchar } from 'drizzle-orm/pg-core';

/** Tenant settings a tenant admin can change. */
export type TenantSettings = {
  /** `all`: managers see every customer; `assigned`: only customers assigned to them. */
  manager_data_scope: 'all' | 'assigned';
  /** Days before a contract's end at which a renewal reminder fires; default 90, 60, 30 and 7. */
  renewal_reminder_offsets?: number[];
};

/** Tenants are platform rows (no RLS): identity lookups happen before a tenant is known. */
export const tenants = pgTable('tenants', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  code: varchar('code', { length: 50 }).notNull().unique(),
  name: varchar('name', { length: 200 }).notNull(),
  settings: jsonb('settings').$type<TenantSettings>().notNull().default({ manager_data_scope: 'all' }),
  created_at: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
