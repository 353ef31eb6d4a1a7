import { and, count, desc, eq, isNull, lt, sql } from 'drizzle-orm';
import { ApiError } from '../../../platform/errors.ts';
import './notifications.errors.ts';
import { formatLocalDateTime } from '../../../platform/time/local-time.ts';
import { decodeCursor, encodeCursor } from '../../../platform/http/pagination.ts';
import type { RequestScope } from '../../../platform/request-context.ts';
import type { Notification, NotificationPage } from './notifications.contract.ts';
import { notifications, type NotificationRow } from './notifications.schema.ts';

/** A text in both locales of the portal. */
export type LocalizedText = { zh: string; en: string };

/** What a module hands to `notify`. */
export type NotificationInput = {
  /** User ids of the tenant. */
  recipient_ids: readonly number[];
  /** What happened, dot-separated: `contract.renewal_due`, `sla.breach_warning`. */
  kind: string;
  title: LocalizedText;
  body?: LocalizedText;
  entity_type?: string;
  entity_id?: string | number;
  data?: Record<string, unknown>;
  /** Same key for the same recipient is stored once: what makes scheduled work safe to repeat. */
  dedupe_key: string;
};

function toNotification(row: NotificationRow): Notification {
  return {
    id: row.id,
    kind: row.kind,
    title: { zh: row.title_zh, en: row.title_en },
    body: row.body_zh === null && row.body_en === null ? null : { zh: row.body_zh ?? '', en: row.body_en ?? '' },
    entity_type: row.entity_type,
    entity_id: row.entity_id,
    data: row.data,
    read: row.read_at !== null,
    read_at: row.read_at ? formatLocalDateTime(row.read_at) : null,
    created_at: formatLocalDateTime(row.created_at),
  };
}

/**
 * Puts a notification in each recipient's inbox, once per recipient and `dedupe_key` however often it is
 * called (a reminder job that runs every hour notifies once). Runs in the caller's transaction, so the
 * notification exists if and only if the change it announces does.
 * @returns how many notifications are new.
 * @example await notify(scope, { recipient_ids: [ownerId], kind: 'contract.renewal_due', title: { zh: '合同即将到期', en: 'Contract due for renewal' }, entity_type: 'contract', entity_id: 42, dedupe_key: 'contract:42:renewal:90d' })
 */
export async function notify(scope: RequestScope, input: NotificationInput): Promise<number> {
  const recipients = [...new Set(input.recipient_ids)];
  if (recipients.length === 0) return 0;
  const inserted = await scope.tx
    .insert(notifications)
    .values(
      recipients.map((recipient_id) => ({
        tenant_id: scope.tenantId,
        recipient_id,
        kind: input.kind,
        title_zh: input.title.zh,
        title_en: input.title.en,
        body_zh: input.body?.zh ?? null,
        body_en: input.body?.en ?? null,
        entity_type: input.entity_type ?? null,
        entity_id: input.entity_id === undefined ? null : String(input.entity_id),
        data: input.data ?? {},
        dedupe_key: input.dedupe_key,
      })),
    )
    .onConflictDoNothing({ target: [notifications.tenant_id, notifications.recipient_id, notifications.dedupe_key] })
    .returning({ id: notifications.id });
  return inserted.length;
}

/**
 * The signed-in user whose inbox this is. An integration API key acts for no user and has no inbox:
 * refused rather than shown an empty list, so a misconfigured integration notices.
 */
function recipientOf(scope: RequestScope): number {
  if (scope.principal.userId === null) throw new ApiError('auth.forbidden', { reason: 'notifications belong to a signed-in user' });
  return scope.principal.userId;
}

const mine = (scope: RequestScope, recipientId: number) => and(eq(notifications.tenant_id, scope.tenantId), eq(notifications.recipient_id, recipientId));

async function unreadCount(scope: RequestScope, recipientId: number): Promise<number> {
  const [row] = await scope.tx.select({ n: count() }).from(notifications).where(and(mine(scope, recipientId), isNull(notifications.read_at)));
  return row?.n ?? 0;
}

/** The caller's notifications, newest first (by id, which follows insertion), keyset-paginated, with the unread count. */
export async function listMyNotifications(scope: RequestScope, query: { unread_only: boolean; limit: number; cursor?: string }): Promise<NotificationPage> {
  const recipientId = recipientOf(scope);
  const after = decodeCursor(query.cursor);
  const rows = await scope.tx
    .select()
    .from(notifications)
    .where(and(mine(scope, recipientId), query.unread_only ? isNull(notifications.read_at) : undefined, after ? lt(notifications.id, after.id) : undefined))
    .orderBy(desc(notifications.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map(toNotification),
    next_cursor: rows.length > query.limit && last ? encodeCursor({ value: null, id: last.id }) : null,
    unread_count: await unreadCount(scope, recipientId),
  };
}

/** Marks one of the caller's notifications read (keeping the first read time); anyone else's is 404. */
export async function markRead(scope: RequestScope, id: number): Promise<Notification> {
  const recipientId = recipientOf(scope);
  const [row] = await scope.tx
    .update(notifications)
    .set({ read_at: sql`coalesce(${notifications.read_at}, now())` })
    .where(and(mine(scope, recipientId), eq(notifications.id, id)))
    .returning();
  if (!row) throw new ApiError('notification.not_found', { id });
  return toNotification(row);
}

/** Marks every unread notification of the caller read. */
export async function markAllRead(scope: RequestScope): Promise<{ marked: number; unread_count: number }> {
  const recipientId = recipientOf(scope);
  const marked = await scope.tx
    .update(notifications)
    .set({ read_at: new Date() })
    .where(and(mine(scope, recipientId), isNull(notifications.read_at)))
    .returning({ id: notifications.id });
  return { marked: marked.length, unread_count: await unreadCount(scope, recipientId) };
}
