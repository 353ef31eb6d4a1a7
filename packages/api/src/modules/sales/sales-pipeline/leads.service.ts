import { and, desc, eq, ilike, lt, or, type SQL } from 'drizzle-orm';
import { audit } from '../../../platform/audit.ts';
import { revealField, sealedColumns } from '../../../platform/crypto/field-crypto.ts';
import { ApiError } from '../../../platform/errors.ts';
import './sales-pipeline.errors.ts';
import { emitEvent } from '../../../platform/events.ts';
import { formatLocalDateTime } from '../../../platform/time/local-time.ts';
import { decodeCursor, encodeCursor } from '../../../platform/http/pagination.ts';
import type { RequestScope } from '../../../platform/request-context.ts';
import { actingUserId, assertUserReferences, type UserReference } from '../../../platform/staff-users.ts';
import { bantScore, canMoveLead, type Bant, type LeadStatus } from './lead-qualification.ts';
import { findLeadDuplicates } from './lead-duplicates.service.ts';
import type { Lead, LeadCreate, LeadDuplicate, LeadListQuery, LeadUpdate } from './leads.contract.ts';
import { leads } from './sales-pipeline.schema.ts';

export type LeadRow = typeof leads.$inferSelect;

/** A lead's owner works it: a member of staff of the tenant who may write leads. */
const ownerReference = (id: number | null | undefined): UserReference => ({ field: 'owner_id', id, permission: 'lead:write' });

/** The API view of a lead: contact channels decrypted, and masked unless the caller holds `pii:read`. */
export function presentLead(scope: RequestScope, row: LeadRow): Lead {
  const canRead = scope.principal.permissions.has('pii:read');
  return {
    id: row.id,
    company_name: row.company_name,
    contact_name: row.contact_name,
    title: row.title,
    mobile: revealField(scope.keyRing, 'mobile', row.mobile_enc, canRead),
    email: revealField(scope.keyRing, 'email', row.email_enc, canRead),
    source: row.source,
    owner_id: row.owner_id,
    status: row.status as LeadStatus,
    qualification: row.qualification as Bant,
    score: row.score,
    industry: row.industry,
    region: row.region,
    notes: row.notes,
    converted_customer_id: row.converted_customer_id,
    converted_opportunity_id: row.converted_opportunity_id,
    converted_at: row.converted_at ? formatLocalDateTime(row.converted_at) : null,
    version: row.version,
    created_at: formatLocalDateTime(row.created_at),
    updated_at: formatLocalDateTime(row.updated_at),
  };
}

/**
 * Creates a lead scored from its qualification, answering the duplicates found; with `rejectDuplicates`
 * any duplicate refuses it (409 `lead.duplicate`).
 * @example const { row, duplicates } = await createLead(scope, { company_name: '星辰物流', source: 'website', mobile: '13900139000' }, { rejectDuplicates: false });
 */
export async function createLead(scope: RequestScope, input: LeadCreate, options: { rejectDuplicates: boolean }): Promise<{ row: LeadRow; duplicates: LeadDuplicate[] }> {
  await assertUserReferences(scope, [ownerReference(input.owner_id)]);
  const duplicates = await findLeadDuplicates(scope, input);
  if (options.rejectDuplicates && duplicates.length > 0) throw new ApiError('lead.duplicate', { duplicates });
  const { mobile, email, qualification = {}, ...fields } = input;
  const [row] = await scope.tx
    .insert(leads)
    .values({
      ...fields,
      tenant_id: scope.tenantId,
      owner_id: input.owner_id ?? (await actingUserId(scope)),
      qualification,
      score: bantScore(qualification),
      ...sealedColumns(scope.keyRing, { mobile, email }),
    })
    .returning();
  if (!row) throw new ApiError('internal');
  await audit(scope, { action: 'lead.created', entity_type: 'lead', entity_id: row.id, after: { ...row, duplicates } });
  await emitEvent(scope, { type: 'lead.created', entity_type: 'lead', entity_id: row.id, payload: { source: row.source, score: row.score, duplicates: duplicates.length } });
  return { row, duplicates };
}

/** A lead of the tenant, or 404. */
export async function findLead(scope: RequestScope, id: number, lock = false): Promise<LeadRow> {
  const query = scope.tx.select().from(leads).where(and(eq(leads.tenant_id, scope.tenantId), eq(leads.id, id)));
  const [row] = lock ? await query.for('update') : await query;
  if (!row) throw new ApiError('lead.not_found', { id });
  return row;
}

/**
 * A page of leads, newest first, keyset-paginated on id.
 * @example await listLeads(scope, { mine: true, status: 'new', limit: 20 })
 */
export async function listLeads(scope: RequestScope, query: LeadListQuery) {
  const where: (SQL | undefined)[] = [eq(leads.tenant_id, scope.tenantId)];
  if (query.mine) where.push(eq(leads.owner_id, scope.principal.userId ?? -1));
  if (query.status) where.push(eq(leads.status, query.status));
  if (query.source) where.push(eq(leads.source, query.source));
  if (query.q) {
    const pattern = `%${query.q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
    where.push(or(ilike(leads.company_name, pattern), ilike(leads.contact_name, pattern)));
  }
  const after = decodeCursor(query.cursor);
  if (after) where.push(lt(leads.id, after.id));
  const rows = await scope.tx.select().from(leads).where(and(...where)).orderBy(desc(leads.id)).limit(query.limit + 1);
  const items = rows.slice(0, query.limit);
  const last = items[items.length - 1];
  return { items: items.map((row) => presentLead(scope, row)), next_cursor: rows.length > query.limit && last ? encodeCursor({ value: null, id: last.id }) : null };
}

/**
 * Updates a lead if the caller's version is current: status changes must follow the lead's flow, a converted
 * lead is not edited, and a new qualification re-scores it.
 * @example await updateLead(scope, 7, 1, { status: 'qualified', qualification: { budget: 'approved' } })
 */
export async function updateLead(scope: RequestScope, id: number, expected: number | null, patch: LeadUpdate): Promise<LeadRow> {
  const before = await findLead(scope, id);
  if (expected !== null && before.version !== expected) throw new ApiError('precondition.failed', { current_version: before.version });
  if (before.status === 'converted') throw new ApiError('lead.already_converted', { converted_customer_id: before.converted_customer_id });
  if (patch.status && !canMoveLead(before.status as LeadStatus, patch.status)) throw new ApiError('lead.invalid_transition', { from: before.status, to: patch.status });
  if (patch.owner_id !== before.owner_id) await assertUserReferences(scope, [ownerReference(patch.owner_id)]);
  const { mobile, email, qualification, ...fields } = patch;
  const [after] = await scope.tx
    .update(leads)
    .set({
      ...fields,
      ...sealedColumns(scope.keyRing, { mobile, email }),
      ...(qualification ? { qualification, score: bantScore(qualification) } : {}),
      version: before.version + 1,
      updated_at: new Date(),
    })
    .where(and(eq(leads.tenant_id, scope.tenantId), eq(leads.id, id), eq(leads.version, before.version)))
    .returning();
  if (!after) throw new ApiError('precondition.failed');
  await audit(scope, { action: 'lead.updated', entity_type: 'lead', entity_id: id, before, after });
  return after;
}
