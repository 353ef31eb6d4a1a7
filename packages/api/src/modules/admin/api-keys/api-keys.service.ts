import { and, desc, eq, isNotNull, isNull, lt } from 'drizzle-orm';
import { audit } from '../../../platform/audit.ts';
import { generateApiKey } from '../../../platform/auth/api-keys.ts';
import { ApiError } from '../../../platform/errors.ts';
import './api-keys.errors.ts';
import { emitEvent } from '../../../platform/events.ts';
import { decodeCursor, encodeCursor } from '../../../platform/http/pagination.ts';
import type { RequestScope } from '../../../platform/request-context.ts';
import { apiKeys } from '../../../platform/identity/users.schema.ts';
import { withOwnerRole } from '../../../platform/owner-role.ts';
import type { ApiKey, ApiKeyCreate, ApiKeyListQuery } from './api-keys.contract.ts';

type ApiKeyRow = typeof apiKeys.$inferSelect;

const present = (row: ApiKeyRow): ApiKey => ({
  id: row.id,
  name: row.name,
  key_prefix: row.key_prefix,
  scopes: row.scopes,
  created_at: row.created_at.toISOString(),
  revoked_at: row.revoked_at?.toISOString() ?? null,
});

/** What the audit log keeps of a key: never the secret, nor its hash. */
const auditView = (row: ApiKeyRow) => ({ id: row.id, name: row.name, key_prefix: row.key_prefix, scopes: row.scopes, revoked_at: row.revoked_at });

/**
 * Creates a key for the caller's tenant and returns its secret, the only time it is ever visible; the
 * database keeps its SHA-256 and prefix. A key cannot carry a permission its creator lacks.
 * @example const { secret } = await createApiKey(scope, { name: 'ticketing', scopes: ['customer:read'] });
 */
export async function createApiKey(scope: RequestScope, input: ApiKeyCreate): Promise<ApiKey & { secret: string }> {
  const notHeld = input.scopes.filter((permission) => !scope.principal.permissions.has(permission));
  if (notHeld.length > 0) throw new ApiError('auth.forbidden', { scopes_not_held: notHeld });
  const { secret, prefix, hash } = generateApiKey();
  const [row] = await withOwnerRole(scope.tx, (tx) =>
    tx.insert(apiKeys).values({ tenant_id: scope.tenantId, name: input.name, key_prefix: prefix, key_hash: hash, scopes: input.scopes }).returning(),
  );
  if (!row) throw new ApiError('internal');
  await audit(scope, { action: 'api_key.created', entity_type: 'api_key', entity_id: row.id, after: auditView(row) });
  await emitEvent(scope, { type: 'api_key.created', entity_type: 'api_key', entity_id: row.id, payload: { scopes: row.scopes } });
  return { ...present(row), secret };
}

/** The tenant's keys, newest first, keyset-paginated by id. */
export async function listApiKeys(scope: RequestScope, query: ApiKeyListQuery): Promise<{ items: ApiKey[]; next_cursor: string | null }> {
  const cursor = decodeCursor(query.cursor);
  const rows = await scope.tx
    .select()
    .from(apiKeys)
    .where(
      and(
        eq(apiKeys.tenant_id, scope.tenantId),
        query.status === 'active' ? isNull(apiKeys.revoked_at) : query.status === 'revoked' ? isNotNull(apiKeys.revoked_at) : undefined,
        cursor ? lt(apiKeys.id, cursor.id) : undefined,
      ),
    )
    .orderBy(desc(apiKeys.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return { items: page.map(present), next_cursor: rows.length > query.limit && last ? encodeCursor({ value: null, id: last.id }) : null };
}

/** Revokes a key of the caller's tenant (revoking twice keeps the first revocation time). */
export async function revokeApiKey(scope: RequestScope, id: number): Promise<ApiKey> {
  const { before, after } = await withOwnerRole(scope.tx, async (tx) => {
    // The tenant filter is what keeps one tenant's admin from revoking another tenant's keys: no RLS here.
    const where = and(eq(apiKeys.tenant_id, scope.tenantId), eq(apiKeys.id, id));
    const [current] = await tx.select().from(apiKeys).where(where).for('update');
    if (!current) throw new ApiError('api_key.not_found', { id });
    if (current.revoked_at) return { before: current, after: current };
    const [revoked] = await tx.update(apiKeys).set({ revoked_at: new Date() }).where(where).returning();
    return { before: current, after: revoked! };
  });
  if (before.revoked_at === null) {
    await audit(scope, { action: 'api_key.revoked', entity_type: 'api_key', entity_id: id, before: auditView(before), after: auditView(after) });
    await emitEvent(scope, { type: 'api_key.revoked', entity_type: 'api_key', entity_id: id, payload: {} });
  }
  return present(after);
}
