import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { audit } from '../../../platform/audit.ts';
import { ApiError } from '../../../platform/errors.ts';
import './sla-policies.errors.ts';
import { emitEvent } from '../../../platform/events.ts';
import { formatLocalDateTime } from '../../../platform/time/local-time.ts';
import type { RequestScope } from '../../../platform/request-context.ts';
import { DEFAULT_SLA_CATALOGUE } from './default-catalogue.ts';
import type { SlaTier, SlaTierCreate, SlaVersion, SlaVersionInput } from './sla-policies.contract.ts';
import { slaTiers, slaVersions, type SlaTierRow, type SlaVersionRow } from './sla-policies.schema.ts';

const toVersion = (row: SlaVersionRow, tier: SlaTierRow): SlaVersion => ({
  id: row.id,
  tier_id: row.tier_id,
  tier_code: tier.code,
  tier_name: { zh: tier.name_zh, en: tier.name_en },
  tier_rank: tier.rank,
  version_no: row.version_no,
  status: row.status,
  service_hours: row.service_hours,
  targets: row.targets,
  availability_target: Number(row.availability_target),
  escalation: row.escalation,
  service_credits: row.service_credits,
  reviews_per_year: row.reviews_per_year,
  notes: row.notes,
  published_at: row.published_at ? formatLocalDateTime(row.published_at) : null,
  retired_at: row.retired_at ? formatLocalDateTime(row.retired_at) : null,
});

/** Tenants known to have a catalogue: the check below runs once per tenant and process. */
const provisioned = new Set<number>();

/**
 * Makes sure the tenant has an SLA catalogue: a tenant without one gets the default tiers, each with a
 * published version 1. Safe under concurrency (the unique code makes the second writer a no-op).
 * @example await ensureSlaCatalogue(scope);
 */
export async function ensureSlaCatalogue(scope: RequestScope): Promise<void> {
  if (provisioned.has(scope.tenantId)) return;
  const [existing] = await scope.tx.select({ id: slaTiers.id }).from(slaTiers).where(eq(slaTiers.tenant_id, scope.tenantId)).limit(1);
  // Only a catalogue found (committed) is remembered: one written here may still roll back with the request.
  if (existing) {
    provisioned.add(scope.tenantId);
    return;
  }
  for (const tier of DEFAULT_SLA_CATALOGUE) {
    const [row] = await scope.tx
      .insert(slaTiers)
      .values({ tenant_id: scope.tenantId, code: tier.code, name_zh: tier.name_zh, name_en: tier.name_en, rank: tier.rank, description: tier.description })
      .onConflictDoNothing()
      .returning();
    if (!row) continue;
    await scope.tx.insert(slaVersions).values({ tenant_id: scope.tenantId, tier_id: row.id, version_no: 1, status: 'published', published_at: new Date(), created_by: 'system', ...tier.version });
  }
}

async function findTier(scope: RequestScope, id: number): Promise<SlaTierRow> {
  const [tier] = await scope.tx.select().from(slaTiers).where(and(eq(slaTiers.tenant_id, scope.tenantId), eq(slaTiers.id, id)));
  if (!tier) throw new ApiError('sla.tier_not_found', { id });
  return tier;
}

async function findVersion(scope: RequestScope, id: number, lock = false): Promise<{ version: SlaVersionRow; tier: SlaTierRow }> {
  const query = scope.tx
    .select({ version: slaVersions, tier: slaTiers })
    .from(slaVersions)
    .innerJoin(slaTiers, and(eq(slaTiers.tenant_id, slaVersions.tenant_id), eq(slaTiers.id, slaVersions.tier_id)))
    .where(and(eq(slaVersions.tenant_id, scope.tenantId), eq(slaVersions.id, id)));
  const [row] = lock ? await query.for('update', { of: slaVersions }) : await query;
  if (!row) throw new ApiError('sla.version_not_found', { id });
  return row;
}

/**
 * The catalogue, lowest rank first, each tier with its versions newest first.
 * @example const { items } = await listSlaTiers(scope); items[0].code // 'standard'
 */
export async function listSlaTiers(scope: RequestScope): Promise<{ items: SlaTier[] }> {
  await ensureSlaCatalogue(scope);
  const tiers = await scope.tx.select().from(slaTiers).where(eq(slaTiers.tenant_id, scope.tenantId)).orderBy(asc(slaTiers.rank), asc(slaTiers.id));
  const versions = await scope.tx.select().from(slaVersions).where(eq(slaVersions.tenant_id, scope.tenantId)).orderBy(desc(slaVersions.version_no));
  return {
    items: tiers.map((tier) => ({
      id: tier.id,
      code: tier.code,
      name_zh: tier.name_zh,
      name_en: tier.name_en,
      rank: tier.rank,
      description: tier.description,
      versions: versions.filter((v) => v.tier_id === tier.id).map((v) => toVersion(v, tier)),
    })),
  };
}

/** Adds a tier (no version yet). */
export async function createSlaTier(scope: RequestScope, input: SlaTierCreate): Promise<SlaTier> {
  await ensureSlaCatalogue(scope);
  const [row] = await scope.tx
    .insert(slaTiers)
    .values({ tenant_id: scope.tenantId, code: input.code, name_zh: input.name_zh, name_en: input.name_en, rank: input.rank, description: input.description ?? null })
    .onConflictDoNothing()
    .returning();
  if (!row) throw new ApiError('sla.tier_exists', { code: input.code });
  await audit(scope, { action: 'sla.tier_created', entity_type: 'sla_tier', entity_id: row.id, after: row });
  return { id: row.id, code: row.code, name_zh: row.name_zh, name_en: row.name_en, rank: row.rank, description: row.description, versions: [] };
}

const versionValues = (input: SlaVersionInput) => ({
  service_hours: input.service_hours,
  targets: input.targets,
  availability_target: input.availability_target.toFixed(3),
  escalation: input.escalation,
  service_credits: input.service_credits,
  reviews_per_year: input.reviews_per_year,
  notes: input.notes ?? null,
});

/** Drafts the next version of a tier. The tier row is locked so two drafts never share a number. */
export async function createSlaVersion(scope: RequestScope, tierId: number, input: SlaVersionInput): Promise<SlaVersion> {
  await ensureSlaCatalogue(scope);
  const tier = await findTier(scope, tierId);
  await scope.tx.select({ id: slaTiers.id }).from(slaTiers).where(and(eq(slaTiers.tenant_id, scope.tenantId), eq(slaTiers.id, tierId))).for('update');
  const [{ next } = { next: 1 }] = await scope.tx
    .select({ next: sql<number>`coalesce(max(${slaVersions.version_no}), 0) + 1`.mapWith(Number) })
    .from(slaVersions)
    .where(and(eq(slaVersions.tenant_id, scope.tenantId), eq(slaVersions.tier_id, tierId)));
  const [row] = await scope.tx
    .insert(slaVersions)
    .values({ tenant_id: scope.tenantId, tier_id: tierId, version_no: next, status: 'draft', created_by: scope.principal.subject, ...versionValues(input) })
    .returning();
  const version = toVersion(row!, tier);
  await audit(scope, { action: 'sla.version_drafted', entity_type: 'sla_version', entity_id: version.id, after: version });
  return version;
}

/** One version of the catalogue. */
export async function getSlaVersion(scope: RequestScope, id: number): Promise<SlaVersion> {
  const { version, tier } = await findVersion(scope, id);
  return toVersion(version, tier);
}

/** Replaces a draft's terms; published and retired versions are immutable. */
export async function updateSlaVersion(scope: RequestScope, id: number, input: SlaVersionInput): Promise<SlaVersion> {
  const { version: before, tier } = await findVersion(scope, id, true);
  if (before.status !== 'draft') throw new ApiError('sla.version_immutable', { id, status: before.status });
  const [row] = await scope.tx
    .update(slaVersions)
    .set({ ...versionValues(input), updated_at: new Date() })
    .where(and(eq(slaVersions.tenant_id, scope.tenantId), eq(slaVersions.id, id)))
    .returning();
  const after = toVersion(row!, tier);
  await audit(scope, { action: 'sla.version_updated', entity_type: 'sla_version', entity_id: id, before: toVersion(before, tier), after });
  return after;
}

async function changeStatus(scope: RequestScope, id: number, from: 'draft' | 'published', to: 'published' | 'retired'): Promise<SlaVersion> {
  const { version: before, tier } = await findVersion(scope, id, true);
  if (before.status !== from) throw new ApiError(from === 'draft' ? 'sla.version_immutable' : 'sla.version_not_bindable', { id, status: before.status });
  const now = new Date();
  const [row] = await scope.tx
    .update(slaVersions)
    .set(to === 'published' ? { status: to, published_at: now, updated_at: now } : { status: to, retired_at: now, updated_at: now })
    .where(and(eq(slaVersions.tenant_id, scope.tenantId), eq(slaVersions.id, id)))
    .returning();
  const after = toVersion(row!, tier);
  versionCache.delete(cacheKey(scope.tenantId, id));
  await audit(scope, { action: `sla.version_${to}`, entity_type: 'sla_version', entity_id: id, before: { status: before.status }, after: { status: after.status } });
  await emitEvent(scope, { type: `sla.version_${to}`, entity_type: 'sla_version', entity_id: id, payload: { tier_code: tier.code, version_no: after.version_no } });
  return after;
}

/** Publishes a draft: from now on it is immutable and new bindings may use it. */
export const publishSlaVersion = (scope: RequestScope, id: number) => changeStatus(scope, id, 'draft', 'published');
/** Retires a published version: existing bindings keep it, nothing new binds to it. */
export const retireSlaVersion = (scope: RequestScope, id: number) => changeStatus(scope, id, 'published', 'retired');

// ---- what other modules ask -------------------------------------------------------------------------

const cacheKey = (tenantId: number, id: number) => `${tenantId}:${id}`;
/** Published versions never change but for retiring, so their terms are cached per process. */
const versionCache = new Map<string, SlaVersion>();
const CACHE_LIMIT = 5_000;

/**
 * Versions by id (bindings point at them), from a per-process cache of published versions: their terms are
 * immutable, so the effective-SLA lookup reads them without a query after the first time. `status` may lag
 * behind a retirement made by another replica; the terms never do.
 * @example const [version] = await slaVersionsById(scope, [12]);
 */
export async function slaVersionsById(scope: RequestScope, ids: readonly number[]): Promise<Map<number, SlaVersion>> {
  const found = new Map<number, SlaVersion>();
  const missing: number[] = [];
  for (const id of new Set(ids)) {
    const cached = versionCache.get(cacheKey(scope.tenantId, id));
    if (cached) found.set(id, cached);
    else missing.push(id);
  }
  if (missing.length > 0) {
    const rows = await scope.tx
      .select({ version: slaVersions, tier: slaTiers })
      .from(slaVersions)
      .innerJoin(slaTiers, and(eq(slaTiers.tenant_id, slaVersions.tenant_id), eq(slaTiers.id, slaVersions.tier_id)))
      .where(and(eq(slaVersions.tenant_id, scope.tenantId), inArray(slaVersions.id, missing)));
    for (const row of rows) {
      const version = toVersion(row.version, row.tier);
      found.set(version.id, version);
      if (version.status !== 'draft') {
        if (versionCache.size >= CACHE_LIMIT) versionCache.delete(versionCache.keys().next().value!);
        versionCache.set(cacheKey(scope.tenantId, version.id), version);
      }
    }
  }
  return found;
}

/**
 * A version that may be bound now: published and not retired, or 422 `sla.version_not_bindable`.
 * @example const version = await bindableVersion(scope, 12);
 */
export async function bindableVersion(scope: RequestScope, id: number): Promise<SlaVersion> {
  const { version, tier } = await findVersion(scope, id);
  if (version.status !== 'published') throw new ApiError('sla.version_not_bindable', { id, status: version.status });
  return toVersion(version, tier);
}

/**
 * The newest published version of the tier with this code, or of the lowest-ranked tier when the code is
 * `null` or unknown (the tenant's default). `null` only when the catalogue has no published version at all.
 * @example const version = await latestPublishedVersion(scope, 'premium');
 */
export async function latestPublishedVersion(scope: RequestScope, tierCode: string | null): Promise<SlaVersion | null> {
  await ensureSlaCatalogue(scope);
  const rows = await scope.tx
    .select({ version: slaVersions, tier: slaTiers })
    .from(slaVersions)
    .innerJoin(slaTiers, and(eq(slaTiers.tenant_id, slaVersions.tenant_id), eq(slaTiers.id, slaVersions.tier_id)))
    .where(and(eq(slaVersions.tenant_id, scope.tenantId), eq(slaVersions.status, 'published')))
    .orderBy(asc(slaTiers.rank), desc(slaVersions.version_no));
  const pick = rows.find((row) => row.tier.code === tierCode) ?? rows[0];
  return pick ? toVersion(pick.version, pick.tier) : null;
}

/** The catalogue in the shape the pure recommendation reads. */
export async function recommendationCatalogue(scope: RequestScope) {
  const { items } = await listSlaTiers(scope);
  return items.map((tier) => ({
    code: tier.code,
    name: tier.name_zh,
    rank: tier.rank,
    versions: tier.versions
      .filter((v) => v.status !== 'draft')
      .map((v) => ({ id: String(v.id), published_at: new Date(`${v.published_at!.replace(' ', 'T')}+08:00`).toISOString(), retired: v.status === 'retired' })),
  }));
}
