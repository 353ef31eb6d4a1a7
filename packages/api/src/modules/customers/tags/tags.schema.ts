import { bigint, foreignKey, index, pgTable, primaryKey, timestamp, uniqueIndex, varchar } from 'drizzle-orm/pg-core';
import { identityId, tenantId } from '../../../db/columns.ts';
import { customers } from '../customers/customers.schema.ts';

/** A family of tags (行业标签, 风险标签 …); segmentation rules refer to groups and tags. */
export const tagGroups = pgTable(
  'tag_groups',
  {
    tenant_id: tenantId(),
    id: identityId(),
    name: varchar('name', { length: 50 }).notNull(),
    created_at: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenant_id, t.id] }), uniqueIndex('tag_groups_name_key').on(t.tenant_id, t.name)],
);

export const tags = pgTable(
  'tags',
  {
    tenant_id: tenantId(),
    id: identityId(),
    group_id: bigint('group_id', { mode: 'number' }),
    name: varchar('name', { length: 50 }).notNull(),
    color: varchar('color', { length: 7 }).notNull().default('#64748b'),
    created_at: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenant_id, t.id] }),
    uniqueIndex('tags_name_key').on(t.tenant_id, t.name),
    foreignKey({
      name: 'tags_group_fk',
      columns: [t.tenant_id, t.group_id],
      foreignColumns: [tagGroups.tenant_id, tagGroups.id],
    }),
  ],
);

export const customerTags = pgTable(
  'customer_tags',
  {
    tenant_id: tenantId(),
    customer_id: bigint('customer_id', { mode: 'number' }).notNull(),
    tag_id: bigint('tag_id', { mode: 'number' }).notNull(),
    created_at: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenant_id, t.customer_id, t.tag_id] }),
    index('customer_tags_tag_idx').on(t.tenant_id, t.tag_id),
    foreignKey({
      name: 'customer_tags_customer_fk',
      columns: [t.tenant_id, t.customer_id],
      foreignColumns: [customers.tenant_id, customers.id],
    }).onDelete('cascade'),
    foreignKey({
      name: 'customer_tags_tag_fk',
      columns: [t.tenant_id, t.tag_id],
      foreignColumns: [tags.tenant_id, tags.id],
    }).onDelete('cascade'),
  ],
);
