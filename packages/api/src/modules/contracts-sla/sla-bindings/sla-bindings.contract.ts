import { createRoute, z } from '@hono/zod-openapi';
import { isoInstant, isoMonth } from '../../../platform/time/iso-time.ts';
import { errorResponses, jsonResponse, writeErrorResponses } from '../../../platform/http/envelope.ts';
import { SlaVersion } from '../sla-policies/sla-policies.public.ts';
import { BINDING_TRIGGERS } from './sla-bindings.schema.ts';
import { IdParam } from '../../../platform/http/params.ts';
import { permission } from '../../../platform/auth/route-permission.ts';

const Localised = z.object({ zh: z.string(), en: z.string() });

const instant = isoInstant;

export const SlaBinding = z
  .object({
    id: z.number().int(),
    sla_version_id: z.number().int(),
    tier_code: z.string(),
    tier_name: Localised,
    version_no: z.number().int(),
    effective_from: z.string().openapi({ description: 'Beijing time, inclusive' }),
    effective_to: z.string().openapi({ description: 'Beijing time, exclusive' }),
    trigger: z.enum(BINDING_TRIGGERS),
    basis: z.enum(['contract_terms', 'recommendation', 'manual']),
    reason: z.string(),
    created_by: z.string().nullable(),
    created_at: z.string(),
  })
  .openapi('SlaBinding');

export const EffectiveSla = z
  .object({
    customer_id: z.number().int(),
    at: z.string().openapi({ description: 'The instant asked about, Beijing time' }),
    source: z.enum(['contract', 'default']).openapi({ description: '`contract`: a binding of a contract in force; `default`: no contract in force, the tenant baseline (lowest tier) applies' }),
    sla: SlaVersion,
    contract: z
      .object({ id: z.number().int(), contract_no: z.string(), kind: z.string(), state: z.string(), start_date: z.string(), end_date: z.string() })
      .nullable(),
    binding: SlaBinding.omit({ tier_code: true, tier_name: true, version_no: true }).nullable(),
  })
  .openapi('EffectiveSla');
export type EffectiveSla = z.infer<typeof EffectiveSla>;

const SlaReason = z.object({ factor: z.string(), points: z.number(), effect: z.enum(['up', 'down', 'neutral', 'rule']), zh: z.string(), en: z.string() });

export const SlaRecommendationSchema = z
  .object({
    tier: z.string(),
    tier_name: Localised,
    version_id: z.string().nullable(),
    service_hours: z.enum(['7x24', '5x8']),
    score: z.number(),
    score_tier: z.string(),
    confidence: z.number(),
    reasons: z.array(SlaReason),
  })
  .openapi('SlaRecommendation');

export const SlaComparison = z.object({ change: z.enum(['same', 'upgrade', 'downgrade']), message: Localised }).openapi('SlaComparison');

export const SlaProposal = z
  .object({
    id: z.number().int(),
    status: z.enum(['open', 'applied', 'dismissed']),
    trigger: z.enum(BINDING_TRIGGERS),
    current_version_id: z.number().int(),
    proposed_version_id: z.number().int(),
    proposed_tier_code: z.string(),
    reasons: z.array(z.object({ factor: z.string(), zh: z.string(), en: z.string() })),
    created_at: z.string(),
    decided_by: z.string().nullable(),
    decided_at: z.string().nullable(),
  })
  .openapi('SlaProposal');

export const ContractSla = z
  .object({
    contract_id: z.number().int(),
    bindings: z.array(SlaBinding).openapi({ description: 'Every binding in time order; together they tile the contract term' }),
    current: SlaBinding.nullable(),
    recommendation: SlaRecommendationSchema,
    comparison: SlaComparison.nullable().openapi({ description: 'How the recommendation relates to the binding in force; null when none is in force' }),
    proposals: z.array(SlaProposal),
  })
  .openapi('ContractSla');

export const CustomerSlaRecommendation = z
  .object({
    customer_id: z.number().int(),
    contract_id: z.number().int().nullable().openapi({ description: 'The contract the recommendation was made for: the one the effective SLA comes from' }),
    recommendation: SlaRecommendationSchema,
    current_tier: z.string().nullable(),
    comparison: SlaComparison.nullable(),
    differs: z.boolean().openapi({ description: 'true when the recommended tier differs from the tier in force' }),
  })
  .openapi('CustomerSlaRecommendation');

export const RebindRequest = z
  .strictObject({
    sla_version_id: z.number().int().positive(),
    effective_from: instant.optional().openapi({ description: 'Default now; must lie in the remaining term' }),
    reason: z.string().trim().min(2).max(2000),
    proposal_id: z.number().int().positive().nullish().openapi({ description: 'The open proposal this applies' }),
  })
  .openapi('SlaRebindRequest');

const TargetAttainment = z.object({ met: z.number().int(), breached: z.number().int(), pending: z.number().int(), rate: z.number().nullable() });
const Attainment = z.object({ records: z.number().int(), response: TargetAttainment, resolution: TargetAttainment });
export const ContractAttainment = z
  .object({
    contract_id: z.number().int(),
    from: z.string(),
    to: z.string(),
    total: Attainment,
    months: z.array(Attainment.extend({ month: z.string(), by_priority: z.record(z.string(), Attainment) })),
  })
  .openapi('ContractSlaAttainment');

// ---- routes -------------------------------------------------------------------------------------

const json = <T extends z.ZodType>(schema: T) => ({ required: true, content: { 'application/json': { schema } } });
const tags = ['sla'];

export const effectiveSlaRoute = createRoute({
  method: 'get',
  path: '/api/v1/customers/{id}/effective-sla',
  operationId: 'getEffectiveSla',
  ...permission('customer:read'),
  tags,
  summary: 'The SLA in force for a customer at an instant',
  description:
    'REQ-016-009, for the ticket (REQ-003) and SLA (REQ-017) modules. The SLA version bound at `at` (default now) to the customer\'s contract in force, the contract, and the targets. With two contracts in force at once the higher tier applies. Without a contract in force the answer is the tenant baseline (`source: default`, the newest published version of the lowest tier), so there always is an answer. 404 for a customer the caller may not see.',
  request: { params: IdParam, query: z.object({ at: instant.optional() }) },
  responses: { 200: jsonResponse(EffectiveSla, 'EffectiveSla', 'The SLA in force'), ...errorResponses },
});

export const customerSlaRecommendationRoute = createRoute({
  method: 'get',
  path: '/api/v1/customers/{id}/sla-recommendation',
  operationId: 'getCustomerSlaRecommendation',
  // Internal: the reasons show contract-value bands and scoring, so portal users do not get it.
  ...permission('sla:read'),
  tags,
  summary: 'The recommended SLA tier for a customer, next to the tier in force',
  description: 'From the customer level, industry, size, the value and covered services of the contract in force, and twelve months of service history (ticket volume, P1 share, after-hours share, breaches). Reasons and a confidence; `differs` tells the contract panel to show it.',
  request: { params: IdParam },
  responses: { 200: jsonResponse(CustomerSlaRecommendation, 'CustomerSlaRecommendation', 'The recommendation'), ...errorResponses },
});

export const contractSlaRoute = createRoute({
  method: 'get',
  path: '/api/v1/contracts/{id}/sla',
  operationId: 'getContractSla',
  ...permission('sla:read'),
  tags,
  summary: "A contract's SLA bindings, proposals and recommendation",
  description: 'Every binding in time order with its trigger, basis and reason (together they tile the contract term), the binding in force now, the recommendation compared with it, and the proposals made when the recommendation differs from an agreed tier. Internal (`sla:read`): portal users get 403.',
  request: { params: IdParam },
  responses: { 200: jsonResponse(ContractSla, 'ContractSla', 'The bindings'), ...errorResponses },
});

export const rebindContractSlaRoute = createRoute({
  method: 'post',
  path: '/api/v1/contracts/{id}/sla-bindings',
  operationId: 'rebindContractSla',
  ...permission('sla:write'),
  tags,
  summary: 'Bind a contract to another SLA version from an instant on',
  description: 'The binding in force ends at `effective_from` and the new one runs to the end of the term, so the term stays covered without gap or overlap. Only published versions bind (a retired or draft one answers 422 `sla.version_not_bindable`); `effective_from` must lie in the remaining term. Recorded with the reason, audited, announced as `contract.sla_bound`.',
  request: { params: IdParam, body: json(RebindRequest) },
  responses: { 200: jsonResponse(ContractSla, 'ContractSla', 'The bindings after the change'), ...writeErrorResponses },
});

export const dismissSlaProposalRoute = createRoute({
  method: 'post',
  path: '/api/v1/contracts/{id}/sla-proposals/{proposal_id}/dismiss',
  operationId: 'dismissSlaProposal',
  ...permission('sla:write'),
  tags,
  summary: 'Dismiss a proposed SLA change',
  description: 'Marks an open proposal dismissed (the binding stays). A proposal already decided answers 409 `sla.proposal_decided`. To apply one instead, re-bind with its `proposal_id`.',
  request: { params: IdParam.extend({ proposal_id: z.coerce.number().int().positive() }) },
  responses: { 200: jsonResponse(ContractSla, 'ContractSla', 'The bindings and proposals'), ...writeErrorResponses },
});

export const contractAttainmentRoute = createRoute({
  method: 'get',
  path: '/api/v1/contracts/{id}/sla-attainment',
  operationId: 'getContractSlaAttainment',
  ...permission('sla:read'),
  tags,
  summary: 'Response and resolution attainment of a contract per month',
  description: 'Each service record of the customer is measured against the SLA bound when it opened (business minutes on the working calendar for 5×8), and counted for this contract when the SLA came from it. `from`/`to` are months (default: the last 12 months); at most 36.',
  request: { params: IdParam, query: z.object({ from: isoMonth.optional(), to: isoMonth.optional() }) },
  responses: { 200: jsonResponse(ContractAttainment, 'ContractSlaAttainment', 'Attainment per month'), ...errorResponses },
});
