import type { Message } from '../../../platform/http/envelope.ts';
import type { Locale } from '../../../platform/i18n.ts';
import type { CustomerRow } from '../customers/customers.public.ts';

/** Customer fields a merge chooses between; everything else (code, ids, search keys) follows from them. */
export const MERGE_FIELDS = [
  'customer_name',
  'customer_type',
  'industry',
  'scale',
  'address',
  'website',
  'description',
  'status',
  'level',
  'source',
  'assigned_manager_id',
  'credit_code',
  'region',
  'parent_customer_id',
] as const;
/** One of `MERGE_FIELDS`. */
export type MergeField = (typeof MERGE_FIELDS)[number];
/** Whose value a field keeps. */
export type FieldChoice = 'survivor' | 'merged';
/** A customer field value as compared and shown. */
export type FieldValue = string | number | null;

/** The chosen values, typed as the customers table types them. */
export type MergeFieldValues = Pick<CustomerRow, MergeField>;
/** A customer as the merge plan sees it: its id and its mergeable fields. */
export type MergeCandidate = MergeFieldValues & { id: number };

/** One field of both customers side by side. */
export type FieldComparison = {
  field: MergeField;
  survivor_value: FieldValue;
  merged_value: FieldValue;
  differs: boolean;
  default_choice: FieldChoice;
};

const isEmpty = (value: FieldValue | undefined): boolean => value === null || value === undefined || (typeof value === 'string' && value.trim() === '');

/**
 * The survivor's value wins unless it is empty and the merged record has one.
 * @example defaultChoice(null, '软件开发') // 'merged'
 */
export function defaultChoice(survivorValue: FieldValue, mergedValue: FieldValue): FieldChoice {
  return isEmpty(survivorValue) && !isEmpty(mergedValue) ? 'merged' : 'survivor';
}

/** Both records field by field, with what differs and what the merge takes by default. */
export function compareFields(survivor: MergeFieldValues, merged: MergeFieldValues): FieldComparison[] {
  return MERGE_FIELDS.map((field) => ({
    field,
    survivor_value: survivor[field],
    merged_value: merged[field],
    differs: survivor[field] !== merged[field],
    default_choice: defaultChoice(survivor[field], merged[field]),
  }));
}

/**
 * The values the survivor ends up with: the caller's choices, defaults for the rest. A parent pointing
 * at either of the two becomes none — after the merge they are one customer, which cannot be its own parent.
 * @example resolveFieldValues(a, b, { industry: 'merged' }).values.industry === b.industry
 */
export function resolveFieldValues(
  survivor: MergeCandidate,
  merged: MergeCandidate,
  choices: Partial<Record<MergeField, FieldChoice>>,
): { values: MergeFieldValues; choices: Record<MergeField, FieldChoice> } {
  const resolved = {} as Record<MergeField, FieldChoice>;
  const values = {} as Record<MergeField, FieldValue>;
  for (const field of MERGE_FIELDS) {
    const choice = choices[field] ?? defaultChoice(survivor[field], merged[field]);
    resolved[field] = choice;
    values[field] = choice === 'merged' ? merged[field] : survivor[field];
  }
  if (values.parent_customer_id === survivor.id || values.parent_customer_id === merged.id) values.parent_customer_id = null;
  return { values: values as MergeFieldValues, choices: resolved };
}

/** Every warning a merge preview can give. */
export const WARNING_CODES = [
  'primary_contact_dropped',
  'group_depth',
  'group_link_removed',
  'credit_code_conflict',
  'department_names_overlap',
  'portal_users_moved',
] as const;
/** One of `WARNING_CODES`. */
export type WarningCode = (typeof WARNING_CODES)[number];
/** A warning with its machine details; `blocking` makes the merge refuse. */
export type MergeWarning = { code: WarningCode; blocking: boolean; details: Record<string, unknown> };

/** What the warnings are derived from, gathered by the service. */
export type MergeFacts = {
  survivor: MergeCandidate;
  merged: MergeCandidate;
  finalParentId: number | null;
  /** Subsidiaries the survivor will have: its own plus the merged customer's (neither of the two). */
  subsidiariesAfter: number;
  survivorPrimaryContactIds: number[];
  mergedPrimaryContactIds: number[];
  departmentNameOverlap: string[];
  portalUsers: number;
};

/**
 * What a merge should tell the user before it runs; a blocking warning makes the merge refuse (409).
 * Customer groups are two levels deep, so a survivor with a parent cannot take on subsidiaries.
 */
export function mergeWarnings(facts: MergeFacts): MergeWarning[] {
  const warnings: MergeWarning[] = [];
  if (facts.survivorPrimaryContactIds.length > 0 && facts.mergedPrimaryContactIds.length > 0) {
    warnings.push({ code: 'primary_contact_dropped', blocking: false, details: { contact_ids: facts.mergedPrimaryContactIds } });
  }
  if (facts.finalParentId !== null && facts.subsidiariesAfter > 0) {
    warnings.push({ code: 'group_depth', blocking: true, details: { parent_customer_id: facts.finalParentId, subsidiaries: facts.subsidiariesAfter } });
  }
  const { survivor, merged } = facts;
  if (survivor.parent_customer_id === merged.id || merged.parent_customer_id === survivor.id) {
    warnings.push({ code: 'group_link_removed', blocking: false, details: {} });
  }
  if (survivor.credit_code && merged.credit_code && survivor.credit_code !== merged.credit_code) {
    warnings.push({ code: 'credit_code_conflict', blocking: false, details: { survivor: survivor.credit_code, merged: merged.credit_code } });
  }
  if (facts.departmentNameOverlap.length > 0) {
    warnings.push({ code: 'department_names_overlap', blocking: false, details: { names: facts.departmentNameOverlap } });
  }
  if (facts.portalUsers > 0) warnings.push({ code: 'portal_users_moved', blocking: false, details: { count: facts.portalUsers } });
  return warnings;
}

const WARNING_MESSAGES: Record<WarningCode, Message> = {
  primary_contact_dropped: {
    zh: '两个客户都有主要联系人：被合并客户的联系人将不再是主要联系人',
    en: 'Both customers have a primary contact: the merged customer’s contact stops being primary',
  },
  group_depth: {
    zh: '合并后的客户有上级客户，不能再有下级客户（集团最多两级）',
    en: 'The merged customer would have a parent and subsidiaries; customer groups are two levels deep',
  },
  group_link_removed: {
    zh: '两个客户互为上下级，合并后该集团关系不再存在',
    en: 'One customer is the other’s parent; that group link disappears with the merge',
  },
  credit_code_conflict: {
    zh: '统一社会信用代码不同，可能是两个不同的法人主体，请确认',
    en: 'The credit codes differ: these may be two legal entities; please confirm',
  },
  department_names_overlap: {
    zh: '两个客户有同名部门，合并后会并存，可稍后整理',
    en: 'Both customers have departments of the same name; both are kept and can be tidied later',
  },
  portal_users_moved: {
    zh: '被合并客户的门户用户将归属保留的客户，需重新登录后生效',
    en: 'Portal users of the merged customer move to the surviving one; they see it after signing in again',
  },
};

/** Warnings with their human message in the caller's language. */
export function localiseWarnings(warnings: MergeWarning[], locale: Locale): (MergeWarning & { message: string })[] {
  return warnings.map((w) => ({ ...w, message: locale === 'en' ? WARNING_MESSAGES[w.code].en : WARNING_MESSAGES[w.code].zh }));
}
