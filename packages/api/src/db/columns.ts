import { bigint, integer, timestamp } from 'drizzle-orm/pg-core';

/** The tenant column every tenant-owned table starts with; RLS policies key on it. */
export const tenantId = () => bigint('tenant_id', { mode: 'number' }).notNull();

/** Surrogate id, unique per table; primary keys are always `(tenant_id, id)`. */
export const identityId = () => bigint('id', { mode: 'number' }).generatedAlwaysAsIdentity();

/** Optimistic-concurrency version behind `ETag` / `If-Match`. */
export const rowVersion = () => integer('version').notNull().default(1);

export const timestamps = () => ({
  created_at: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  updated_at: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});
