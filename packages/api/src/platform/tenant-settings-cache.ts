import { eq } from 'drizzle-orm';
import { LRUCache } from 'lru-cache';
import type { Db } from '../db/create-db.ts';
import { tenants, type TenantSettings } from './identity/tenants.schema.ts';

/**
 * Every request reads its tenant's settings before anything else; they change rarely, so each process
 * keeps them for a few seconds. A change made through this process is seen at once (`forgetTenantSettings`);
 * one made through another replica within `TENANT_SETTINGS_TTL_MS`.
 */
export const TENANT_SETTINGS_TTL_MS = 5_000;

const cache = new LRUCache<number, { settings: TenantSettings }>({ max: 10_000, ttl: TENANT_SETTINGS_TTL_MS });

/**
 * The tenant's settings, or `null` for a tenant that does not exist.
 * @example const settings = await tenantSettingsOf(db, 7);
 */
export async function tenantSettingsOf(db: Db, tenantId: number): Promise<TenantSettings | null> {
  const cached = cache.get(tenantId);
  if (cached) return cached.settings;
  const [tenant] = await db.select({ settings: tenants.settings }).from(tenants).where(eq(tenants.id, tenantId));
  if (!tenant) return null;
  cache.set(tenantId, { settings: tenant.settings });
  return tenant.settings;
}

/** Drops a tenant's cached settings after they changed. */
export const forgetTenantSettings = (tenantId: number): void => void cache.delete(tenantId);
