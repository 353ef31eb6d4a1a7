/**
 * The measurable facts about a customer that both the health score (configured weights) and the churn
 * model (trained on the tenant's history) read. One shape for both, so a model trained from history
 * scores today's customers on exactly what the score shows. `null` where the data does not exist yet
 * (no invoices, no ratings); models impute, the score leaves the factor out and says so.
 */
export type HealthFeatures = {
  /** Support load: tickets opened in the last 90 days and the ratio to the 90 days before (1 = flat). */
  tickets_90d: number;
  tickets_trend: number | null;
  /** Share of P1 tickets in the last 90 days (0–1). */
  p1_share_90d: number | null;
  /** SLA: share of decided response/resolution targets breached in the last 90 days (0–1). */
  breach_rate_90d: number | null;
  /**
   * Satisfaction: mean rating (1–5) of the last 90 days — ticket ratings and survey answers (CSAT, else
   * 1 + NPS × 0.4) together — and its change against the 90 days before.
   */
  rating_90d: number | null;
  rating_trend: number | null;
  /** Complaints not closed, and complaints raised in the last 90 days. */
  open_complaints: number;
  complaints_90d: number;
  /** Finance: overdue amount over the last 12 months' revenue (0–…), the longest days overdue, revenue 12m / previous 12m. */
  overdue_ratio: number | null;
  max_days_overdue: number;
  revenue_trend: number | null;
  /** Engagement: logins in the last 30 days, ratio to the 30 days before, days since the last communication. */
  logins_30d: number;
  login_trend: number | null;
  days_since_contact: number | null;
  /** Contract: days until the contract in force ends (null without one), amendments in the last 12 months. */
  days_to_contract_end: number | null;
  amendments_12m: number;
  /** Operations: incidents (all and critical) and availability (%) of the last 90 days. */
  incidents_90d: number;
  critical_incidents_90d: number;
  availability_90d: number | null;
  /** Who the customer is: level 1–4 and days since the first contract started (tenure). */
  level: number;
  tenure_days: number | null;
};

/** The features in a fixed order (model coefficients are stored against these names). */
export const HEALTH_FEATURE_NAMES = [
  'tickets_90d', 'tickets_trend', 'p1_share_90d', 'breach_rate_90d', 'rating_90d', 'rating_trend', 'open_complaints', 'complaints_90d',
  'overdue_ratio', 'max_days_overdue', 'revenue_trend', 'logins_30d', 'login_trend', 'days_since_contact', 'days_to_contract_end',
  'amendments_12m', 'incidents_90d', 'critical_incidents_90d', 'availability_90d', 'level', 'tenure_days',
] as const satisfies readonly (keyof HealthFeatures)[];
