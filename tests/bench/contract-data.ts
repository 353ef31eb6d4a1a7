import type { Faker } from '@faker-js/faker';
import { DEFAULT_SLA_CATALOGUE } from '../../packages/api/src/modules/contracts-sla/sla-policies/default-catalogue.ts';

const DAY_MS = 86_400_000;
/** Contract periods lie within 2022–2027: terms are shortened to end by LAST_END, renewals start by LAST_RENEWAL_START. */
const FIRST_START = Date.UTC(2022, 0, 1) / DAY_MS;
const LAST_NEW_START = Date.UTC(2026, 10, 30) / DAY_MS;
const LAST_RENEWAL_START = Date.UTC(2027, 0, 1) / DAY_MS;
const LAST_END = Date.UTC(2027, 11, 31) / DAY_MS;
/** A contract whose end is this close is `expiring` (the renewal reminders' window). */
const EXPIRING_DAYS = 60;

/** A day number (days since 1970-01-01) as an ISO date. */
export const isoDay = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);
/** 00:00 of a business date in Asia/Shanghai (UTC+8 all year, no DST since 1991), as Postgres reads it. */
const shanghaiMidnight = (day: number) => `${isoDay(day)} 00:00:00+08`;

type ContractKind = 'new' | 'renewal' | 'expansion';
type ContractState = 'draft' | 'pending_approval' | 'active' | 'expiring' | 'renewed' | 'expired' | 'terminated' | 'rejected' | 'cancelled';
const NOT_IN_FORCE: readonly ContractState[] = ['draft', 'pending_approval', 'rejected', 'cancelled'];

/** One generated contract; days are day numbers, `tier` an index into the catalogue. */
export type BenchContract = {
  id: number;
  customerId: number;
  kind: ContractKind;
  state: ContractState;
  predecessorId: number | null;
  start: number;
  end: number;
  terminatedOn: number | null;
  signedOn: number;
  tier: number;
  /** The day an amendment re-bound the SLA to `amendedTier`, or null. */
  amendedOn: number | null;
  amendedTier: number;
};

/** The tenant's SLA versions by catalogue index (the generator inserts version 1 of each default tier). */
export type CatalogueVersions = { versionId: number; rank: number; code: string; name: string }[];

/**
 * 150k contracts over 100k customers, terms of 1–3 years within 2022–2027: 13% of customers have none,
 * most one, some up to four — renewals chained by `predecessor_id` (start the day after the previous
 * term) and co-terminous expansions that overlap the contract they extend. States follow `today`: a renewal in force marks its predecessor
 * `renewed`; ~8% of customers' newest contract never came into force (draft, pending, rejected, cancelled);
 * ~3% of the rest were terminated early.
 */
export function planContracts(f: Faker, options: { customers: number; contracts: number; today: number }): BenchContract[] {
  const n = options.customers;
  const count = new Uint8Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    count[i] = f.helpers.weightedArrayElement([{ weight: 13, value: 0 }, { weight: 47, value: 1 }, { weight: 22, value: 2 }, { weight: 11, value: 3 }, { weight: 7, value: 4 }]);
    total += count[i]!;
  }
  for (let i = 0; total !== options.contracts; i = (i + 7919) % n) {
    if (total < options.contracts && count[i]! < 4) (count[i]!++, total++);
    else if (total > options.contracts && count[i]! > 0) (count[i]!--, total--);
  }
  const tierOf = () => f.helpers.weightedArrayElement([{ weight: 45, value: 0 }, { weight: 35, value: 1 }, { weight: 15, value: 2 }, { weight: 5, value: 3 }]);
  const years = () => f.helpers.weightedArrayElement([{ weight: 70, value: 1 }, { weight: 20, value: 2 }, { weight: 10, value: 3 }]);
  const endAfter = (start: number, y: number) => {
    const d = new Date(start * DAY_MS);
    return Date.UTC(d.getUTCFullYear() + y, d.getUTCMonth(), d.getUTCDate()) / DAY_MS - 1;
  };
  const termEnd = (start: number) => {
    let y = years();
    while (y > 1 && endAfter(start, y) > LAST_END) y--;
    return endAfter(start, y);
  };
  const contracts: BenchContract[] = [];
  for (let i = 0; i < n; i++) {
    const chain: BenchContract[] = [];
    let main: BenchContract | null = null;
    for (let k = 0; k < count[i]!; k++) {
      const renew = main !== null && main.end + 1 <= LAST_RENEWAL_START && f.datatype.boolean(0.85);
      // A customer with k contracts signed its first early enough for most of the others to be renewals.
      const firstStart = () => f.number.int({ min: FIRST_START, max: Math.max(FIRST_START, LAST_NEW_START - (count[i]! - 1) * 365) });
      const start = main === null ? firstStart() : renew ? main.end + 1 : f.number.int({ min: main.start, max: main.end });
      const kind: ContractKind = main === null ? 'new' : renew ? 'renewal' : 'expansion';
      const contract: BenchContract = {
        id: contracts.length + chain.length + 1, customerId: i + 1, kind, state: 'active',
        predecessorId: renew ? main!.id : null, start,
        end: kind === 'expansion' ? main!.end : termEnd(start),
        // Contracts starting later were signed by today (no signing date in the future).
        terminatedOn: null, signedOn: Math.min(start - f.number.int({ min: 0, max: 30 }), options.today), tier: tierOf(), amendedOn: null, amendedTier: 0,
      };
      chain.push(contract);
      if (kind !== 'expansion') main = contract;
    }
    const newest = chain.at(-1);
    if (newest && f.datatype.boolean(0.08)) {
      newest.state = f.helpers.weightedArrayElement<ContractState>([{ weight: 50, value: 'draft' }, { weight: 25, value: 'pending_approval' }, { weight: 10, value: 'rejected' }, { weight: 15, value: 'cancelled' }]);
    }
    for (const contract of chain) {
      if (NOT_IN_FORCE.includes(contract.state)) continue;
      const renewedBy = chain.find((c) => c.predecessorId === contract.id && !NOT_IN_FORCE.includes(c.state));
      if (renewedBy) contract.state = 'renewed';
      else if (contract.start < options.today && f.datatype.boolean(0.03)) {
        contract.state = 'terminated';
        contract.terminatedOn = f.number.int({ min: contract.start, max: Math.min(contract.end, options.today) });
      } else if (contract.end < options.today) contract.state = 'expired';
      else contract.state = contract.end - options.today <= EXPIRING_DAYS ? 'expiring' : 'active';
      const last = contract.terminatedOn ?? contract.end;
      // One contract in ten was amended mid-term to another tier: its term is tiled by two bindings.
      if (last - contract.start >= 60 && f.datatype.boolean(0.1)) {
        contract.amendedOn = f.number.int({ min: contract.start + 30, max: last });
        contract.amendedTier = contract.tier < 3 ? contract.tier + 1 : 2;
      }
    }
    contracts.push(...chain);
  }
  return contracts;
}

export const CONTRACT_COLUMNS = [
  'tenant_id', 'id', 'contract_no', 'customer_id', 'title', 'kind', 'state', 'predecessor_id', 'start_date', 'end_date',
  'signing_date', 'owner_id', 'auto_renew', 'terminated_on', 'termination_reason', 'amount', 'billing_cycle',
  'sla_tier_code', 'created_at', 'updated_at',
];

const TITLES: Record<ContractKind, string> = { new: 'IT 运维服务合同', renewal: 'IT 运维服务续约合同', expansion: 'IT 运维服务扩容补充合同' };

/**
 * Contract rows; numbers `HT<signing day><4 digits>` as the API issues them. Returns the `code_sequences`
 * last values per day through `sequences`.
 */
export function* contractRows(f: Faker, contracts: BenchContract[], options: { tenantId: number; managerIds: number[]; catalogue: CatalogueVersions; sequences: Map<string, number> }): Generator<unknown[]> {
  for (const c of contracts) {
    const scope = `HT${isoDay(c.signedOn).replaceAll('-', '')}`;
    const seq = (options.sequences.get(scope) ?? 0) + 1;
    options.sequences.set(scope, seq);
    const signedAt = new Date(c.signedOn * DAY_MS + 2 * 3_600_000);
    const inForce = !NOT_IN_FORCE.includes(c.state);
    yield [
      options.tenantId, c.id, `${scope}${String(seq).padStart(4, '0')}`, c.customerId, `${TITLES[c.kind]}（${isoDay(c.start).slice(0, 4)}）`,
      c.kind, c.state, c.predecessorId, isoDay(c.start), isoDay(c.end),
      inForce || c.state === 'pending_approval' ? isoDay(c.signedOn) : null, f.helpers.arrayElement(options.managerIds), f.datatype.boolean(0.3),
      c.terminatedOn === null ? null : isoDay(c.terminatedOn), c.terminatedOn === null ? null : '客户业务调整，提前终止',
      (f.number.int({ min: 5, max: 400 }) * 5000).toFixed(2), f.helpers.weightedArrayElement([{ weight: 6, value: 'yearly' }, { weight: 3, value: 'quarterly' }, { weight: 1, value: 'monthly' }]),
      options.catalogue[c.amendedOn === null ? c.tier : c.amendedTier]!.code, signedAt, signedAt,
    ];
  }
}

export const BINDING_COLUMNS = ['tenant_id', 'id', 'contract_id', 'customer_id', 'sla_version_id', 'tier_rank', 'effective', 'trigger', 'basis', 'reason', 'created_by', 'created_at'];

/**
 * The SLA bindings of every contract in force, tiling its term exactly as the coverage trigger demands:
 * [start 00:00, day after min(end, terminated_on) 00:00) in Asia/Shanghai, split at the amendment day when
 * there is one. None for contracts that never came into force.
 */
export function* bindingRows(contracts: BenchContract[], options: { tenantId: number; catalogue: CatalogueVersions }): Generator<unknown[]> {
  let id = 0;
  for (const c of contracts) {
    if (NOT_IN_FORCE.includes(c.state)) continue;
    const afterLast = (c.terminatedOn ?? c.end) + 1;
    const first = options.catalogue[c.tier]!;
    const firstEnd = c.amendedOn ?? afterLast;
    const trigger = c.kind === 'renewal' ? 'renewal' : 'activation';
    yield [
      options.tenantId, ++id, c.id, c.customerId, first.versionId, first.rank, `[${shanghaiMidnight(c.start)},${shanghaiMidnight(firstEnd)})`,
      trigger, 'contract_terms', `合同生效，按合同约定的${first.name}服务等级绑定`, 'system', new Date(c.signedOn * DAY_MS),
    ];
    if (c.amendedOn !== null) {
      const next = options.catalogue[c.amendedTier]!;
      yield [
        options.tenantId, ++id, c.id, c.customerId, next.versionId, next.rank, `[${shanghaiMidnight(c.amendedOn)},${shanghaiMidnight(afterLast)})`,
        // An amendment from a later day is recorded now, ahead of its start.
        'amendment', 'contract_terms', `合同变更，服务等级调整为${next.name}`, 'system', new Date(Math.min(c.amendedOn * DAY_MS - 8 * 3_600_000, Date.now())),
      ];
    }
  }
}

/** The default catalogue rows (`ensureSlaCatalogue`'s), for the generator to insert. */
export const defaultCatalogue = DEFAULT_SLA_CATALOGUE;
