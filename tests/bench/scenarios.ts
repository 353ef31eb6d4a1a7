import type { RequestSpec } from './load.ts';
import { benchAnswers } from './survey-data.ts';

/** A benchmarked endpoint: how to build its requests, whom to call as, and its REQ-016 target. */
export type Scenario = {
  key: string;
  label: string;
  user: 'manager' | 'support' | 'integration';
  /** Closed-loop connections when not the run's default (a batch ingest is a few writers, not 100 users). */
  connections?: number;
  /** Records one request carries (batch ingest); targets in `minRps` then count records, not requests. */
  recordsPerRequest?: number;
  /** Offered rates of the open-loop runs: ~100 users with a request a second each, and DESIGN.md's 500/s. */
  openRates: number[];
  target: { p95Ms?: number; minRps?: number };
  next: () => RequestSpec;
};

/** Fragments users type into the search box: brands (2 characters), a city, a business line, a full stem. */
export const SEARCH_FRAGMENTS = ['华信', '云启', '深圳', '物流', '智能装备', '云启科技', '恒通数据'];

/** Rules an analyst might preview: one attribute, metrics, and the combined example. */
export const SEGMENT_RULES = [
  'level >= 3',
  'health_band = "red" or health_band = "yellow"',
  'revenue_12m > 100000',
  'last_contact_days > 90',
  'contract_end_days <= 90',
  'level >= 2 and industry in ("软件开发", "制造业") and (health_band = "red" or revenue_12m > 50000) and contract_end_days <= 180',
];

const pick = <T>(list: readonly T[]): T => list[Math.floor(Math.random() * list.length)] as T;
/** How far back the effective-SLA lookups ask: tickets and reports look at the last two years. */
const LOOKBACK_MS = 2 * 365 * 86_400_000;

/**
 * A random instant between two years ago and now, in Beijing time as the ticket module sends it.
 * @example randomInstant() // '2025-06-03T14:07:31+08:00'
 */
export function randomInstant(now = Date.now()): string {
  const at = new Date(now - Math.floor(Math.random() * LOOKBACK_MS) + 8 * 3_600_000);
  return `${at.toISOString().slice(0, 19)}+08:00`;
}

const digits = (n: number) => Array.from({ length: n }, () => Math.floor(Math.random() * 10)).join('');

/**
 * The endpoints of the performance targets: detail (≤ 50 ms p95), list and search (≤ 100 ms p95),
 * create (≥ 300/s at 100 connections), effective SLA (≤ 20 ms p95 at 100 connections, REQ-016-009).
 * Detail runs twice: as a 客户经理, whose unmasked contact read is audited, and as support (masked, no
 * audit), to separate the audit's cost.
 */
export function benchScenarios(options: { customers: number; managerIds: number[]; runId: string; surveyTokens?: () => string[] }): Scenario[] {
  const randomId = () => 1 + Math.floor(Math.random() * options.customers);
  // Customers as the data generator weights them (rank r ∝ 1/√r): history pages of busy customers are read most.
  const busyId = () => 1 + Math.min(options.customers - 1, Math.floor(options.customers * Math.random() ** 2));
  let created = 0;
  let batches = 0;
  return [
    {
      key: 'service-history', label: 'GET /customers/{id}/service-records?limit=20 (1M records, busy customers weighted)', user: 'manager', openRates: [100], target: { p95Ms: 100 },
      next: () => ({ method: 'GET', path: `/api/v1/customers/${busyId()}/service-records?limit=20` }),
    },
    {
      key: 'timeline', label: 'GET /customers/{id}/timeline?limit=20 (1M records + 5M communications merged)', user: 'manager', openRates: [100], target: { p95Ms: 100 },
      next: () => ({ method: 'GET', path: `/api/v1/customers/${busyId()}/timeline?limit=20` }),
    },
    {
      key: 'analysis', label: 'GET /customers/{id}/analysis?period=12m (customer analysis of REQ-016 §8; busy customers weighted)', user: 'manager', openRates: [100], target: { p95Ms: 200 },
      next: () => ({ method: 'GET', path: `/api/v1/customers/${busyId()}/analysis?period=12m` }),
    },
    {
      // An analyst previewing rules: the 1-connection row is the target's reading (≤ 1 s over 100,000 customers).
      key: 'segment-preview', label: 'POST /segments/preview (rules over level, industry, health band, revenue, last contact, contract end)', user: 'manager', connections: 4, openRates: [], target: { p95Ms: 1000 },
      next: () => ({ method: 'POST', path: '/api/v1/segments/preview', body: JSON.stringify({ rule_text: pick(SEGMENT_RULES) }) }),
    },
    {
      // Anonymous respondents through their e-mail links: each link answers once, so every request takes a new one.
      key: 'survey-submit', label: 'POST /public/surveys/{token}/submit (8-question survey, scores, choices, a comment; detractors get a follow-up task)', user: 'manager', openRates: [100], target: { p95Ms: 50 },
      next: () => {
        const token = options.surveyTokens?.().pop();
        if (!token) throw new Error('survey-submit: out of answer links');
        return { method: 'POST', path: `/api/v1/public/surveys/${token}/submit`, body: JSON.stringify({ answers: benchAnswers() }) };
      },
    },
    {
      key: 'ticket-batch', label: 'POST /integrations/tickets/batch (1,000 new tickets per request, API key)', user: 'integration', connections: 4, recordsPerRequest: 1000, openRates: [], target: { minRps: 2000 },
      next: () => {
        const batch = ++batches;
        return {
          method: 'POST',
          path: '/api/v1/integrations/tickets/batch',
          body: JSON.stringify({ source: `bench-${options.runId}`, items: ticketBatch(batch, randomId) }),
        };
      },
    },
    {
      key: 'detail', label: 'GET /customers/{id} (manager, PII read audited)', user: 'manager', openRates: [100, 500], target: { p95Ms: 50 },
      next: () => ({ method: 'GET', path: `/api/v1/customers/${randomId()}` }),
    },
    {
      key: 'detail-masked', label: 'GET /customers/{id} (support, masked)', user: 'support', openRates: [100, 500], target: { p95Ms: 50 },
      next: () => ({ method: 'GET', path: `/api/v1/customers/${randomId()}` }),
    },
    {
      key: 'search-common', label: 'GET /customers?q=科技&limit=20', user: 'manager', openRates: [100, 500], target: { p95Ms: 100 },
      next: () => ({ method: 'GET', path: `/api/v1/customers?q=${encodeURIComponent('科技')}&limit=20` }),
    },
    {
      key: 'search-mixed', label: `GET /customers?q=<${SEARCH_FRAGMENTS.join('|')}>&limit=20`, user: 'manager', openRates: [100, 500], target: { p95Ms: 100 },
      next: () => ({ method: 'GET', path: `/api/v1/customers?q=${encodeURIComponent(pick(SEARCH_FRAGMENTS))}&limit=20` }),
    },
    {
      key: 'filter', label: 'GET /customers?status=2&level=3&limit=20', user: 'manager', openRates: [100, 500], target: { p95Ms: 100 },
      next: () => ({ method: 'GET', path: '/api/v1/customers?status=2&level=3&limit=20' }),
    },
    {
      // Random customers (about a third have a contract in force at a random instant, 13% never had one)
      // at random instants: both the binding path and the tenant-baseline path are exercised.
      key: 'effective-sla', label: 'GET /customers/{id}/effective-sla?at=<random instant of the last 2 years>', user: 'manager', openRates: [100, 500], target: { p95Ms: 20 },
      next: () => ({ method: 'GET', path: `/api/v1/customers/${randomId()}/effective-sla?at=${encodeURIComponent(randomInstant())}` }),
    },
    {
      key: 'create', label: 'POST /customers?force=true (REQ-016 §8 body, 1 contact)', user: 'manager', openRates: [100, 300], target: { minRps: 300 },
      next: () => {
        const n = ++created;
        return {
          method: 'POST',
          path: '/api/v1/customers?force=true',
          body: JSON.stringify({
            customer_name: `压测${options.runId}号${n}科技有限公司`,
            customer_type: 1,
            industry: '软件开发',
            scale: '中型企业',
            address: '北京市朝阳区建国路88号',
            website: `https://www.bench-${options.runId}-${n}.com`,
            description: '专注于企业级软件开发的科技公司',
            level: 2,
            source: '网络推广',
            assigned_manager_id: pick(options.managerIds),
            contacts: [
              {
                contact_name: '张总',
                position: '总经理',
                phone: `010-6${digits(7)}`,
                mobile: `13${digits(9)}`,
                email: `zhang${n}@bench-${options.runId}.com`,
                is_primary: 1,
                is_decision_maker: 1,
              },
            ],
          }),
        };
      },
    },
  ];
}

/** A thousand new tickets of random customers, opened over the last month, some resolved and rated. */
function ticketBatch(batch: number, randomId: () => number): Record<string, unknown>[] {
  return Array.from({ length: 1000 }, (_, i) => {
    const opened = Date.now() - Math.floor(Math.random() * 30 * 86_400_000);
    const resolved = i % 3 === 0 ? null : new Date(opened + 3_600_000 * (1 + (i % 24))).toISOString();
    return {
      external_id: `${batch}-${i}`,
      customer: { id: randomId() },
      ticket_no: `BT${batch}-${i}`,
      title: pick(['服务器 CPU 告警', '邮件无法发送', 'VPN 断开', '打印机故障', '数据库连接超时']),
      description: '客户来电报障，工程师远程排查中。',
      category: pick(['network', 'mail', 'desktop', 'database']),
      priority: pick(['P1', 'P2', 'P3', 'P4']),
      channel: 'portal',
      status: resolved ? 'resolved' : 'in_progress',
      opened_at: new Date(opened).toISOString(),
      first_response_at: new Date(opened + 600_000).toISOString(),
      resolved_at: resolved,
      satisfaction_rating: resolved && i % 5 === 0 ? 1 + (i % 5) : null,
    };
  });
}
