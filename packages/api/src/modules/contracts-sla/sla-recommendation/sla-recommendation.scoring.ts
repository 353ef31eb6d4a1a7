import type { SlaProfile } from './sla-recommendation.types.ts';
import { industryCriticality, sharesAreReliable, sizeClass, valueBand, VALUE_BAND_NAMES } from './sla-recommendation.vocabulary.ts';

/** One factor's points with the words that explain them. */
export type FactorContribution = { factor: string; points: number; zh: string; en: string };

/**
 * The weights of the points model. Customer level sets the anchor (20 points a tier, so each level starts in
 * the middle of its tier's band); the other factors move the score by a few points each, so it takes several
 * signals pointing the same way to change tier — one signal alone never does.
 */
export const SLA_WEIGHTS = {
  level: { 1: 0, 2: 20, 3: 40, 4: 60 } as Record<1 | 2 | 3 | 4, number>,
  industry: { high: 4, normal: 0, low: -6 },
  size: { small: -6, medium: 0, large: 4, group: 5 },
  /**
   * By how many value bands the contract sits above (+) or below (−) the usual band of its customer level
   * (普通 B, 重要 C, VIP D, 战略 E), clamped to −2…+2: paying for more than the level usually buys lifts
   * the score. Far-too-low values are not scored here: the value cap (a hard rule) handles them.
   */
  value_vs_level: { '-2': 0, '-1': 0, '0': 0, '1': 12, '2': 20 } as Record<string, number>,
  services: { monitoring_7x24: 4, resilience: 4, onsite_support: 1, none: -6 },
  history: { busy: 4, p1_heavy: 4, after_hours: 4, breaches: 4, quiet: -6 },
} as const;

/** Lower score bounds of 高级, 尊享 and 战略 (标准 is everything below the first). */
export const TIER_THRESHOLDS = [10, 30, 50] as const;

const LEVEL_NAMES = { 1: ['普通', 'regular'], 2: ['重要', 'important'], 3: ['VIP', 'VIP'], 4: ['战略', 'strategic'] } as const;
const CRITICALITY_NAMES = { high: ['高关键行业', 'critical industry'], normal: ['一般行业', 'ordinary industry'], low: ['低关键行业', 'low-criticality industry'] } as const;
const SIZE_NAMES = { small: ['小型企业', 'small company'], medium: ['中型企业', 'mid-size company'], large: ['大型企业', 'large enterprise'], group: ['集团', 'group'] } as const;

/**
 * Scores a profile: every factor that moved the score, with its points. Zero contributions are left out,
 * except the customer level and the contract value, which are always shown.
 * @example scoreProfile(profile).reduce((sum, c) => sum + c.points, 0) // the score
 */
export function scoreProfile(profile: SlaProfile): FactorContribution[] {
  const w = SLA_WEIGHTS;
  const out: FactorContribution[] = [];
  const add = (factor: string, points: number, zh: string, en: string) => {
    if (points !== 0 || factor === 'customer_level' || factor === 'contract_value') out.push({ factor, points, zh, en });
  };
  const [levelZh, levelEn] = LEVEL_NAMES[profile.customer_level];
  add('customer_level', w.level[profile.customer_level], `客户等级${profile.customer_level}（${levelZh}）`, `customer level ${profile.customer_level} (${levelEn})`);

  const criticality = industryCriticality(profile.industry);
  const [critZh, critEn] = CRITICALITY_NAMES[criticality];
  add('industry', w.industry[criticality], `${critZh}：${profile.industry ?? '未填写'}`, `${critEn}: ${profile.industry ?? 'not given'}`);

  const size = sizeClass(profile.scale);
  add('size', w.size[size], `规模：${SIZE_NAMES[size][0]}`, `size: ${SIZE_NAMES[size][1]}`);

  const band = valueBand(profile.annual_contract_value);
  const wan = Math.round(profile.annual_contract_value / 1000) / 10;
  const gap = Math.max(-2, Math.min(2, band - profile.customer_level));
  const usual = 'ABCDE'[profile.customer_level]!;
  const relation = gap > 0 ? ['高于', 'above'] : gap < 0 ? ['低于', 'below'] : ['符合', 'matching'];
  add('contract_value', w.value_vs_level[String(gap)]!, `年合同额${wan}万元（${VALUE_BAND_NAMES[band]}），${relation[0]}该等级客户常见的${usual}档`, `annual contract value CNY ${profile.annual_contract_value.toLocaleString('en')} (band ${'ABCDE'[band]}), ${relation[1]} the usual band ${usual} of the level`);

  const services = new Set(profile.covered_services);
  if (services.size === 0) add('services', w.services.none, '仅基础服务台，无增值服务', 'service desk only, no added services');
  if (services.has('monitoring_7x24')) add('monitoring_7x24', w.services.monitoring_7x24, '含7×24监控', 'covers 7×24 monitoring');
  if (services.has('disaster_recovery') || services.has('security_operations')) add('resilience', w.services.resilience, '含容灾或安全运营', 'covers disaster recovery or security operations');
  if (services.has('onsite_support')) add('onsite_support', w.services.onsite_support, '含驻场/上门支持', 'covers on-site support');

  const history = profile.history;
  if (history) {
    if (history.tickets_per_month >= 80) add('ticket_volume', w.history.busy, `月均工单${history.tickets_per_month}张`, `${history.tickets_per_month} tickets a month`);
    if (sharesAreReliable(history) && history.p1_share >= 0.08) add('p1_share', w.history.p1_heavy, `P1占比${percent(history.p1_share)}`, `P1 share ${percent(history.p1_share)}`);
    if (sharesAreReliable(history) && history.after_hours_share >= 0.3) add('after_hours', w.history.after_hours, `非工作时间工单占比${percent(history.after_hours_share)}`, `after-hours share ${percent(history.after_hours_share)}`);
    if (history.breaches_12m >= 3) add('breaches', w.history.breaches, `近12个月SLA违约${history.breaches_12m}次`, `${history.breaches_12m} SLA breaches in 12 months`);
    if (history.tickets_per_month < 10 && history.breaches_12m === 0) add('quiet_history', w.history.quiet, '服务历史平稳（月均工单<10、无违约）', 'quiet history (<10 tickets a month, no breaches)');
  }
  return out;
}

const percent = (share: number) => `${Math.round(share * 1000) / 10}%`;

/** The tier index 0–3 a score falls in. */
export function scoreTier(score: number): number {
  return TIER_THRESHOLDS.filter((threshold) => score >= threshold).length;
}

/** Distance from the score to the nearest threshold that bounds its tier (Infinity has no bound on that side). */
export function thresholdMargin(score: number): number {
  const tier = scoreTier(score);
  const lower = tier === 0 ? -Infinity : TIER_THRESHOLDS[tier - 1]!;
  const upper = tier === TIER_THRESHOLDS.length ? Infinity : TIER_THRESHOLDS[tier]!;
  return Math.min(score - lower, upper - score);
}
