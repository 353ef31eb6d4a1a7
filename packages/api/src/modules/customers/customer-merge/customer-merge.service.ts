import { audit } from '../../../platform/audit.ts';
import { ApiError } from '../../../platform/errors.ts';
import './customer-merge.errors.ts';
import { emitEvent } from '../../../platform/events.ts';
import type { RequestScope } from '../../../platform/request-context.ts';
import { assessCompleteness, type CustomerRow, findVisibleCustomers, markMerged } from '../customers/customers.public.ts';
import {
  compareFields,
  mergeWarnings,
  resolveFieldValues,
  type FieldChoice,
  type FieldComparison,
  type MergeCandidate,
  type MergeField,
  type MergeFieldValues,
  type MergeWarning,
} from './customer-merge.plan.ts';
import { inspectReferences, moveReferences, type ContactBrief, type MergeMoves, type ReferenceInspection } from './merge-references.service.ts';

type Choices = Partial<Record<MergeField, FieldChoice>>;

const candidateOf = (row: CustomerRow): MergeCandidate => ({
  id: row.id,
  customer_name: row.customer_name,
  customer_type: row.customer_type,
  industry: row.industry,
  scale: row.scale,
  address: row.address,
  website: row.website,
  description: row.description,
  status: row.status,
  level: row.level,
  source: row.source,
  assigned_manager_id: row.assigned_manager_id,
  credit_code: row.credit_code,
  region: row.region,
  parent_customer_id: row.parent_customer_id,
});

/**
 * Both customers, visible to the caller and active; locked `FOR UPDATE` (in id order, so two merges
 * touching the same customers cannot deadlock) when the merge is about to run. Unknown and other
 * tenants' ids are 404, never 403.
 */
async function loadPair(scope: RequestScope, survivorId: number, mergedId: number, lock: boolean): Promise<{ survivor: CustomerRow; merged: CustomerRow }> {
  if (survivorId === mergedId) throw new ApiError('customer.merge_invalid', { reason: 'same_customer', id: survivorId });
  const rows = await findVisibleCustomers(scope, [survivorId, mergedId], { forUpdate: lock });
  const survivor = rows.find((r) => r.id === survivorId);
  const merged = rows.find((r) => r.id === mergedId);
  if (!survivor) throw new ApiError('customer.not_found', { id: survivorId });
  if (!merged) throw new ApiError('customer.not_found', { id: mergedId });
  for (const row of [survivor, merged]) {
    if (row.archived_at) throw new ApiError('customer.merge_invalid', { reason: 'archived', id: row.id });
  }
  return { survivor, merged };
}

type MergePlan = {
  fields: FieldComparison[];
  values: MergeFieldValues;
  choices: Record<MergeField, FieldChoice>;
  inspection: ReferenceInspection;
  warnings: MergeWarning[];
  dropMergedPrimary: boolean;
};

async function planMerge(scope: RequestScope, survivor: CustomerRow, merged: CustomerRow, choices: Choices): Promise<MergePlan> {
  const a = candidateOf(survivor);
  const b = candidateOf(merged);
  const { values, choices: resolved } = resolveFieldValues(a, b, choices);
  const inspection = await inspectReferences(scope, survivor.id, merged.id);
  const primaryIds = (list: ContactBrief[]) => list.filter((c) => c.is_primary).map((c) => c.id);
  const warnings = mergeWarnings({
    survivor: a,
    merged: b,
    finalParentId: values.parent_customer_id,
    subsidiariesAfter: inspection.subsidiariesAfter,
    survivorPrimaryContactIds: primaryIds(inspection.contacts.survivor),
    mergedPrimaryContactIds: primaryIds(inspection.contacts.merged),
    departmentNameOverlap: inspection.departmentNameOverlap,
    portalUsers: inspection.moves.portal_users,
  });
  const dropMergedPrimary = warnings.some((w) => w.code === 'primary_contact_dropped');
  return { fields: compareFields(a, b), values, choices: resolved, inspection, warnings, dropMergedPrimary };
}

function side(row: CustomerRow, contacts: ContactBrief[]) {
  const { id: _id, ...values } = candidateOf(row);
  return {
    id: row.id,
    customer_code: row.customer_code,
    version: row.version,
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
    completeness_score: row.completeness_score,
    values,
    contacts: contacts.map(({ id, contact_name, position, is_primary, is_decision_maker }) => ({ id, contact_name, position, is_primary, is_decision_maker })),
  };
}

/**
 * What merging `merged_id` into `survivor_id` would do, without doing it: both records side by side,
 * per-field differences and default choices, counts of what moves, warnings, and the completeness the
 * survivor would reach.
 * @example const preview = await previewMerge(scope, { survivor_id: 1, merged_id: 2 });
 */
export async function previewMerge(scope: RequestScope, input: { survivor_id: number; merged_id: number; field_choices?: Choices }) {
  const { survivor, merged } = await loadPair(scope, input.survivor_id, input.merged_id, false);
  const plan = await planMerge(scope, survivor, merged, input.field_choices ?? {});
  const { contacts } = plan.inspection;
  const contactsAfter = [...contacts.survivor, ...contacts.merged.map((c) => (plan.dropMergedPrimary ? { ...c, is_primary: false } : c))];
  return {
    survivor: side(survivor, contacts.survivor),
    merged: side(merged, contacts.merged),
    fields: plan.fields,
    resolved: plan.values,
    moves: plan.inspection.moves,
    warnings: plan.warnings,
    can_merge: !plan.warnings.some((w) => w.blocking),
    completeness_after: assessCompleteness({ ...plan.values, contacts: contactsAfter }),
  };
}

/** What `mergeCustomers` did. */
export type MergeOutcome = {
  merge_id: number;
  survivor_id: number;
  merged_id: number;
  merged_code: string;
  field_choices: Record<MergeField, FieldChoice>;
  moves: MergeMoves;
  warnings: MergeWarning[];
};

/**
 * Merges a duplicate into the surviving customer in the request transaction: moves every reference,
 * applies the chosen values (search keys and completeness recomputed), archives the merged customer
 * (kept, so its code resolves), records the merge, audits both customers and emits `customer.merged`.
 */
export async function mergeCustomers(
  scope: RequestScope,
  input: { survivor_id: number; merged_id: number; survivor_version: number; merged_version: number; field_choices: Choices },
): Promise<MergeOutcome> {
  const { survivor, merged } = await loadPair(scope, input.survivor_id, input.merged_id, true);
  if (survivor.version !== input.survivor_version || merged.version !== input.merged_version) {
    throw new ApiError('precondition.failed', { survivor_version: survivor.version, merged_version: merged.version });
  }
  const plan = await planMerge(scope, survivor, merged, input.field_choices);
  const blocking = plan.warnings.find((w) => w.blocking);
  if (blocking) throw new ApiError('customer.merge_invalid', { reason: blocking.code, ...blocking.details });

  const { dropped_primary_contact_ids: droppedPrimary, ...moves } = await moveReferences(scope, survivor.id, merged.id, { dropMergedPrimary: plan.dropMergedPrimary });
  const { mergeId, survivorAfter, mergedAfter } = await markMerged(scope, {
    survivor,
    merged,
    values: plan.values,
    fieldChoices: plan.choices,
    moved: { ...moves, dropped_primary_contact_ids: droppedPrimary },
  });
  await audit(scope, {
    action: 'customer.merged',
    entity_type: 'customer',
    entity_id: survivor.id,
    before: { survivor, merged },
    after: { survivor: survivorAfter, merged: mergedAfter, merge_id: mergeId, field_choices: plan.choices, moves, dropped_primary_contact_ids: droppedPrimary },
  });
  await audit(scope, { action: 'customer.merged_into', entity_type: 'customer', entity_id: merged.id, before: merged, after: { ...mergedAfter, survivor_id: survivor.id, merge_id: mergeId } });
  await emitEvent(scope, {
    type: 'customer.merged',
    entity_type: 'customer',
    entity_id: survivor.id,
    payload: { merge_id: mergeId, survivor_id: survivor.id, merged_id: merged.id, merged_code: merged.customer_code, moves },
  });
  return { merge_id: mergeId, survivor_id: survivor.id, merged_id: merged.id, merged_code: merged.customer_code, field_choices: plan.choices, moves, warnings: plan.warnings };
}
