import { createRoute, z } from '@hono/zod-openapi';
import { errorResponses, jsonResponse, writeErrorResponses } from '../../../platform/http/envelope.ts';
import { idempotencyHeader, ifMatchHeader } from '../../../platform/http/headers.ts';
import { isIsoDate } from '../../../platform/time/calendar-date.ts';
import { isoDate } from '../../../platform/time/iso-time.ts';
import { CONTRACT_EVENTS, CONTRACT_STATES } from './contract-lifecycle.ts';
import { BILLING_CYCLES } from './contract-value.ts';
import { IdParam } from '../../../platform/http/params.ts';
import { permission } from '../../../platform/auth/route-permission.ts';

export const CONTRACT_KINDS = ['new', 'renewal', 'expansion'] as const;

export const slaTierCode = z.string().trim().regex(/^[a-z][a-z0-9_]{1,31}$/, 'an SLA tier code of the catalogue');

/** Up to 13 integer digits and 2 decimals, never negative: what numeric(15,2) holds. */
const MONEY = /^(0|[1-9]\d{0,12})(\.\d{1,2})?$/;
export const money = z
  .union([z.string().trim(), z.number()])
  .transform((v) => (typeof v === 'number' ? String(v) : v))
  .refine((v) => !v.startsWith('-'), { message: 'amount must not be negative' })
  .refine((v) => v.startsWith('-') || MONEY.test(v), { message: 'amount must be a decimal with at most 2 places and 13 integer digits' })
  .openapi({ type: 'string', example: '120000.00', description: 'Decimal string (a number is accepted too), ≥ 0' });

export const CoveredServiceInput = z
  .strictObject({
    service_code: z.string().trim().min(1).max(64),
    name: z.string().trim().max(200).optional(),
    quantity: z.number().int().positive().max(1_000_000),
  })
  .openapi('CoveredService');

export const ContractAttachmentInput = z
  .strictObject({
    name: z.string().trim().min(1).max(255),
    url: z.string().url().max(1000).optional(),
    size: z.number().int().nonnegative().optional(),
    content_type: z.string().max(100).optional(),
  })
  .openapi('ContractAttachment');

export const ContractCreate = z
  .strictObject({
    title: z.string().trim().min(1).max(200).openapi({ example: '2026 年度运维服务合同' }),
    kind: z.enum(CONTRACT_KINDS).default('new'),
    predecessor_id: z.number().int().positive().nullish().openapi({ description: 'The contract this one renews (kind renewal)' }),
    start_date: isoDate,
    end_date: isoDate,
    signing_date: isoDate.nullish(),
    customer_signatory_id: z.number().int().positive().nullish().openapi({ description: 'A contact of this customer' }),
    staff_signatory_id: z.number().int().positive().nullish(),
    owner_id: z.number().int().positive().nullish(),
    auto_renew: z.boolean().default(false),
    notice_period_days: z.number().int().min(0).max(366).default(30),
    amount: money.default('0'),
    currency: z.string().regex(/^[A-Z]{3}$/, 'ISO 4217 code').default('CNY'),
    billing_cycle: z.enum(BILLING_CYCLES).default('yearly'),
    covered_services: z.array(CoveredServiceInput).max(200).default([]),
    attachments: z.array(ContractAttachmentInput).max(100).default([]),
    sla_tier_code: slaTierCode.nullish().openapi({ description: 'The SLA tier the contract agrees (a code of the SLA catalogue); empty: the recommendation decides the binding' }),
  })
  .refine((c) => !isIsoDate(c.start_date) || !isIsoDate(c.end_date) || c.start_date <= c.end_date, {
    message: 'end_date must not be before start_date',
    path: ['end_date'],
  })
  .openapi('ContractCreate');
export type ContractCreate = z.infer<typeof ContractCreate>;

export const Contract = z
  .object({
    id: z.number().int(),
    contract_no: z.string().openapi({ example: 'HT202611260001' }),
    customer_id: z.number().int(),
    title: z.string(),
    kind: z.enum(CONTRACT_KINDS),
    state: z.enum(CONTRACT_STATES),
    predecessor_id: z.number().int().nullable(),
    start_date: z.string().openapi({ format: 'date' }),
    end_date: z.string().openapi({ format: 'date' }),
    signing_date: z.string().nullable(),
    customer_signatory_id: z.number().int().nullable(),
    staff_signatory_id: z.number().int().nullable(),
    owner_id: z.number().int().nullable(),
    auto_renew: z.boolean(),
    notice_period_days: z.number().int(),
    terminated_on: z.string().nullable(),
    termination_reason: z.string().nullable(),
    amount: z.string().openapi({ example: '120000.00' }),
    currency: z.string().openapi({ example: 'CNY' }),
    billing_cycle: z.enum(BILLING_CYCLES),
    covered_services: z.array(CoveredServiceInput),
    attachments: z.array(ContractAttachmentInput),
    sla_tier_code: z.string().nullable(),
    version: z.number().int(),
    created_at: z.string().openapi({ description: 'Tenant local time (Asia/Shanghai)' }),
    updated_at: z.string(),
  })
  .openapi('Contract');
export type Contract = z.infer<typeof Contract>;

export const ContractTransition = z
  .object({
    id: z.number().int(),
    event: z.enum(CONTRACT_EVENTS),
    from_state: z.enum(CONTRACT_STATES),
    to_state: z.enum(CONTRACT_STATES),
    actor_id: z.string().nullable(),
    at: z.string().openapi({ description: 'Tenant local time (Asia/Shanghai)' }),
    reason: z.string().nullable(),
    successor_id: z.number().int().nullable(),
    effective_date: z.string().nullable(),
  })
  .openapi('ContractTransition');
export type ContractTransition = z.infer<typeof ContractTransition>;

export const ContractTermsVersion = z
  .object({
    terms_version: z.number().int(),
    effective_from: z.string().openapi({ format: 'date' }),
    effective_to: z.string().nullable().openapi({ description: 'Last day; null for the latest version' }),
    terms: z.object({
      amount: z.string(),
      currency: z.string(),
      billing_cycle: z.enum(BILLING_CYCLES),
      covered_services: z.array(CoveredServiceInput),
      sla_tier_code: z.string().nullable(),
    }),
    reason: z.string().nullable(),
    actor_id: z.string().nullable(),
    created_at: z.string(),
  })
  .openapi('ContractTermsVersion');
export type ContractTermsVersion = z.infer<typeof ContractTermsVersion>;

/** What an amendment (变更) may change: the agreed terms, not the period (a new period is a renewal). */
export const ContractTermsChange = z
  .strictObject({
    amount: money.optional(),
    currency: z.string().regex(/^[A-Z]{3}$/, 'ISO 4217 code').optional(),
    billing_cycle: z.enum(BILLING_CYCLES).optional(),
    covered_services: z.array(CoveredServiceInput).max(200).optional(),
    sla_tier_code: slaTierCode.nullable().optional(),
  })
  .refine((t) => Object.keys(t).length > 0, { message: 'an amendment must change at least one term' })
  .openapi('ContractTermsChange');
export type ContractTermsChange = z.infer<typeof ContractTermsChange>;

export const ContractDetail = Contract.extend({
  transitions: z.array(ContractTransition).openapi({ description: 'Every lifecycle event, oldest first' }),
  allowed_events: z.array(z.enum(CONTRACT_EVENTS)).openapi({ description: 'Events that may fire now (legal from the state and passing the date and signature guards)' }),
  terms_versions: z.array(ContractTermsVersion).openapi({ description: 'Every version of the terms (version 1 from activation, one per amendment), oldest first' }),
  terms_in_force: z.number().int().nullable().openapi({ description: 'The terms version in force today; null before activation' }),
}).openapi('ContractDetail');
export type ContractDetail = z.infer<typeof ContractDetail>;

export const ContractList = z.object({ items: z.array(Contract) }).openapi('ContractList');

export const ContractTransitionRequest = z
  .strictObject({
    event: z.enum(CONTRACT_EVENTS),
    reason: z.string().trim().max(2000).nullish().openapi({ description: 'Required by reject and terminate' }),
    effective_date: isoDate.nullish().openapi({ description: 'terminate: the day the contract ends; amend: the day the new terms take effect' }),
    terms: ContractTermsChange.nullish().openapi({ description: 'amend: the terms that change' }),
    successor_id: z.number().int().positive().nullish().openapi({ description: 'renew: the successor contract (same customer)' }),
  })
  .openapi('ContractTransitionRequest');
export type ContractTransitionRequest = z.infer<typeof ContractTransitionRequest>;

// ---- routes -------------------------------------------------------------------------------------

const json = <T extends z.ZodType>(schema: T) => ({ required: true, content: { 'application/json': { schema } } });
const etagHeader = { ETag: { description: 'Entity version, for If-Match', schema: { type: 'string' as const } } };

export const createContractRoute = createRoute({
  method: 'post',
  path: '/api/v1/customers/{id}/contracts',
  operationId: 'createContract',
  ...permission('customer:write'),
  tags: ['contracts'],
  summary: 'Create a draft contract for a customer',
  description: 'REQ-016-002. The contract starts as a draft numbered `HT` + business date + daily sequence. End before start or a negative amount is refused with 400 and nothing is written. `staff_signatory_id` and `owner_id` (default: the caller) must name members of staff of the tenant who may write customers (else 422 `user.reference_invalid`). Audited and announced as `contract.created`.',
  request: { params: IdParam, headers: idempotencyHeader, body: json(ContractCreate) },
  responses: { 201: { ...jsonResponse(Contract, 'Contract', 'The draft contract'), headers: etagHeader }, ...writeErrorResponses },
});

export const listCustomerContractsRoute = createRoute({
  method: 'get',
  path: '/api/v1/customers/{id}/contracts',
  operationId: 'listCustomerContracts',
  ...permission('customer:read'),
  tags: ['contracts'],
  summary: "A customer's contracts",
  description: 'Every contract of a customer the caller may see, newest period first.',
  request: { params: IdParam },
  responses: { 200: jsonResponse(ContractList, 'ContractList', 'The contracts'), ...errorResponses },
});

export const getContractRoute = createRoute({
  method: 'get',
  path: '/api/v1/contracts/{id}',
  operationId: 'getContract',
  ...permission('customer:read'),
  tags: ['contracts'],
  summary: 'Contract with its transition history and allowed events',
  description: "The contract, every transition it went through, and the events that may fire now. 404 for a contract of a customer the caller may not see or of another tenant. The ETag may be sent as If-Match with a transition.",
  request: { params: IdParam },
  responses: { 200: { ...jsonResponse(ContractDetail, 'ContractDetail', 'The contract'), headers: etagHeader }, ...errorResponses },
});

export const transitionContractRoute = createRoute({
  method: 'post',
  path: '/api/v1/contracts/{id}/transitions',
  operationId: 'transitionContract',
  ...permission('customer:write'),
  tags: ['contracts'],
  summary: 'Fire a lifecycle event (submit, approve, reject, cancel, renew, expire, terminate …)',
  description:
    "Moves the contract through its state machine. An event not allowed from the current state answers 409 `contract.illegal_transition` with `details.allowed`; a failed condition (signing date, signatories, reason, effective date, successor) answers 422 `contract.guard_failed` with `details.failures` and `details.allowed`. Of two concurrent transitions exactly one wins; the other gets 409. If-Match is optional; when sent, a stale one answers 412. The transition is stored with actor, time and reason, audited, and announced as `contract.<event>`; the customer's status follows (the first active contract makes a potential customer formal).",
  request: { params: IdParam, headers: ifMatchHeader, body: json(ContractTransitionRequest) },
  responses: { 200: { ...jsonResponse(ContractDetail, 'ContractDetail', 'The contract after the transition'), headers: etagHeader }, ...writeErrorResponses },
});
