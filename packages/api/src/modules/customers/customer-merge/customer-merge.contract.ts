import { createRoute, z } from '@hono/zod-openapi';
import { errorResponses, jsonResponse, writeErrorResponses } from '../../../platform/http/envelope.ts';
import { Completeness, Customer } from '../customers/customers.public.ts';
import { MERGE_FIELDS, WARNING_CODES } from './customer-merge.plan.ts';
import { permission } from '../../../platform/auth/route-permission.ts';

const customerId = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const FieldChoice = z.enum(['survivor', 'merged']);
const FieldValue = z.union([z.string(), z.number(), z.null()]);

/** Per-field choice of the surviving value. */
export const FieldChoices = z
  .strictObject(Object.fromEntries(MERGE_FIELDS.map((field) => [field, FieldChoice.optional()])) as Record<(typeof MERGE_FIELDS)[number], z.ZodOptional<typeof FieldChoice>>)
  .openapi('MergeFieldChoices', { description: "Per field, whose value the surviving customer keeps; unlisted fields take the default (the survivor's unless empty)" });

/** Body of the merge preview: the two customers and, optionally, field choices to preview. */
export const MergePreviewRequest = z
  .strictObject({
    survivor_id: customerId.openapi({ description: 'The customer that stays' }),
    merged_id: customerId.openapi({ description: 'The duplicate that is folded into it and archived' }),
    field_choices: FieldChoices.optional(),
  })
  .openapi('MergePreviewRequest');
export type MergePreviewRequest = z.infer<typeof MergePreviewRequest>;

/** Body of the merge: the pair, the versions the caller previewed, and the field choices. */
export const MergeRequest = z
  .strictObject({
    survivor_id: customerId,
    merged_id: customerId,
    survivor_version: z.number().int().positive().openapi({ description: "The survivor's `version` you previewed; 412 if it changed since" }),
    merged_version: z.number().int().positive().openapi({ description: "The merged customer's `version` you previewed; 412 if it changed since" }),
    field_choices: FieldChoices.default({}),
  })
  .openapi('MergeRequest');
export type MergeRequest = z.infer<typeof MergeRequest>;

const MergeFieldValues = z
  .object({
    customer_name: z.string(),
    customer_type: z.number().int(),
    industry: z.string().nullable(),
    scale: z.string().nullable(),
    address: z.string().nullable(),
    website: z.string().nullable(),
    description: z.string().nullable(),
    status: z.number().int(),
    level: z.number().int(),
    source: z.string().nullable(),
    assigned_manager_id: z.number().int().nullable(),
    credit_code: z.string().nullable(),
    region: z.string().nullable(),
    parent_customer_id: z.number().int().nullable(),
  })
  .openapi('MergeFieldValues');

const MergeContact = z
  .object({ id: z.number().int(), contact_name: z.string(), position: z.string().nullable(), is_primary: z.boolean(), is_decision_maker: z.boolean() })
  .openapi('MergeContact', { description: 'A contact without its channels (see the customer profile for those)' });

const MergeSide = z
  .object({
    id: z.number().int(),
    customer_code: z.string(),
    version: z.number().int().openapi({ description: 'Send it back as survivor_version / merged_version' }),
    created_at: z.string(),
    updated_at: z.string(),
    completeness_score: z.number().int(),
    values: MergeFieldValues,
    contacts: z.array(MergeContact),
  })
  .openapi('MergeSide');

const FieldComparison = z
  .object({ field: z.enum(MERGE_FIELDS), survivor_value: FieldValue, merged_value: FieldValue, differs: z.boolean(), default_choice: FieldChoice })
  .openapi('MergeFieldComparison');

/** Counts of what a merge moves to the survivor. */
export const MergeMoves = z
  .object({
    contacts: z.number().int(),
    departments: z.number().int(),
    tags: z.number().int().openapi({ description: 'Tags the survivor gains' }),
    duplicate_tags: z.number().int().openapi({ description: 'Tags both had (kept once)' }),
    subsidiaries: z.number().int().openapi({ description: 'Customers whose parent becomes the survivor' }),
    portal_users: z.number().int(),
    previous_merges: z.number().int().openapi({ description: 'Earlier merges into the merged customer, now resolving to the survivor' }),
    other_references: z.array(z.object({ table: z.string(), column: z.string(), count: z.number().int() })),
  })
  .openapi('MergeMoves');

/** Something the user should know before merging; `blocking` ones refuse the merge. */
export const MergeWarning = z
  .object({ code: z.enum(WARNING_CODES), blocking: z.boolean().openapi({ description: 'The merge is refused (409) while this holds' }), message: z.string(), details: z.record(z.string(), z.unknown()) })
  .openapi('MergeWarning');

/** The merge as it would happen, changing nothing. */
export const MergePreview = z
  .object({
    survivor: MergeSide,
    merged: MergeSide,
    fields: z.array(FieldComparison),
    resolved: MergeFieldValues.openapi({ description: 'What the survivor will hold with the given (or default) choices' }),
    moves: MergeMoves,
    warnings: z.array(MergeWarning),
    can_merge: z.boolean(),
    completeness_after: Completeness,
  })
  .openapi('MergePreview');

/** What a merge did, with the surviving customer as it now is. */
export const MergeResult = z
  .object({
    merge_id: z.number().int(),
    merged_id: z.number().int(),
    merged_code: z.string().openapi({ description: 'Still resolves: the archived customer keeps its code' }),
    field_choices: z.record(z.string(), FieldChoice),
    moves: MergeMoves,
    warnings: z.array(MergeWarning),
    survivor: Customer,
  })
  .openapi('MergeResult');

/** One customer of a suggested duplicate pair. */
export const DuplicatePairSide = z
  .object({
    id: z.number().int(),
    customer_code: z.string(),
    customer_name: z.string(),
    completeness_score: z.number().int(),
    assigned_manager_id: z.number().int().nullable(),
    created_at: z.string(),
  })
  .openapi('DuplicatePairSide');

/** A suggested merge: two customers, a score and the evidence. */
export const DuplicatePair = z
  .object({
    survivor: DuplicatePairSide.openapi({ description: 'Suggested survivor: the more complete record, else the older' }),
    merged: DuplicatePairSide,
    score: z.number().min(0).max(1),
    reasons: z.array(z.enum(['credit_code', 'name', 'website_domain', 'similar_name'])),
    name_similarity: z.number().nullable().openapi({ description: 'Trigram similarity of the normalised names, when that is a reason' }),
  })
  .openapi('DuplicatePair');

/** Suggested merges, best first. */
export const DuplicatePairList = z
  .object({
    items: z.array(DuplicatePair),
    similar_name_window: z.number().int().openapi({ description: 'Similar (not identical) names are looked for among this many most recently created customers, each against the whole tenant' }),
  })
  .openapi('DuplicatePairList');

/** Query of the duplicate list. */
export const DuplicatePairQuery = z
  .strictObject({ limit: z.coerce.number().int().min(1).max(100).default(20).openapi({ example: 20 }) })
  .openapi('DuplicatePairQuery');

const json = <T extends z.ZodType>(schema: T) => ({ required: true, content: { 'application/json': { schema } } });

/** `POST /api/v1/customers/merge/preview` */
export const previewMergeRoute = createRoute({
  method: 'post',
  path: '/api/v1/customers/merge/preview',
  operationId: 'previewCustomerMerge',
  ...permission('customer:merge'),
  tags: ['customer-merge'],
  summary: 'Both customers side by side, what differs, what would move, and warnings — changes nothing',
  description: 'Send back the versions and your field choices to POST /api/v1/customers/merge. `can_merge` is false while a blocking warning holds.',
  request: { body: json(MergePreviewRequest) },
  responses: { 200: jsonResponse(MergePreview, 'MergePreview', 'The merge as it would happen'), ...writeErrorResponses },
});

/** `POST /api/v1/customers/merge` */
export const mergeCustomersRoute = createRoute({
  method: 'post',
  path: '/api/v1/customers/merge',
  operationId: 'mergeCustomers',
  ...permission('customer:merge'),
  tags: ['customer-merge'],
  summary: 'Merge a duplicate into a surviving customer (REQ-016 §9 客户信息重复)',
  description:
    'Moves contacts, departments, tags, subsidiaries and every other reference to the survivor, applies the chosen field values, archives the merged customer (its code keeps resolving) and records the merge. 412 when either version is stale; 409 `customer.merge_invalid` for the same id twice, an archived customer or a blocking warning.',
  request: { body: json(MergeRequest) },
  responses: { 200: jsonResponse(MergeResult, 'MergeResult', 'The merge and the surviving customer'), ...writeErrorResponses },
});

/** `GET /api/v1/customers/duplicates` */
export const listDuplicatePairsRoute = createRoute({
  method: 'get',
  path: '/api/v1/customers/duplicates',
  operationId: 'listDuplicateCustomers',
  ...permission('customer:merge'),
  tags: ['customer-merge'],
  summary: 'Likely duplicate pairs across the tenant, best first, as merge suggestions',
  description: 'Same credit code, same normalised name, same website domain (whole tenant), or trigram-similar names (≥ 0.6).',
  request: { query: DuplicatePairQuery },
  responses: { 200: jsonResponse(DuplicatePairList, 'DuplicatePairList', 'Suggested merges with scores'), ...errorResponses },
});
