/** What completeness looks at for one customer. */
export type CompletenessInput = {
  customer_type: number;
  industry: string | null;
  scale: string | null;
  address: string | null;
  website: string | null;
  source: string | null;
  region: string | null;
  credit_code: string | null;
  description: string | null;
  assigned_manager_id: number | null;
  contacts: { is_primary: boolean; is_decision_maker: boolean; reachable: boolean }[];
};

/** Key information: a customer missing any of it is incomplete (the ≥95% KPI counts these). */
const KEY_CHECKS: [string, number, (c: CompletenessInput) => boolean][] = [
  ['industry', 10, (c) => Boolean(c.industry)],
  ['address', 8, (c) => Boolean(c.address)],
  ['assigned_manager', 10, (c) => c.assigned_manager_id !== null],
  ['primary_contact', 15, (c) => c.contacts.some((x) => x.is_primary)],
  ['decision_maker', 12, (c) => c.contacts.some((x) => x.is_decision_maker)],
  ['reachable_contact', 15, (c) => c.contacts.some((x) => x.reachable)],
  ['decision_maker_reachable', 10, (c) => c.contacts.some((x) => x.is_decision_maker && x.reachable)],
];

/** Recommended information: lowers the score, does not make a customer incomplete. */
const RECOMMENDED_CHECKS: [string, number, (c: CompletenessInput) => boolean][] = [
  ['scale', 4, (c) => Boolean(c.scale) || c.customer_type === 3],
  ['website', 4, (c) => Boolean(c.website) || c.customer_type === 3],
  ['source', 3, (c) => Boolean(c.source)],
  ['region', 3, (c) => Boolean(c.region)],
  ['credit_code', 4, (c) => Boolean(c.credit_code) || c.customer_type === 3],
  ['description', 2, (c) => Boolean(c.description)],
];

/** Missing keys that concern contacts: the "key contact information missing" list filters on these. */
export const CONTACT_GAPS = ['primary_contact', 'decision_maker', 'reachable_contact', 'decision_maker_reachable'] as const;

/**
 * Completeness 0–100 with the list of what is missing; `complete` means no key information is missing.
 * @example assessCompleteness(customer).missing // ['website', 'decision_maker']
 */
export function assessCompleteness(input: CompletenessInput): { score: number; complete: boolean; missing: string[] } {
  const checks = [...KEY_CHECKS, ...RECOMMENDED_CHECKS];
  const total = checks.reduce((sum, [, weight]) => sum + weight, 0);
  let earned = 0;
  const missing: string[] = [];
  for (const [key, weight, passes] of checks) {
    if (passes(input)) earned += weight;
    else missing.push(key);
  }
  return { score: Math.round((earned / total) * 100), complete: isComplete(missing), missing };
}

/** Key information keys; a customer missing none of them counts as complete. */
export const KEY_INFORMATION: readonly string[] = KEY_CHECKS.map(([key]) => key);

/** Whether a stored `completeness_missing` list leaves the key information intact. */
export const isComplete = (missing: readonly string[]): boolean => !missing.some((key) => KEY_INFORMATION.includes(key));
