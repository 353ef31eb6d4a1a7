import type { Locale } from '../../../platform/i18n.ts';

type Text = { zh: string; en: string };
const pick = (text: Text, locale: Locale) => (locale === 'en' ? text.en : text.zh);
const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

/** How ticket channels read to a person. */
const CHANNEL_NAMES: Record<string, Text> = {
  portal: { zh: '自助门户', en: 'self-service portal' },
  phone: { zh: '电话', en: 'phone' },
  email: { zh: '邮件', en: 'e-mail' },
  wechat: { zh: '微信', en: 'WeChat' },
  wecom: { zh: '企业微信', en: 'WeCom' },
  dingtalk: { zh: '钉钉', en: 'DingTalk' },
  chat: { zh: '在线客服', en: 'live chat' },
  online: { zh: '在线客服', en: 'live chat' },
  onsite: { zh: '现场服务', en: 'on-site' },
};

/**
 * The service cost estimate behind `profit_margin`: there is no cost ledger yet, so each ticket costs the
 * engineer hours typical of its priority at an hourly rate. Said so in the response (`profit_margin_basis`).
 */
export const SERVICE_COST_MODEL = { hourly_rate: 300, hours: { P1: 6, P2: 4, P3: 2, P4: 1 } as Record<string, number> };

/** Months a customer is expected to stay, from the probability of leaving within 180 days (capped at ten years). */
export function expectedLifetimeMonths(churn180: number | null): number {
  if (churn180 === null) return 36;
  const monthly = 1 - (1 - Math.min(0.999, Math.max(0.001, churn180))) ** (1 / 6);
  return Math.min(120, round(1 / monthly, 1));
}

export type AnalysisInputs = {
  period: { days: number; months: number };
  service: { total: number; resolved: number; average_resolution_minutes: number | null; satisfaction_average: number | null; by_priority: Record<string, number>; channels: { channel: string; tickets: number }[]; rating_first_half: number | null; rating_second_half: number | null };
  revenue: number;
  usage: { logins: number; active_days: number; feature_days: Record<string, number> };
  health: { churn_probability: number | null; churn_risk: 'high' | 'medium' | 'low' | null; band: string } | null;
  contractInForce: boolean;
};

/**
 * The figures of REQ-016 §8's analysis response from its inputs, with the example's human strings
 * (`4.2小时`, `每周3次`, `低`, `上升`) in the caller's language and the numbers behind them.
 * @example analysisFigures(inputs, 'zh-CN').service_statistics.average_resolution_time // '4.2小时'
 */
export function analysisFigures(inputs: AnalysisInputs, locale: Locale) {
  const { service, usage, health, period } = inputs;
  const hours = service.average_resolution_minutes === null ? null : round(service.average_resolution_minutes / 60, 1);
  const monthly = period.months > 0 ? round(inputs.revenue / period.months, 2) : 0;
  const cost = Object.entries(service.by_priority).reduce((sum, [priority, n]) => sum + n * (SERVICE_COST_MODEL.hours[priority] ?? 2) * SERVICE_COST_MODEL.hourly_rate, 0);
  const perWeek = period.days > 0 ? round(usage.logins / (period.days / 7), 1) : 0;
  const featureUsage = Object.fromEntries(
    Object.entries(usage.feature_days)
      .map(([feature, days]) => [feature, usage.active_days ? round(days / usage.active_days, 2) : 0] as const)
      .sort((a, b) => b[1] - a[1]),
  );
  const channel = service.channels[0]?.channel ?? null;
  const trend = ratingTrend(service.rating_first_half, service.rating_second_half);
  const churn = health?.churn_probability ?? null;
  const risk = health?.churn_risk ?? null;
  const lifetime = expectedLifetimeMonths(churn);
  return {
    service_statistics: {
      total_tickets: service.total,
      resolved_tickets: service.resolved,
      average_resolution_time: hours === null ? null : locale === 'en' ? `${hours} hours` : `${hours}小时`,
      average_resolution_hours: hours,
      satisfaction_score: service.satisfaction_average === null ? null : round(service.satisfaction_average, 2),
    },
    financial_analysis: {
      total_revenue: inputs.revenue,
      monthly_revenue: monthly,
      ltv: round(monthly * lifetime, 2),
      expected_lifetime_months: lifetime,
      profit_margin: inputs.revenue > 0 ? round((inputs.revenue - cost) / inputs.revenue, 2) : null,
      service_cost_estimate: cost,
      profit_margin_basis: 'estimated' as const,
    },
    behavior_analysis: {
      login_frequency: locale === 'en' ? `${perWeek} times a week` : `每周${perWeek}次`,
      logins_per_week: perWeek,
      feature_usage: featureUsage,
      support_channel_preference: channel === null ? null : CHANNEL_NAMES[channel] ? pick(CHANNEL_NAMES[channel], locale) : channel,
      support_channel: channel,
    },
    risk_assessment: {
      churn_risk: risk === null ? null : pick(RISK_TEXT[risk], locale),
      churn_risk_level: risk,
      churn_probability: churn,
      satisfaction_trend: pick(TREND_TEXT[trend], locale),
      satisfaction_trend_direction: trend,
      renewal_probability: churn === null ? null : round((1 - churn) * (inputs.contractInForce ? 1 : 0.6), 2),
    },
  };
}

const RISK_TEXT: Record<'high' | 'medium' | 'low', Text> = { high: { zh: '高', en: 'high' }, medium: { zh: '中', en: 'medium' }, low: { zh: '低', en: 'low' } };
const TREND_TEXT: Record<'up' | 'down' | 'flat' | 'unknown', Text> = {
  up: { zh: '上升', en: 'rising' },
  down: { zh: '下降', en: 'falling' },
  flat: { zh: '平稳', en: 'steady' },
  unknown: { zh: '数据不足', en: 'not enough ratings' },
};

/** Rising or falling when the second half's mean rating differs from the first half's by 0.2 or more. */
export function ratingTrend(first: number | null, second: number | null): 'up' | 'down' | 'flat' | 'unknown' {
  if (first === null || second === null) return 'unknown';
  if (second - first >= 0.2) return 'up';
  if (first - second >= 0.2) return 'down';
  return 'flat';
}
