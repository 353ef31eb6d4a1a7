import type { HealthBand, HealthFeatures } from '../health/health.public.ts';
import type { TaskPriority } from '../tasks/tasks.public.ts';

type Text = { zh: string; en: string };

/** The contract in force that ends last (what a renewal would replace). */
export type ContractInForce = { id: number; contract_no: string; end_date: string; days_to_end: number };

/** What the rules read of one customer: its health, its contract in force and a few health features. */
export type OpportunityFacts = {
  customer_id: number;
  band: HealthBand | null;
  score: number | null;
  contract: ContractInForce | null;
  features: Pick<HealthFeatures, 'logins_30d' | 'login_trend' | 'critical_incidents_90d' | 'availability_90d' | 'overdue_ratio' | 'max_days_overdue'> | null;
};

/** Thresholds of the rules; every tenant gets the defaults. */
export type OpportunityRules = {
  /** A contract in force ending within this many days is a renewal opportunity. */
  renewal_within_days: number;
  /** Usage counts as growing when logins of the last 30 days are at least this ratio of the 30 days before. */
  growth_ratio: number;
  /** Availability (%) of the last 90 days at or above this is "fine" (no data counts as fine). */
  min_availability: number;
};

export const DEFAULT_OPPORTUNITY_RULES: OpportunityRules = { renewal_within_days: 120, growth_ratio: 1.2, min_availability: 99.5 };

export type OpportunityKind = 'renewal' | 'expansion';
/** The play behind the strategy: early multi-year renewal (green), a retention plan (yellow, red, no score), an upsell. */
export type OpportunityPlay = 'early_renewal' | 'retention_plan' | 'upsell';

/** One opportunity: what to do (strategy), why (reasons, one per fact), and how urgent. */
export type Opportunity = {
  kind: OpportunityKind;
  play: OpportunityPlay;
  strategy: Text;
  reasons: (Text & { fact: string; value: number | string | null })[];
  priority: TaskPriority;
  contract_id: number | null;
};

const BAND_TEXT: Record<HealthBand, Text> = { green: { zh: '健康', en: 'green' }, yellow: { zh: '关注', en: 'yellow' }, red: { zh: '风险', en: 'red' } };

const percentUp = (ratio: number) => Math.round((ratio - 1) * 100);

/** Whether usage grew by the rule's ratio (logins of the last 30 days against the 30 before). */
const usageGrew = (facts: OpportunityFacts, rules: OpportunityRules) =>
  facts.features !== null && facts.features.logins_30d > 0 && facts.features.login_trend !== null && facts.features.login_trend >= rules.growth_ratio;

function healthReason(facts: OpportunityFacts): Opportunity['reasons'][number] {
  if (facts.band === null) return { fact: 'health_band', value: null, zh: '暂无健康度评分', en: 'No health score yet' };
  const band = BAND_TEXT[facts.band];
  return { fact: 'health_band', value: facts.band, zh: `健康度 ${facts.score ?? '—'} 分（${band.zh}）`, en: `Health ${facts.score ?? '—'} (${band.en})` };
}

function growthReason(facts: OpportunityFacts): Opportunity['reasons'][number] {
  const f = facts.features!;
  return { fact: 'login_trend', value: f.login_trend, zh: `近 30 天登录 ${f.logins_30d} 次，较前 30 天增长 ${percentUp(f.login_trend!)}%`, en: `${f.logins_30d} logins in 30 days, up ${percentUp(f.login_trend!)}% on the 30 days before` };
}

function renewal(facts: OpportunityFacts, rules: OpportunityRules): Opportunity | null {
  const contract = facts.contract;
  if (!contract || contract.days_to_end < 0 || contract.days_to_end > rules.renewal_within_days) return null;
  const reasons: Opportunity['reasons'] = [
    { fact: 'days_to_contract_end', value: contract.days_to_end, zh: `合同 ${contract.contract_no} 将于 ${contract.end_date} 到期（${contract.days_to_end} 天后）`, en: `Contract ${contract.contract_no} ends on ${contract.end_date} (in ${contract.days_to_end} days)` },
    healthReason(facts),
  ];
  if (facts.band === 'green') {
    const grew = usageGrew(facts, rules);
    if (grew) reasons.push(growthReason(facts));
    return {
      kind: 'renewal',
      play: 'early_renewal',
      strategy: grew
        ? { zh: '提前续约：客户健康且用量增长，建议提前签订多年期续约，并推荐升级 SLA 等级', en: 'Renew early: the customer is healthy and growing — propose a multi-year renewal now, with a higher SLA tier' }
        : { zh: '提前续约：客户健康，建议提前签订多年期续约，锁定价格与服务', en: 'Renew early: the customer is healthy — propose a multi-year renewal now to lock in price and service' },
      reasons,
      priority: contract.days_to_end <= 30 ? 'urgent' : contract.days_to_end <= 60 ? 'high' : 'normal',
      contract_id: contract.id,
    };
  }
  return {
    kind: 'renewal',
    play: 'retention_plan',
    strategy: {
      zh: '挽留计划：续约存在风险，建议尽快安排服务回顾会，提交服务价值报告，必要时给出续约优惠或改进承诺',
      en: 'Retention plan: the renewal is at risk — hold a service review soon, present a value report and offer renewal concessions or improvement commitments where needed',
    },
    reasons,
    priority: facts.band === 'red' || contract.days_to_end <= 30 ? 'urgent' : 'high',
    contract_id: contract.id,
  };
}

function expansion(facts: OpportunityFacts, rules: OpportunityRules): Opportunity | null {
  const f = facts.features;
  if (facts.band !== 'green' || !f || !usageGrew(facts, rules)) return null;
  if (f.critical_incidents_90d > 0 || (f.availability_90d !== null && f.availability_90d < rules.min_availability)) return null;
  if (f.max_days_overdue > 0 || (f.overdue_ratio !== null && f.overdue_ratio > 0)) return null;
  const availability = f.availability_90d === null ? { zh: '暂无可用性数据', en: 'no availability data' } : { zh: `可用性 ${f.availability_90d}%`, en: `availability ${f.availability_90d}%` };
  return {
    kind: 'expansion',
    play: 'upsell',
    strategy: {
      zh: '扩容增购：用量增长且服务稳定，建议推荐更高 SLA 等级、增加席位或新模块',
      en: 'Expansion: usage is growing and service is stable — propose a higher SLA tier, more seats or new modules',
    },
    reasons: [
      healthReason(facts),
      growthReason(facts),
      { fact: 'operations', value: f.availability_90d, zh: `近 90 天无重大故障，${availability.zh}`, en: `No critical incidents in 90 days, ${availability.en}` },
      { fact: 'finance', value: f.max_days_overdue, zh: '无逾期账款', en: 'Nothing overdue' },
    ],
    priority: f.login_trend! >= rules.growth_ratio + 0.3 ? 'high' : 'normal',
    contract_id: facts.contract?.id ?? null,
  };
}

/**
 * The renewal and expansion opportunities of one customer (REQ-016 risk-alert flow): (a) a contract in force
 * ending within `renewal_within_days` is a renewal — early multi-year renewal when the band is green (with an
 * SLA upgrade when usage grew), a retention plan when it is yellow, red or unknown; (b) a green customer whose
 * usage grew by `growth_ratio`, with no critical incident, availability fine and nothing overdue, is an
 * expansion. Pure.
 * @example identifyOpportunities({ customer_id: 7, band: 'green', score: 82, contract: { id: 3, contract_no: 'HT-1', end_date: '2026-08-01', days_to_end: 90 }, features }).map((o) => o.play) // ['early_renewal', 'upsell']
 */
export function identifyOpportunities(facts: OpportunityFacts, rules: OpportunityRules = DEFAULT_OPPORTUNITY_RULES): Opportunity[] {
  return [renewal(facts, rules), expansion(facts, rules)].filter((o): o is Opportunity => o !== null);
}

/**
 * The task description of an opportunity: the strategy (zh), then the reasons.
 * @example opportunityDescription(opportunity) // '提前续约：…\n依据：合同 HT-1 将于 2026-08-01 到期（90 天后）；健康度 82 分（健康）'
 */
export function opportunityDescription(opportunity: Opportunity): string {
  return `${opportunity.strategy.zh}\n依据：${opportunity.reasons.map((r) => r.zh).join('；')}`;
}
