import { and, asc, eq, isNull } from 'drizzle-orm';
import { addDays, businessDate, type IsoDate } from '../../../platform/time/calendar-date.ts';
import { ApiError } from '../../../platform/errors.ts';
import './contracts.errors.ts';
import { formatLocalDateTime } from '../../../platform/time/local-time.ts';
import type { RequestScope } from '../../../platform/request-context.ts';
import { listSlaTiers } from '../sla-policies/sla-policies.public.ts';
import type { TermsVersionRef } from './contract-lifecycle.ts';
import type { ContractTermsChange, ContractTermsVersion } from './contracts.contract.ts';
import { contracts, contractTerms, type ContractRow, type ContractTerms, type ContractTermsRow } from './contracts.schema.ts';

/** The terms a contract row holds now (its latest version). */
export const termsOf = (row: ContractRow): ContractTerms => ({
  amount: row.amount,
  currency: row.currency,
  billing_cycle: row.billing_cycle,
  covered_services: row.covered_services,
  sla_tier_code: row.sla_tier_code,
});

export const toTermsVersion = (row: ContractTermsRow): ContractTermsVersion => ({
  terms_version: row.terms_version,
  effective_from: row.effective_from,
  effective_to: row.effective_to,
  terms: row.terms,
  reason: row.reason,
  actor_id: row.actor_id,
  created_at: formatLocalDateTime(row.created_at),
});

/** Every terms version of a contract, oldest first. */
export async function termsVersionsOf(scope: RequestScope, contractId: number): Promise<ContractTermsRow[]> {
  return scope.tx
    .select()
    .from(contractTerms)
    .where(and(eq(contractTerms.tenant_id, scope.tenantId), eq(contractTerms.contract_id, contractId)))
    .orderBy(asc(contractTerms.terms_version));
}

/** The latest version, as the state machine reads it (an amendment must take effect after it). */
export const latestTermsRef = (versions: readonly ContractTermsRow[]): TermsVersionRef | null => {
  const latest = versions[versions.length - 1];
  return latest ? { version: latest.terms_version, effective_from: latest.effective_from } : null;
};

/** The version in force on a day: the last one that took effect on or before it. */
export const termsInForce = (versions: readonly ContractTermsRow[], now: Date): number | null => {
  const today = businessDate(now);
  const inForce = versions.filter((v) => v.effective_from <= today);
  return (inForce[inForce.length - 1] ?? versions[0])?.terms_version ?? null;
};

/** An agreed SLA tier must be a tier of the tenant's catalogue. */
export async function assertSlaTierCode(scope: RequestScope, code: string | null | undefined): Promise<void> {
  if (!code) return;
  const { items } = await listSlaTiers(scope);
  if (!items.some((tier) => tier.code === code)) throw new ApiError('contract.reference_invalid', { field: 'sla_tier_code', code, known: items.map((t) => t.code) });
}

/** Writes terms version 1 when a contract comes into force: what was signed, from its first day. */
export async function writeInitialTerms(scope: RequestScope, row: ContractRow): Promise<void> {
  await scope.tx
    .insert(contractTerms)
    .values({ tenant_id: scope.tenantId, contract_id: row.id, terms_version: 1, effective_from: row.start_date, terms: termsOf(row), reason: null, actor_id: scope.principal.subject })
    .onConflictDoNothing();
}

/**
 * Stores an amendment (变更): closes the latest version the day before `effective_from`, adds the new one,
 * and puts the new terms on the contract row. The old versions are kept as they were.
 * @example await amendTerms(scope, row, 2, '2026-07-01', { amount: '150000.00' }, '扩容两台服务器');
 */
export async function amendTerms(scope: RequestScope, row: ContractRow, version: number, effectiveFrom: IsoDate, change: ContractTermsChange, reason: string | null): Promise<ContractRow> {
  await assertSlaTierCode(scope, change.sla_tier_code);
  const terms: ContractTerms = { ...termsOf(row), ...change, sla_tier_code: change.sla_tier_code === undefined ? row.sla_tier_code : change.sla_tier_code };
  await scope.tx
    .update(contractTerms)
    .set({ effective_to: addDays(effectiveFrom, -1) })
    .where(and(eq(contractTerms.tenant_id, scope.tenantId), eq(contractTerms.contract_id, row.id), isNull(contractTerms.effective_to)));
  await scope.tx.insert(contractTerms).values({ tenant_id: scope.tenantId, contract_id: row.id, terms_version: version, effective_from: effectiveFrom, terms, reason, actor_id: scope.principal.subject });
  const [updated] = await scope.tx
    .update(contracts)
    .set({ ...terms })
    .where(and(eq(contracts.tenant_id, scope.tenantId), eq(contracts.id, row.id)))
    .returning();
  return updated!;
}
