import { and, desc, eq, gte, inArray, like, lt, type SQL } from 'drizzle-orm';
import { decodeCursor, encodeCursor } from '../../../platform/http/pagination.ts';
import { auditLog, type AuditRow } from '../../../platform/platform.schema.ts';
import type { RequestScope } from '../../../platform/request-context.ts';
import { apiKeys, users } from '../../../platform/identity/users.schema.ts';
import type { AuditEntryView, AuditQuery } from './audit.contract.ts';

const escapeLike = (value: string) => value.replace(/[\\%_]/g, (ch) => `\\${ch}`);

/** `customer.*` matches every customer action; anything else matches exactly. */
function actionFilter(action: string): SQL {
  return action.endsWith('*') ? like(auditLog.action, `${escapeLike(action.slice(0, -1))}%`) : eq(auditLog.action, action);
}

/** Display names of the actors on a page: users by id, API keys by `apikey:<id>`. */
async function actorNames(scope: RequestScope, rows: AuditRow[]): Promise<Map<string, string>> {
  const userIds = [...new Set(rows.filter((r) => r.actor_type === 'user' && /^\d+$/.test(r.actor_id)).map((r) => Number(r.actor_id)))];
  const keyIds = [...new Set(rows.map((r) => r.actor_id.match(/^apikey:(\d+)$/)?.[1]).filter((id) => id !== undefined).map(Number))];
  const names = new Map<string, string>();
  if (userIds.length > 0) {
    const found = await scope.tx
      .select({ id: users.id, name: users.display_name })
      .from(users)
      .where(and(eq(users.tenant_id, scope.tenantId), inArray(users.id, userIds)));
    for (const user of found) names.set(String(user.id), user.name);
  }
  if (keyIds.length > 0) {
    const found = await scope.tx
      .select({ id: apiKeys.id, name: apiKeys.name })
      .from(apiKeys)
      .where(and(eq(apiKeys.tenant_id, scope.tenantId), inArray(apiKeys.id, keyIds)));
    for (const key of found) names.set(`apikey:${key.id}`, key.name);
  }
  return names;
}

/**
 * The tenant's audit entries, newest first, filtered by entity, actor, action and time, keyset-paginated
 * by id (the chain order).
 * @example await listAuditEntries(scope, { entity_type: 'customer', entity_id: '42', limit: 20 })
 */
export async function listAuditEntries(scope: RequestScope, query: AuditQuery): Promise<{ items: AuditEntryView[]; next_cursor: string | null }> {
  const cursor = decodeCursor(query.cursor);
  const rows = await scope.tx
    .select()
    .from(auditLog)
    .where(
      and(
        eq(auditLog.tenant_id, scope.tenantId),
        query.entity_type ? eq(auditLog.entity_type, query.entity_type) : undefined,
        query.entity_id ? eq(auditLog.entity_id, query.entity_id) : undefined,
        query.actor_id ? eq(auditLog.actor_id, query.actor_id) : undefined,
        query.action ? actionFilter(query.action) : undefined,
        query.from ? gte(auditLog.occurred_at, new Date(query.from)) : undefined,
        query.to ? lt(auditLog.occurred_at, new Date(query.to)) : undefined,
        cursor ? lt(auditLog.id, cursor.id) : undefined,
      ),
    )
    .orderBy(desc(auditLog.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const names = await actorNames(scope, page);
  const items = page.map((row) => ({
    id: row.id,
    occurred_at: row.occurred_at.toISOString(),
    actor_type: row.actor_type,
    actor_id: row.actor_id,
    actor_name: names.get(row.actor_id) ?? null,
    action: row.action,
    entity_type: row.entity_type,
    entity_id: row.entity_id,
    before: row.before ?? null,
    after: row.after ?? null,
    request_id: row.request_id,
    prev_hash: row.prev_hash,
    hash: row.hash,
  }));
  const last = page.at(-1);
  return { items, next_cursor: rows.length > query.limit && last ? encodeCursor({ value: null, id: last.id }) : null };
}
