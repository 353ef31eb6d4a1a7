import { z } from '@hono/zod-openapi';
import { and, inArray } from 'drizzle-orm';
import { ApiError } from '../../../platform/errors.ts';
import './finance.errors.ts';
import type { RequestScope } from '../../../platform/request-context.ts';
import { customerDirectory, visibleCustomers } from '../../customers/customers/customers.public.ts';

/** How finance, usage and monitoring pushes name a customer: exactly one of its id or its code. */
export const IntegrationCustomerRef = z
  .strictObject({
    id: z.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
    code: z.string().trim().min(1).max(50).optional(),
  })
  .refine((ref) => (ref.id === undefined) !== (ref.code === undefined), { message: 'give exactly one of id, code' })
  .openapi('IntegrationCustomerRef');
export type IntegrationCustomerRef = z.infer<typeof IntegrationCustomerRef>;

/** At most 12 integer digits and 2 decimals, never negative: what numeric(14,2) holds. */
const AMOUNT = /^(0|[1-9]\d{0,11})(\.\d{1,2})?$/;

/**
 * A money amount as a JSON string, normalised to two decimals (`"12000"` → `"12000.00"`).
 * @example Amount.parse('12000.5') // '12000.50'
 */
export const Amount = z
  .string()
  .regex(AMOUNT, 'a non-negative amount with at most 12 integer digits and 2 decimals, as a string')
  .transform((value) => {
    const [whole, cents = ''] = value.split('.');
    return `${whole}.${cents.padEnd(2, '0')}`;
  })
  .openapi({ type: 'string', pattern: AMOUNT.source, example: '12000.00' });

export const Currency = z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as CNY').openapi({ example: 'CNY' });

/** The stable key of a reference, so a batch resolves each customer once. */
export const refKey = (ref: IntegrationCustomerRef) => (ref.id !== undefined ? `id:${ref.id}` : `code:${ref.code}`);

/**
 * The customers pushes name, by id or code, in at most two queries, restricted to what the caller may see.
 * Each reference maps to the customer id or to a 422 `integration.customer_unknown`.
 * @example const ids = await resolveCustomerRefs(scope, [{ code: 'C001' }]); ids.get('code:C001') // 12 | ApiError
 */
export async function resolveCustomerRefs(scope: RequestScope, refs: readonly IntegrationCustomerRef[]): Promise<Map<string, number | ApiError>> {
  const ids = [...new Set(refs.flatMap((r) => (r.id !== undefined ? [r.id] : [])))];
  const codes = [...new Set(refs.flatMap((r) => (r.id === undefined && r.code !== undefined ? [r.code] : [])))];
  const byId = ids.length
    ? await scope.tx.select({ id: customerDirectory.id }).from(customerDirectory).where(and(visibleCustomers(scope, customerDirectory), inArray(customerDirectory.id, ids)))
    : [];
  const byCode = codes.length
    ? await scope.tx
        .select({ id: customerDirectory.id, code: customerDirectory.customer_code })
        .from(customerDirectory)
        .where(and(visibleCustomers(scope, customerDirectory), inArray(customerDirectory.customer_code, codes)))
    : [];
  const known = new Set(byId.map((r) => r.id));
  const idOfCode = new Map(byCode.map((r) => [r.code, r.id]));
  const resolved = new Map<string, number | ApiError>();
  for (const ref of refs) {
    const id = ref.id !== undefined ? (known.has(ref.id) ? ref.id : undefined) : idOfCode.get(ref.code!);
    resolved.set(refKey(ref), id ?? new ApiError('integration.customer_unknown', { customer: ref }));
  }
  return resolved;
}

/**
 * The one customer a single push names, or the 422 it answers.
 * @example const customerId = await resolveCustomerRef(scope, { id: 12 });
 */
export async function resolveCustomerRef(scope: RequestScope, ref: IntegrationCustomerRef): Promise<number> {
  const found = (await resolveCustomerRefs(scope, [ref])).get(refKey(ref))!;
  if (found instanceof ApiError) throw found;
  return found;
}
