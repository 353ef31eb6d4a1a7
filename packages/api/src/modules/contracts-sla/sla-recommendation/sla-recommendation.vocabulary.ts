import type { ServiceHistory, SlaProfile } from './sla-recommendation.types.ts';

/**
 * The domain vocabulary of docs/sla-recommendation.md, shared by the expert's labelling rules and the scoring
 * model so both read a profile the same way: which industries are critical, the contract-value bands, sizes.
 */

/** 行业关键度: outages there stop payments, care, public services or supply. */
export type IndustryCriticality = 'high' | 'normal' | 'low';

const HIGH_CRITICALITY = new Set(['金融', '银行', '证券', '保险', '医疗', '医院', '政府', '政务', '能源', '电力', '电信', '通信']);
const LOW_CRITICALITY = new Set(['教育', '零售']);

/**
 * The criticality of an industry string from the customer profile; unknown or missing industries are normal.
 * @example industryCriticality('金融') // 'high'
 */
export function industryCriticality(industry: string | null): IndustryCriticality {
  const value = industry?.trim() ?? '';
  if (HIGH_CRITICALITY.has(value)) return 'high';
  if (LOW_CRITICALITY.has(value)) return 'low';
  return 'normal';
}

/** 规模 from small to group; a missing or unknown scale counts as 中型企业. */
export type SizeClass = 'small' | 'medium' | 'large' | 'group';

/** @example sizeClass('集团') // 'group' */
export function sizeClass(scale: string | null): SizeClass {
  switch (scale?.trim()) {
    case '小型企业':
      return 'small';
    case '大型企业':
      return 'large';
    case '集团':
      return 'group';
    default:
      return 'medium';
  }
}

/** Lower bounds (CNY, inclusive) of the annual-contract-value bands A–E: <10万, 10–30万, 30–100万, 100–300万, ≥300万. */
export const VALUE_BAND_FLOORS = [0, 100_000, 300_000, 1_000_000, 3_000_000] as const;

/** Band names as the documentation writes them. */
export const VALUE_BAND_NAMES = ['A <10万', 'B 10万–30万', 'C 30万–100万', 'D 100万–300万', 'E ≥300万'] as const;

/**
 * The band index 0 (A) to 4 (E) of an annual contract value in CNY; bands include their lower bound.
 * @example valueBand(300_000) // 2 (band C)
 */
export function valueBand(annualValue: number): number {
  let band = 0;
  VALUE_BAND_FLOORS.forEach((floor, index) => {
    if (annualValue >= floor) band = index;
  });
  return band;
}

/** Below this many tickets a month the P1 and after-hours shares are noise, not a pattern. */
export const MIN_TICKETS_FOR_SHARES = 5;

/** Whether the history has enough tickets for its shares to mean something. */
export const sharesAreReliable = (history: ServiceHistory | null): history is ServiceHistory =>
  history !== null && history.tickets_per_month >= MIN_TICKETS_FOR_SHARES;

/**
 * The absolute 7×24 rule: P1 share ≥ 10% and after-hours share ≥ 40% on a reliable history. Such a customer
 * gets 7×24 coverage and at least 高级, whatever its size or value.
 */
export function isP1HeavyAfterHours(profile: Pick<SlaProfile, 'history'>): boolean {
  const history = profile.history;
  return sharesAreReliable(history) && history.p1_share >= 0.1 && history.after_hours_share >= 0.4;
}

/** 7×24 need: the P1-heavy after-hours profile, or a covered service that only makes sense around the clock. */
export function needsRoundTheClock(profile: Pick<SlaProfile, 'history' | 'covered_services'>): boolean {
  return isP1HeavyAfterHours(profile) || profile.covered_services.includes('monitoring_7x24') || profile.covered_services.includes('security_operations');
}
