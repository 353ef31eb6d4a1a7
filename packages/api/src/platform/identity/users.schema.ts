import { bigint, index, pgTable, primaryKey, text, timestamp, uniqueIndex, varchar } from 'drizzle-orm/pg-core';
import { identityId, tenantId } from '../../db/columns.ts';
import { tenants } from './tenants.schema.ts';

/**
 * Staff and portal users of the built-in issuer. Read outside a tenant transaction (login happens
 * before the tenant is known), so this table has no RLS; every query on it filters by tenant itself.
 */
export const users = pgTable(
  'users',
  {
    tenant_id: tenantId().references(() => tenants.id, { onDelete: 'cascade' }),
    id: identityId(),
    username: varchar('username', { length: 100 }).notNull(),
    display_name: varchar('display_name', { length: 100 }).notNull(),
    password_hash: text('password_hash').notNull(),
    roles: text('roles').array().notNull(),
    /** Set for portal users: the one customer they belong to. */
    customer_id: bigint('customer_id', { mode: 'number' }),
    created_at: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenant_id, t.id] }),
    uniqueIndex('users_username_key').on(t.username),
    index('users_tenant_customer_idx').on(t.tenant_id, t.customer_id),
  ],
);

/** Integration API keys; only a SHA-256 of the secret is stored. */
export const apiKeys = pgTable(
  'api_keys',
  {
    tenant_id: tenantId().references(() => tenants.id, { onDelete: 'cascade' }),
    id: identityId(),
    name: varchar('name', { length: 100 }).notNull(),
    key_prefix: varchar('key_prefix', { length: 16 }).notNull(),
    key_hash: varchar('key_hash', { length: 64 }).notNull(),
    scopes: text('scopes').array().notNull(),
    created_at: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    revoked_at: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.tenant_id, t.id] }), uniqueIndex('api_keys_hash_key').on(t.key_hash)],
);
