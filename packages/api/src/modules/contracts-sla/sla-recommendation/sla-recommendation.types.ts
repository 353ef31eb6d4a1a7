/** SLA tiers from lowest to highest: 标准, 高级, 尊享, 战略. The order is the tier's rank. */
export const SLA_TIER_CODES = ['standard', 'premium', 'elite', 'strategic'] as const;

/** One of the four SLA tiers; the catalogue of the SLA-policy module uses the same codes. */
export type SlaTierCode = (typeof SLA_TIER_CODES)[number];

/** Chinese display names of the tiers. */
export const SLA_TIER_NAMES_ZH: Record<SlaTierCode, string> = { standard: '标准', premium: '高级', elite: '尊享', strategic: '战略' };

/** English display names of the tiers. */
export const SLA_TIER_NAMES_EN: Record<SlaTierCode, string> = { standard: 'Standard', premium: 'Premium', elite: 'Elite', strategic: 'Strategic' };

/** Coverage of the service desk: working hours on the working calendar, or around the clock. */
export type ServiceHours = '7x24' | '5x8';

/** Services a contract can cover beyond the basic service desk, as catalogue line codes. */
export const COVERED_SERVICES = ['monitoring_7x24', 'onsite_support', 'disaster_recovery', 'security_operations'] as const;

/** A covered service that matters to the SLA choice. */
export type CoveredService = (typeof COVERED_SERVICES)[number];

/** Ticket history of the customer over the last 12 months, from service records. */
export type ServiceHistory = {
  /** Average tickets per month. */
  tickets_per_month: number;
  /** Share of P1 tickets, 0–1. */
  p1_share: number;
  /** Share of tickets opened outside 工作日 9:00–18:00, 0–1. */
  after_hours_share: number;
  /** SLA breaches (response or resolution) in the last 12 months. */
  breaches_12m: number;
};

/**
 * Everything the recommendation looks at for one customer and one contract. `industry` and `scale` carry the
 * customer profile's own strings (`金融`, `大型企业`); unknown values count as neutral.
 */
export type SlaProfile = {
  /** 客户等级: 1 普通, 2 重要, 3 VIP, 4 战略. */
  customer_level: 1 | 2 | 3 | 4;
  industry: string | null;
  /** 小型企业, 中型企业, 大型企业 or 集团. */
  scale: string | null;
  /** Annual contract value in CNY (the contract amount spread over a year). */
  annual_contract_value: number;
  covered_services: CoveredService[];
  /** Null for a customer without service history yet (a first contract). */
  history: ServiceHistory | null;
  /** A version the contract pins; honoured when it belongs to the recommended tier and is not retired. */
  pinned_version_id?: string | null;
};

/** One published version of a tier. Versions are immutable once published. */
export type SlaTierVersion = { id: string; published_at: string; retired: boolean };

/** What the recommendation needs from the SLA-policy catalogue: the tiers and their versions. */
export type SlaTierCatalogueEntry = { code: SlaTierCode; name: string; rank: number; versions: SlaTierVersion[] };

/** A text in both interface languages. */
export type LocalisedText = { zh: string; en: string };

/** One factor's contribution to the score, or a hard rule that moved the tier. */
export type SlaReason = LocalisedText & {
  factor: string;
  /** Points added to the score (negative pushes down); 0 for a hard rule. */
  points: number;
  effect: 'up' | 'down' | 'neutral' | 'rule';
};

/** The recommended tier and version, with why and how sure. */
export type SlaRecommendation = {
  tier: SlaTierCode;
  tier_name: string;
  /** Null when the catalogue has no usable version of the tier; `reasons` then says so. */
  version_id: string | null;
  service_hours: ServiceHours;
  /** The points total before hard rules. */
  score: number;
  /** The tier the score alone gives, before hard rules. */
  score_tier: SlaTierCode;
  /** 0–1: how far the score is from the nearest tier threshold, or high when an absolute rule decided. */
  confidence: number;
  reasons: SlaReason[];
};

/** How a recommendation relates to the tier a contract is bound to now. */
export type BindingComparison = { change: 'same' | 'upgrade' | 'downgrade'; message: LocalisedText };

/** Whether a catalogue code is one of the four tiers the recommendation knows. */
export const isTierCode = (code: string): code is SlaTierCode => (SLA_TIER_CODES as readonly string[]).includes(code);

/** The rank of a tier, 0 for 标准 to 3 for 战略. */
export const tierIndex = (code: SlaTierCode): number => SLA_TIER_CODES.indexOf(code);
