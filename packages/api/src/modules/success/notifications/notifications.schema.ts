import { bigint, foreignKey, index, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, varchar } from 'drizzle-orm/pg-core';
import { identityId, tenantId } from '../../../db/columns.ts';
import { users } from '../../../platform/identity/users.schema.ts';

/**
 * In-app notifications of portal users (the bell in the workbench). `dedupe_key` makes a notification that
 * scheduled work writes idempotent: the same reminder for the same person is stored once.
 */
export const notifications = pgTable(
  'notifications',
  {
    tenant_id: tenantId(),
    id: identityId(),
    recipient_id: bigint('recipient_id', { mode: 'number' }).notNull(),
    kind: varchar('kind', { length: 64 }).notNull(),
    title_zh: text('title_zh').notNull(),
    title_en: text('title_en').notNull(),
    body_zh: text('body_zh'),
    body_en: text('body_en'),
    entity_type: varchar('entity_type', { length: 32 }),
    entity_id: varchar('entity_id', { length: 64 }),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    dedupe_key: varchar('dedupe_key', { length: 200 }).notNull(),
    read_at: timestamp('read_at', { withTimezone: true, mode: 'date' }),
    created_at: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenant_id, t.id] }),
    uniqueIndex('notifications_dedupe_key').on(t.tenant_id, t.recipient_id, t.dedupe_key),
    index('notifications_recipient_idx').on(t.tenant_id, t.recipient_id, t.id),
    // A notification exists for its recipient only.
    foreignKey({ name: 'notifications_recipient_id_fk', columns: [t.tenant_id, t.recipient_id], foreignColumns: [users.tenant_id, users.id] }).onDelete('cascade'),
  ],
);

export type NotificationRow = typeof notifications.$inferSelect;
