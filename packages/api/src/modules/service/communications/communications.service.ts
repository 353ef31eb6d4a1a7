import { and, asc, desc, eq, gte, ilike, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import { audit } from '../../../platform/audit.ts';
import { addDays, startOfBusinessDay } from '../../../platform/time/calendar-date.ts';
import { ApiError } from '../../../platform/errors.ts';
import './communications.errors.ts';
import { emitEvent } from '../../../platform/events.ts';
import { formatLocalDateTime } from '../../../platform/time/local-time.ts';
import { decodeCursor, encodeCursor } from '../../../platform/http/pagination.ts';
import type { RequestScope } from '../../../platform/request-context.ts';
import { actingUserId } from '../../../platform/staff-users.ts';
import { customerDirectory, findVisibleCustomer, visibleCustomers } from '../../customers/customers/customers.public.ts';
import { auditAddressReads, participantNames, presentParticipants, type ParticipantNames } from './communication-participants.ts';
import { MAX_BODY_CHARS, type Communication, type CommunicationFilters } from './communications.contract.ts';
import { communications, type CommunicationDetails, type CommunicationRow } from './communications.schema.ts';

/**
 * Refuses texts longer than the 100,000 characters a communication keeps (422, nothing written).
 * @example assertTextSize({ body: input.body, minutes: input.minutes });
 */
export function assertTextSize(texts: Record<string, string | null | undefined>): void {
  for (const [field, text] of Object.entries(texts)) {
    if (text && text.length > MAX_BODY_CHARS) throw new ApiError('communication.body_too_large', { field, length: text.length, max: MAX_BODY_CHARS });
  }
}

/**
 * Refuses an end before the start (422).
 * @example assertTimeOrder(start, end);
 */
export function assertTimeOrder(start: Date, end: Date | null | undefined): void {
  if (end && end.getTime() < start.getTime()) throw new ApiError('communication.times_invalid', { occurred_at: start.toISOString(), ended_at: end.toISOString() });
}

/** The details the API shows: bookkeeping keys (content hash, item counter) stay inside. */
function presentDetails(details: CommunicationDetails): Communication['details'] {
  const shown: Communication['details'] = {};
  if (details.location !== undefined) shown.location = details.location;
  if (details.agenda !== undefined) shown.agenda = details.agenda;
  if (details.minutes !== undefined) shown.minutes = details.minutes;
  if (details.decisions !== undefined) shown.decisions = details.decisions;
  if (details.action_items !== undefined) shown.action_items = details.action_items.map((a) => ({ title: a.title, owner_user_id: a.owner_user_id, due_date: a.due_date ?? null, task_id: a.task_id ?? null }));
  if (details.message_id !== undefined) shown.message_id = details.message_id;
  if (details.in_reply_to !== undefined) shown.in_reply_to = details.in_reply_to;
  if (details.references !== undefined) shown.references = details.references;
  if (details.attachments !== undefined) shown.attachments = details.attachments;
  return shown;
}

/**
 * The API view of a stored communication, with participant names resolved.
 * @example toCommunication(scope, row, await participantNames(scope, [row]))
 */
export function toCommunication(scope: RequestScope, row: CommunicationRow, names: ParticipantNames): Communication {
  return {
    id: row.id,
    customer_id: row.customer_id,
    kind: row.kind,
    direction: row.direction,
    channel: row.channel,
    subject: row.subject,
    body: row.body,
    occurred_at: formatLocalDateTime(row.occurred_at),
    ended_at: row.ended_at ? formatLocalDateTime(row.ended_at) : null,
    duration_seconds: row.duration_seconds,
    participants: presentParticipants(scope, row, names),
    details: presentDetails(row.details),
    thread_key: row.thread_key,
    source: row.source,
    external_id: row.external_id,
    created_by: row.created_by,
    created_at: formatLocalDateTime(row.created_at),
  };
}

/**
 * Presents several communications with one name lookup; unmasked addresses are audited against `entity`.
 * @example await presentCommunications(scope, rows, { type: 'customer', id: 12 })
 */
export async function presentCommunications(scope: RequestScope, rows: readonly CommunicationRow[], entity: { type: 'customer' | 'communication'; id: number }): Promise<Communication[]> {
  const names = await participantNames(scope, rows);
  await auditAddressReads(scope, rows, entity);
  return rows.map((row) => toCommunication(scope, row, names));
}

/** The values of a new communication; tenant and author are added by `insertCommunication`. */
export type NewCommunication = Omit<typeof communications.$inferInsert, 'tenant_id' | 'created_by' | 'id'>;

/**
 * Stores a communication, audits it and announces `communication.logged` in the same transaction.
 * @example const row = await insertCommunication(scope, { customer_id: 12, kind: 'call', occurred_at: new Date(), … });
 */
export async function insertCommunication(scope: RequestScope, values: NewCommunication): Promise<CommunicationRow> {
  const [row] = (await scope.tx
    .insert(communications)
    .values({ ...values, tenant_id: scope.tenantId, created_by: await actingUserId(scope) })
    .returning()) as [CommunicationRow];
  await audit(scope, { action: 'communication.created', entity_type: 'communication', entity_id: row.id, after: row });
  await emitEvent(scope, {
    type: 'communication.logged',
    entity_type: 'communication',
    entity_id: row.id,
    payload: { customer_id: row.customer_id, kind: row.kind, direction: row.direction, channel: row.channel, occurred_at: row.occurred_at.toISOString(), source: row.source },
  });
  return row;
}

/** Communications of customers the caller may see. */
function visibleCommunications(scope: RequestScope): SQL {
  const visible = scope.tx.select({ id: customerDirectory.id }).from(customerDirectory).where(visibleCustomers(scope, customerDirectory));
  return and(eq(communications.tenant_id, scope.tenantId), inArray(communications.customer_id, visible))!;
}

/**
 * One communication of a customer the caller may see; 404 otherwise (another tenant's included).
 * @example const row = await findCommunication(scope, 42);
 */
export async function findCommunication(scope: RequestScope, id: number): Promise<CommunicationRow> {
  const [row] = await scope.tx.select().from(communications).where(and(visibleCommunications(scope), eq(communications.id, id)));
  if (!row) throw new ApiError('communication.not_found', { id });
  return row;
}

/**
 * Saves changed columns of a communication, audited as `communication.updated` and, unless the change
 * completes a communication being logged, announced.
 * @example await saveCommunication(scope, row, { details: { ...row.details, minutes } });
 */
export async function saveCommunication(scope: RequestScope, before: CommunicationRow, changes: Partial<Pick<CommunicationRow, 'subject' | 'ended_at' | 'details' | 'body'>>, options: { announce: boolean } = { announce: true }): Promise<CommunicationRow> {
  const [row] = (await scope.tx
    .update(communications)
    .set({ ...changes, updated_at: new Date() })
    .where(and(eq(communications.tenant_id, scope.tenantId), eq(communications.occurred_at, before.occurred_at), eq(communications.id, before.id)))
    .returning()) as [CommunicationRow];
  await audit(scope, {
    action: 'communication.updated',
    entity_type: 'communication',
    entity_id: row.id,
    before: { subject: before.subject, ended_at: before.ended_at, details: before.details },
    after: { subject: row.subject, ended_at: row.ended_at, details: row.details },
  });
  if (options.announce) await emitEvent(scope, { type: 'communication.updated', entity_type: 'communication', entity_id: row.id, payload: { customer_id: row.customer_id, kind: row.kind } });
  return row;
}

/** `%`, `_` and `\` match themselves in the search words. */
const likeWords = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * A page of a customer's communications, newest first, keyset-paginated on (occurred_at, id).
 * @example await listCommunications(scope, 12, { kind: 'meeting', q: '续约' }, { limit: 20 })
 */
export async function listCommunications(scope: RequestScope, customerId: number, filters: CommunicationFilters, page: { limit: number; cursor?: string }) {
  await findVisibleCustomer(scope, customerId);
  const where: SQL[] = [eq(communications.tenant_id, scope.tenantId), eq(communications.customer_id, customerId)];
  if (filters.kind) where.push(eq(communications.kind, filters.kind));
  if (filters.from) where.push(gte(communications.occurred_at, startOfBusinessDay(filters.from)));
  if (filters.to) where.push(lt(communications.occurred_at, startOfBusinessDay(addDays(filters.to, 1))));
  if (filters.q) where.push(or(ilike(communications.subject, likeWords(filters.q)), ilike(communications.body, likeWords(filters.q)))!);
  const after = decodeCursor(page.cursor);
  if (after) {
    if (typeof after.value !== 'string' || Number.isNaN(Date.parse(after.value))) throw new ApiError('request.cursor_invalid');
    where.push(sql`(${communications.occurred_at}, ${communications.id}) < (${after.value}::timestamptz, ${after.id})`);
  }
  const rows = await scope.tx
    .select()
    .from(communications)
    .where(and(...where))
    .orderBy(desc(communications.occurred_at), desc(communications.id))
    .limit(page.limit + 1);
  const items = rows.slice(0, page.limit);
  const last = items[items.length - 1];
  return {
    items: await presentCommunications(scope, items, { type: 'customer', id: customerId }),
    next_cursor: rows.length > page.limit && last ? encodeCursor({ value: last.occurred_at.toISOString(), id: last.id }) : null,
  };
}

/** The longest thread answered at once. */
export const MAX_THREAD = 500;

/**
 * The conversation of a communication (same thread key, same customer), oldest first.
 * @example const { items } = await communicationThread(scope, 42);
 */
export async function communicationThread(scope: RequestScope, id: number): Promise<{ items: Communication[] }> {
  const row = await findCommunication(scope, id);
  const rows = row.thread_key
    ? await scope.tx
        .select()
        .from(communications)
        .where(and(eq(communications.tenant_id, scope.tenantId), eq(communications.customer_id, row.customer_id), eq(communications.thread_key, row.thread_key)))
        .orderBy(asc(communications.occurred_at), asc(communications.id))
        .limit(MAX_THREAD)
    : [row];
  return { items: await presentCommunications(scope, rows, { type: 'communication', id }) };
}
