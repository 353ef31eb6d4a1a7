import { scoreProfile, scoreTier, thresholdMargin, TIER_THRESHOLDS } from './sla-recommendation.scoring.ts';
import {
  SLA_TIER_CODES,
  SLA_TIER_NAMES_EN,
  SLA_TIER_NAMES_ZH,
  tierIndex,
  type BindingComparison,
  type ServiceHours,
  type SlaProfile,
  type SlaReason,
  type SlaRecommendation,
  type SlaTierCatalogueEntry,
  type SlaTierCode,
} from './sla-recommendation.types.ts';
import { needsRoundTheClock, valueBand } from './sla-recommendation.vocabulary.ts';

/** Options of {@link recommendSla}. */
export type RecommendOptions = {
  /** Only versions published at or before this instant count (ISO time); all published versions when absent. */
  at?: string;
};

/** Highest tier index a contract of each value band supports, for customers below 战略 level (bands A–E). */
const VALUE_CAP_BY_BAND = [1, 1, 2, 3, 3] as const;
/** Confidence when an absolute rule, not the score, decided the tier. */
const RULE_CONFIDENCE = 0.9;

/**
 * Recommends an SLA tier and version for a customer and contract: a points score from the profile, tier
 * thresholds on the score, then the few absolute rules (strategic customers never below 尊享, 战略 only for
 * strategic customers, a 7×24 need means at least 高级, a low-value contract caps the tier). Pure: the caller
 * passes the catalogue; nothing is read from the database or the clock.
 * @example
 * recommendSla({ customer_level: 3, industry: '金融', scale: '大型企业', annual_contract_value: 1_500_000,
 *   covered_services: ['monitoring_7x24'], history: null }, catalogue)
 * // { tier: 'elite', tier_name: '尊享', version_id: 'elite-v3', service_hours: '7x24', confidence: 0.9, … }
 */
export function recommendSla(profile: SlaProfile, catalogue: readonly SlaTierCatalogueEntry[], options: RecommendOptions = {}): SlaRecommendation {
  const contributions = scoreProfile(profile);
  const score = contributions.reduce((sum, c) => sum + c.points, 0);
  const reasons: SlaReason[] = contributions.map((c) => ({
    factor: c.factor,
    points: c.points,
    effect: c.points < 0 ? 'down' : c.points > 0 ? 'up' : 'neutral',
    zh: `${c.zh}：${signed(c.points)}分`,
    en: `${c.en}: ${signed(c.points)} points`,
  }));
  const fromScore = scoreTier(score);
  reasons.push(scoreReason(score, fromScore));

  let tier = fromScore;
  const rule = (factor: string, zh: string, en: string) => reasons.push({ factor, points: 0, effect: 'rule', zh, en });
  const level = profile.customer_level;
  const roundTheClock = needsRoundTheClock(profile);
  if (level < 4 && tier === 3) {
    tier = 2;
    rule('strategic_only', '战略档仅提供给战略客户：降为尊享', 'the 战略 tier is reserved for strategic customers: 尊享 (elite)');
  }
  const valueCap = VALUE_CAP_BY_BAND[valueBand(profile.annual_contract_value)] ?? 3;
  if (level < 4 && tier > valueCap) {
    tier = valueCap;
    const capZh = SLA_TIER_NAMES_ZH[SLA_TIER_CODES[valueCap]!];
    rule('value_cap', `年合同额不足以支撑更高档位：封顶${capZh}`, `the contract value caps the tier at ${SLA_TIER_CODES[valueCap]}`);
  }
  if (level === 4 && tier < 2) {
    tier = 2;
    rule('strategic_floor', '战略客户不低于尊享', 'a strategic customer never gets less than 尊享 (elite)');
  }
  if (roundTheClock && tier < 1) {
    tier = 1;
    rule('round_the_clock_floor', '需要7×24服务（P1多且多在非工作时间，或含7×24监控/安全运营）：至少高级', 'needs 7×24 cover (P1-heavy after-hours tickets, or 7×24 monitoring / security operations): at least 高级 (premium)');
  }

  const code = SLA_TIER_CODES[tier]!;
  const service_hours: ServiceHours = tier >= 2 || roundTheClock ? '7x24' : '5x8';
  const version = selectVersion(catalogue, code, profile.pinned_version_id ?? null, options.at);
  if (version.reason) reasons.push(version.reason);
  const margin = thresholdMargin(score);
  const confidence = tier !== fromScore ? RULE_CONFIDENCE : Math.round((0.5 + 0.5 * Math.min(1, margin / 10)) * 100) / 100;
  return {
    tier: code,
    tier_name: catalogue.find((entry) => entry.code === code)?.name ?? SLA_TIER_NAMES_ZH[code],
    version_id: version.id,
    service_hours,
    score,
    score_tier: SLA_TIER_CODES[fromScore]!,
    confidence,
    reasons,
  };
}

function scoreReason(score: number, tier: number): SlaReason {
  const code = SLA_TIER_CODES[tier]!;
  const bounds = `${tier === 0 ? '' : `≥${TIER_THRESHOLDS[tier - 1]}`}${tier === 0 || tier === 3 ? '' : ' '}${tier === 3 ? '' : `<${TIER_THRESHOLDS[tier]}`}`;
  return { factor: 'score', points: 0, effect: 'rule', zh: `总分${score}（${bounds}）→ ${SLA_TIER_NAMES_ZH[code]}`, en: `score ${score} (${bounds}) → ${code}` };
}

/**
 * The version to bind: the contract's pinned version when it belongs to the tier and is not retired, otherwise
 * the newest published, unretired version (published at or before `at` when given).
 */
export function selectVersion(catalogue: readonly SlaTierCatalogueEntry[], tier: SlaTierCode, pinnedVersionId: string | null, at?: string): { id: string | null; reason?: SlaReason } {
  const entry = catalogue.find((candidate) => candidate.code === tier);
  const usable = (entry?.versions ?? []).filter((version) => !version.retired && (at === undefined || Date.parse(version.published_at) <= Date.parse(at)));
  if (pinnedVersionId !== null) {
    if (usable.some((version) => version.id === pinnedVersionId)) {
      return { id: pinnedVersionId, reason: { factor: 'pinned_version', points: 0, effect: 'rule', zh: `合同锁定版本${pinnedVersionId}`, en: `the contract pins version ${pinnedVersionId}` } };
    }
  }
  const newest = [...usable].sort((a, b) => Date.parse(b.published_at) - Date.parse(a.published_at))[0];
  if (!newest) {
    return { id: null, reason: { factor: 'no_version', points: 0, effect: 'rule', zh: `目录中没有可用的${SLA_TIER_NAMES_ZH[tier]}版本`, en: `the catalogue has no usable version of ${tier}` } };
  }
  return { id: newest.id };
}

/**
 * How the recommendation compares with the tier a contract is bound to now, with a message for the contract panel.
 * @example compareWithBinding(recommendation, 'premium') // { change: 'upgrade', message: { zh: '建议从高级升级到尊享', … } }
 */
export function compareWithBinding(recommendation: SlaRecommendation, currentTierCode: SlaTierCode): BindingComparison {
  const from = tierIndex(currentTierCode);
  const to = tierIndex(recommendation.tier);
  const fromZh = SLA_TIER_NAMES_ZH[currentTierCode];
  const toZh = SLA_TIER_NAMES_ZH[recommendation.tier];
  const fromEn = SLA_TIER_NAMES_EN[currentTierCode];
  const toEn = SLA_TIER_NAMES_EN[recommendation.tier];
  if (to === from) return { change: 'same', message: { zh: `当前绑定的${fromZh}与推荐一致`, en: `the bound tier ${fromEn} matches the recommendation` } };
  const change = to > from ? 'upgrade' : 'downgrade';
  const verbZh = change === 'upgrade' ? '升级' : '降级';
  const percent = Math.round(recommendation.confidence * 100);
  return {
    change,
    message: {
      zh: `建议从${fromZh}${verbZh}到${toZh}（置信度${percent}%）`,
      en: `Recommend ${change === 'upgrade' ? 'upgrading' : 'downgrading'} from ${fromEn} to ${toEn} (confidence ${percent}%)`,
    },
  };
}

const signed = (points: number) => (points > 0 ? `+${points}` : String(points));
