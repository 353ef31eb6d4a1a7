import type { CrmLocale } from '../i18n/i18n.js';
import type { HealthBand } from './health-gauge.format.js';

/**
 * The health gauge's texts, beside the widget like the contract panel's; the English catalogue is typed against
 * this one, so a missing key fails the build.
 */
const zhCN = {
  title: '客户健康度',
  loading: '正在加载客户健康度…',
  empty: '未选择客户',
  emptyHint: '请设置 customer-id 属性。',
  notConfigured: '组件尚未配置：请使用 <crm-provider> 或调用 configure()。',
  notFound: '客户不存在，或您无权查看该客户。',
  forbidden: '您没有查看客户健康度的权限。健康度仅对内部员工开放。',
  unauthorized: '登录已失效，请重新登录。',
  loadFailed: '客户健康度加载失败。',
  retry: '重试',
  gaugeLabel: '健康分',
  band: { green: '健康', yellow: '需关注', red: '高风险' } satisfies Record<HealthBand, string>,
  valueText: (score: string, band: string) => `${score} 分，${band}`,
  outOf: '/ 100',
  trend: '30 天趋势',
  trendText: (delta: string) => `30 天 ${delta}`,
  trendUnknown: '30 天趋势暂无数据',
  direction: { up: '上升', down: '下降', flat: '持平' } as Record<string, string>,
  factors: '主要因素',
  points: (points: string) => `${points} 分`,
  factorScore: (score: string) => `因素得分 ${score}`,
  noValue: '暂无数据',
  churnRisk: '流失风险',
  churn: { high: '高', medium: '中', low: '低' } as Record<string, string>,
  churnProbability: (percent: string) => `（概率 ${percent}）`,
  stage: '生命周期',
  stages: { onboarding: '导入期', established: '稳定期', growth: '成长期', renewal: '续约期' } as Record<string, string>,
  computedAt: (at: string) => `更新于 ${at}`,
};

export type HealthGaugeMessages = typeof zhCN;

const en: HealthGaugeMessages = {
  title: 'Customer health',
  loading: 'Loading customer health…',
  empty: 'No customer selected',
  emptyHint: 'Set the customer-id attribute.',
  notConfigured: 'Widget not configured: wrap it in <crm-provider> or call configure().',
  notFound: 'Customer not found, or you may not view it.',
  forbidden: 'You do not have permission to view customer health. It is for internal staff only.',
  unauthorized: 'Your session has expired. Please sign in again.',
  loadFailed: 'Could not load the customer health.',
  retry: 'Retry',
  gaugeLabel: 'Health score',
  band: { green: 'healthy', yellow: 'needs attention', red: 'at risk' },
  valueText: (score: string, band: string) => `${score}, ${band}`,
  outOf: '/ 100',
  trend: '30-day trend',
  trendText: (delta: string) => `30 days ${delta}`,
  trendUnknown: 'No 30-day trend yet',
  direction: { up: 'rising', down: 'falling', flat: 'steady' },
  factors: 'Main factors',
  points: (points: string) => `${points} pts`,
  factorScore: (score: string) => `factor score ${score}`,
  noValue: 'no data',
  churnRisk: 'Churn risk',
  churn: { high: 'High', medium: 'Medium', low: 'Low' },
  churnProbability: (percent: string) => ` (${percent} likely)`,
  stage: 'Lifecycle stage',
  stages: { onboarding: 'Onboarding', established: 'Established', growth: 'Growth', renewal: 'Renewal' },
  computedAt: (at: string) => `Updated ${at}`,
};

/** The gauge's catalogue for a locale. */
export function healthGaugeMessages(locale: CrmLocale): HealthGaugeMessages {
  return locale === 'en' ? en : zhCN;
}
