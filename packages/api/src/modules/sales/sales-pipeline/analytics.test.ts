import { beforeAll, describe, expect, it } from 'vitest';
import { newCustomer, useTestTenant } from '../../../test-support/index.ts';
import { opportunities, opportunityStageHistory } from './sales-pipeline.schema.ts';

const t = useTestTenant(['sales']);
let customerId: number;
let stages: { id: number; code: string; probability: number }[];
let pipelineId: number;

beforeAll(async () => {
  customerId = await newCustomer(t, { customer_name: '云杉软件有限公司' }, { as: 'sales' });
  const pipeline = (await t.get('/api/v1/pipelines', { as: 'sales' })).body.data.items[0];
  stages = pipeline!.stages;
  pipelineId = pipeline!.id;
});

const stage = (code: string) => stages.find((s) => s.code === code)!;
const newOpportunity = async (amount: string, body: object = {}) =>
  (await t.post('/api/v1/opportunities', { as: 'sales', body: { name: `商机 ${amount}`, customer_id: customerId, amount, ...body } })).body.data;
/** Moves as a seller does: with the ETag just read. */
const move = async (id: number, body: object) => {
  const etag = (await t.get(`/api/v1/opportunities/${id}`, { as: 'sales' })).headers.get('etag')!;
  return t.request('POST', `/api/v1/opportunities/${id}/move`, { as: 'sales', body, headers: { 'If-Match': etag } });
};

describe('GET /api/v1/analytics/funnel', () => {
  it('reports conversion per stage, the weighted pipeline, the forecast and the win rate', async () => {
    const won = await newOpportunity('100000');
    const lost = await newOpportunity('50000');
    await newOpportunity('80000', { expected_close_date: '2099-02-10' });
    await move(won.id, { stage_id: stage('proposal').id });
    await move(won.id, { stage_id: stage('won').id });
    await move(lost.id, { stage_id: stage('needs_analysis').id });
    await move(lost.id, { stage_id: stage('lost').id, lost_reason: '预算取消' });

    const res = await t.get('/api/v1/analytics/funnel?from=2000-01-01&to=2099-12-31&granularity=quarter', { as: 'sales' });
    expect(res.status).toBe(200);
    const funnel = res.body.data;
    expect(funnel.stages.map((s: { code: string; entered: number; converted: number | null; conversion_rate: number | null }) => [s.code, s.entered, s.converted, s.conversion_rate])).toEqual([
      ['qualification', 3, 2, 66.7],
      ['needs_analysis', 2, 1, 50],
      ['proposal', 1, 1, 100],
      ['negotiation', 1, 1, 100],
      ['won', 1, null, null],
    ]);
    expect(funnel).toMatchObject({ lost: 1, win_rate: 50, weighted_pipeline: 8000 });
    expect(funnel.forecast_by_period.at(-1)).toEqual({ period: '2099-Q1', committed: 0, weighted: 8000, best_case: 80000 });
    expect(funnel.forecast_by_owner).toEqual([{ owner_id: await t.tenant.userIdOf(`sales@${t.tenant.code}`), committed: 100000, weighted: 108000, best_case: 180000 }]);

    const bad = await t.get('/api/v1/analytics/funnel?from=2026-12-01&to=2026-01-01', { as: 'sales' });
    expect(bad.status).toBe(422);
  });
});

describe('GET /api/v1/opportunities/{id}/win-probability', () => {
  it('answers the stage probability while fewer than 20 opportunities are closed', async () => {
    const open = await newOpportunity('30000');
    await move(open.id, { stage_id: stage('negotiation').id });
    const res = await t.get(`/api/v1/opportunities/${open.id}/win-probability`, { as: 'sales' });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ model: 'stage_default', probability: 0.75, stage_probability: 75, factors: [] });
    expect(res.body.data.training_size).toBeLessThan(20);
  });

  it('learns from a history of 40 closed opportunities and names the factors', async () => {
    const day = 86_400_000;
    const start = Date.now() - 400 * day;
    for (let i = 0; i < 40; i++) {
      const last = stage(['qualification', 'needs_analysis', 'proposal', 'negotiation'][i % 4]!);
      const hasNext = i % 3 !== 0;
      const won = last.probability >= 50 && hasNext;
      const created = new Date(start + i * day);
      const closed = new Date(created.getTime() + (20 + (i % 9) * 5) * day);
      const [row] = await t.ctx.handle.db
        .insert(opportunities)
        .values({ tenant_id: t.tenant.id, name: `历史商机 ${i}`, customer_id: customerId, pipeline_id: pipelineId, stage_id: stage(won ? 'won' : 'lost').id, status: won ? 'won' : 'lost', amount: String(10000 + (i % 7) * 20000), next_step: hasNext ? '跟进' : null, source: i % 2 ? 'website' : 'referral', created_at: created, closed_at: closed, stage_entered_at: closed })
        .returning({ id: opportunities.id });
      await t.ctx.handle.db.insert(opportunityStageHistory).values([
        { tenant_id: t.tenant.id, opportunity_id: row!.id, from_stage_id: null, to_stage_id: last.id, amount: '0', changed_at: created },
        { tenant_id: t.tenant.id, opportunity_id: row!.id, from_stage_id: last.id, to_stage_id: stage(won ? 'won' : 'lost').id, amount: '0', changed_at: closed },
      ]);
    }
    const strong = await newOpportunity('50000', { next_step: '签约' });
    await move(strong.id, { stage_id: stage('negotiation').id });
    const weak = await newOpportunity('50000');

    const scoredStrong = (await t.get(`/api/v1/opportunities/${strong.id}/win-probability`, { as: 'sales' })).body.data;
    const scoredWeak = (await t.get(`/api/v1/opportunities/${weak.id}/win-probability`, { as: 'sales' })).body.data;
    expect(scoredStrong.model).toBe('logistic_regression');
    expect(scoredStrong.training_size).toBeGreaterThanOrEqual(40);
    expect(scoredStrong.probability).toBeGreaterThan(scoredWeak.probability);
    expect(scoredStrong.probability).toBeGreaterThan(0.5);
    expect(scoredWeak.probability).toBeLessThan(0.5);
    expect(scoredStrong.factors.map((f: { feature: string }) => f.feature).sort()).toEqual(['customer_level', 'days_open', 'days_since_stage_change', 'has_next_step', 'log_amount', 'source_win_rate', 'stage_probability']);
    expect(scoredStrong.factors.find((f: { feature: string }) => f.feature === 'stage_probability')!.contribution).toBeGreaterThan(0);
  });
});
