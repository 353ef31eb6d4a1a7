import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { audit } from '../../../platform/audit.ts';
import { ApiError } from '../../../platform/errors.ts';
import './settings.errors.ts';
import { emitEvent } from '../../../platform/events.ts';
import type { RequestScope } from '../../../platform/request-context.ts';
import { tenants, type TenantSettings } from '../../../platform/identity/tenants.schema.ts';
import type { TenantSettingsUpdate, TenantSettingsView } from './settings.contract.ts';
import { withOwnerRole } from '../../../platform/owner-role.ts';
import { forgetTenantSettings } from '../../../platform/tenant-settings-cache.ts';
import { DEFAULT_REMINDER_OFFSETS, normaliseReminderOffsets } from '../../contracts-sla/contracts/contracts.public.ts';

type TenantRow = typeof tenants.$inferSelect;

/** Defaults for settings a tenant row may predate. */
const DEFAULT_SETTINGS: Required<TenantSettings> = { manager_data_scope: 'all', renewal_reminder_offsets: [...DEFAULT_REMINDER_OFFSETS] };

function present(row: TenantRow): TenantSettingsView {
  const settings = { ...DEFAULT_SETTINGS, ...row.settings };
  return {
    tenant_id: row.id,
    tenant_code: row.code,
    tenant_name: row.name,
    manager_data_scope: settings.manager_data_scope,
    renewal_reminder_offsets: normaliseReminderOffsets(settings.renewal_reminder_offsets),
  };
}

/**
 * A strong ETag over the settings' content: the tenants table has no row version, and a content hash
 * refuses a stale write just as well.
 * @example settingsEtag(view) // '"settings-7-3f2a…"'
 */
export function settingsEtag(view: TenantSettingsView): string {
  const digest = createHash('sha256').update(JSON.stringify({ manager_data_scope: view.manager_data_scope, renewal_reminder_offsets: view.renewal_reminder_offsets })).digest('hex');
  return `"settings-${view.tenant_id}-${digest.slice(0, 16)}"`;
}

/** The caller's tenant settings. */
export async function getSettings(scope: RequestScope): Promise<TenantSettingsView> {
  const [row] = await scope.tx.select().from(tenants).where(eq(tenants.id, scope.tenantId));
  if (!row) throw new ApiError('tenant.not_found');
  return present(row);
}

/**
 * Changes settings if the caller read the current ones (`ifMatch`, `*` = any), audited with before and
 * after. The tenant row is locked, so two admins cannot interleave their changes.
 */
export async function updateSettings(scope: RequestScope, ifMatch: string, patch: TenantSettingsUpdate): Promise<TenantSettingsView> {
  const { before, after } = await withOwnerRole(scope.tx, async (tx) => {
    const [row] = await tx.select().from(tenants).where(eq(tenants.id, scope.tenantId)).for('update');
    if (!row) throw new ApiError('tenant.not_found');
    const current = present(row);
    if (ifMatch.trim() !== '*' && ifMatch.trim() !== settingsEtag(current)) {
      throw new ApiError('precondition.failed', { etag: settingsEtag(current) });
    }
    const settings: TenantSettings = { ...DEFAULT_SETTINGS, ...row.settings, ...patch };
    const [updated] = await tx.update(tenants).set({ settings }).where(eq(tenants.id, scope.tenantId)).returning();
    return { before: row.settings, after: present(updated!) };
  });
  forgetTenantSettings(scope.tenantId);
  await audit(scope, { action: 'settings.updated', entity_type: 'tenant', entity_id: scope.tenantId, before, after: { manager_data_scope: after.manager_data_scope, renewal_reminder_offsets: after.renewal_reminder_offsets } });
  await emitEvent(scope, { type: 'settings.updated', entity_type: 'tenant', entity_id: scope.tenantId, payload: { changed: Object.keys(patch) } });
  return after;
}
