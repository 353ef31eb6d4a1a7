import { sql } from 'drizzle-orm';
import { bigint, check, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, timestamp, varchar } from 'drizzle-orm/pg-core';
import { identityId, tenantId, timestamps } from '../../../db/columns.ts';
import { customers } from '../../customers/customers/customers.schema.ts';
import { users } from '../../../platform/identity/users.schema.ts';

/** The kinds of communication REQ-016-007 keeps. */
export const COMMUNICATION_KINDS = ['call', 'meeting', 'email', 'im'] as const;
export type CommunicationKind = (typeof COMMUNICATION_KINDS)[number];

/** Instant-messaging platforms of Chinese customers. */
export const IM_PLATFORMS = ['wecom', 'dingtalk', 'wechat'] as const;
export type ImPlatform = (typeof IM_PLATFORMS)[number];

export const COMMUNICATION_DIRECTIONS = ['inbound', 'outbound', 'internal'] as const;
export type CommunicationDirection = (typeof COMMUNICATION_DIRECTIONS)[number];

/**
 * Who took part. Contacts and staff are referenced by id; an address that matched nobody is kept sealed
 * (AES-GCM ciphertext plus blind index), never in clear, because an e-mail address is personal data.
 */
export type CommunicationParticipant = {
  role: 'from' | 'to' | 'cc' | 'organizer' | 'attendee' | 'caller' | 'callee';
  contact_id?: number;
  user_id?: number;
  name?: string;
  address_enc?: string;
  address_bidx?: string;
};

/** Per-kind details: a meeting's agenda and minutes, an e-mail's headers and attachments, a call's number. */
export type CommunicationDetails = {
  agenda?: string[];
  minutes?: string;
  decisions?: string[];
  action_items?: { title: string; owner_user_id: number; due_date?: string | null; task_id?: number }[];
  location?: string;
  message_id?: string;
  in_reply_to?: string | null;
  references?: string[];
  attachments?: { filename: string; content_type: string; size: number }[];
  [key: string]: unknown;
};

/**
 * REQ-016-007 communications: calls, meetings, e-mails and instant messages with a customer. Range-partitioned
 * by month of `occurred_at` (5 million a year at capacity), so the primary key carries `occurred_at`;
 * idempotency of ingested items lives in `communication_keys`.
 */
export const communications = pgTable(
  'communications',
  {
    tenant_id: tenantId(),
    id: identityId(),
    occurred_at: timestamp('occurred_at', { withTimezone: true, mode: 'date' }).notNull(),
    customer_id: bigint('customer_id', { mode: 'number' }).notNull(),
    kind: varchar('kind', { length: 16 }).$type<CommunicationKind>().notNull(),
    direction: varchar('direction', { length: 16 }).$type<CommunicationDirection>(),
    /** `wecom` | `dingtalk` | `wechat` for instant messages; `phone` or a VoIP system for calls. */
    channel: varchar('channel', { length: 32 }),
    subject: varchar('subject', { length: 500 }),
    body: text('body'),
    /** Meetings: when they end; calls: derived from `duration_seconds`. */
    ended_at: timestamp('ended_at', { withTimezone: true, mode: 'date' }),
    duration_seconds: integer('duration_seconds'),
    participants: jsonb('participants').$type<CommunicationParticipant[]>().notNull().default([]),
    details: jsonb('details').$type<CommunicationDetails>().notNull().default({}),
    /** E-mails of one conversation share it (the root Message-ID); IM messages share their chat id. */
    thread_key: varchar('thread_key', { length: 300 }),
    /** Where an ingested item came from (`email`, `wecom`, …) and its id there; null for items entered by staff. */
    source: varchar('source', { length: 32 }),
    external_id: varchar('external_id', { length: 300 }),
    created_by: bigint('created_by', { mode: 'number' }),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.tenant_id, t.occurred_at, t.id] }),
    index('communications_customer_occurred_idx').on(t.tenant_id, t.customer_id, t.occurred_at),
    // Finds one communication by id without knowing its month (the primary key leads with the month).
    index('communications_id_idx').on(t.tenant_id, t.id),
    index('communications_thread_idx').on(t.tenant_id, t.thread_key),
    check('communications_kind_check', sql`${t.kind} in ('call', 'meeting', 'email', 'im')`),
    check('communications_direction_check', sql`${t.direction} is null or ${t.direction} in ('inbound', 'outbound', 'internal')`),
    check('communications_end_order_check', sql`${t.ended_at} is null or ${t.ended_at} >= ${t.occurred_at}`),
    check('communications_duration_check', sql`${t.duration_seconds} is null or ${t.duration_seconds} >= 0`),
    foreignKey({ name: 'communications_created_by_fk', columns: [t.tenant_id, t.created_by], foreignColumns: [users.tenant_id, users.id] }),
  ],
);

/**
 * The source system's key of each ingested communication (an e-mail's Message-ID, an IM message id). A
 * partitioned table cannot hold a unique key without its partition column, so idempotency lives here.
 */
export const communicationKeys = pgTable(
  'communication_keys',
  {
    tenant_id: tenantId(),
    source: varchar('source', { length: 32 }).notNull(),
    external_id: varchar('external_id', { length: 300 }).notNull(),
    communication_id: bigint('communication_id', { mode: 'number' }).notNull(),
    occurred_at: timestamp('occurred_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenant_id, t.source, t.external_id] })],
);

/**
 * Each customer's latest communication, kept by a database trigger on `communications` (every insert, and an
 * update that moves a communication to another customer or time), so that "days since the last contact" over
 * all customers is a key lookup instead of grouping millions of communications (segments read it).
 * Backfilled from the communications when the table was created.
 */
export const customerContactRecency = pgTable(
  'customer_contact_recency',
  {
    tenant_id: tenantId(),
    customer_id: bigint('customer_id', { mode: 'number' }).notNull(),
    last_contact_at: timestamp('last_contact_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenant_id, t.customer_id] }),
    foreignKey({ name: 'customer_contact_recency_customer_fk', columns: [t.tenant_id, t.customer_id], foreignColumns: [customers.tenant_id, customers.id] }).onDelete('cascade'),
  ],
);

export type CommunicationRow = typeof communications.$inferSelect;
