import { and, asc, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { newCustomer, useTestTenant } from '../../../test-support/index.ts';
import { opportunityStageHistory } from './sales-pipeline.schema.ts';

const t = useTestTenant(['sales']);
let customerId: number;
let stages: { id: number; code: string; name: string; probability: number; kind: string }[];
let pipelineId: number;

beforeAll(async () => {
  customerId = await newCustomer(t, { customer_name: '海川能源有限公司' }, { as: 'sales' });
  const pipelines = await t.request('GET', '/api/v1/pipelines', { as: 'sales' });
  pipelineId = pipelines.body.data.items[0].id;
  stages = pipelines.body.data.items[0].stages;
});

const stage = (code: string) => stages.find((s) => s.code === code)!.id;
const newOpportunity = async (body: Record<string, unknown> = {}) => {
  const res = await t.request('POST', '/api/v1/opportunities', { as: 'sales', body: { name: '海川 运维', customer_id: customerId, amount: '100000', ...body } });
  expect(res.status).toBe(201);
  return res.body.data;
};
/** Moves as a seller does: with the ETag just read. */
const move = async (id: number, body: object) => {
  const etag = (await t.request('GET', `/api/v1/opportunities/${id}`, { as: 'sales' })).headers.get('etag')!;
  return t.request('POST', `/api/v1/opportunities/${id}/move`, { as: 'sales', body, headers: { 'If-Match': etag } });
};

describe('pipelines', () => {
  it('seeds the default pipeline once with the standard stages', async () => {
    expect(stages.map((s) => [s.name, s.probability, s.kind])).toEqual([
      ['线索确认', 10, 'open'],
      ['需求分析', 25, 'open'],
      ['方案报价', 50, 'open'],
      ['商务谈判', 75, 'open'],
      ['赢单', 100, 'won'],
      ['输单', 0, 'lost'],
    ]);
    const again = await t.request('GET', '/api/v1/pipelines', { as: 'sales' });
    expect(again.body.data.items).toHaveLength(1);
  });

  it('creates a custom pipeline and refuses stages without exactly one won and one lost stage', async () => {
    const stagesIn = [
      { code: 'demo', name: '演示', position: 1, probability: 30 },
      { code: 'won', name: '成交', position: 2, probability: 100, kind: 'won' },
      { code: 'lost', name: '丢单', position: 3, probability: 0, kind: 'lost' },
    ];
    const created = await t.request('POST', '/api/v1/pipelines', { as: 'sales', body: { name: '快速管道', stages: stagesIn } });
    expect(created.status).toBe(201);
    expect(created.body.data).toMatchObject({ name: '快速管道', is_default: false });
    expect(created.body.data.stages.map((s: { code: string }) => s.code)).toEqual(['demo', 'won', 'lost']);
    const bad = await t.request('POST', '/api/v1/pipelines', { as: 'sales', body: { name: '坏管道', stages: [stagesIn[0], { ...stagesIn[1], position: 1 }, { ...stagesIn[2], kind: 'won' }] } });
    expect(bad.status).toBe(422);
    expect(bad.body.error).toBe('pipeline.invalid');
    expect(bad.body.details.problems).toEqual(['positions must be unique', 'exactly one won stage', 'exactly one lost stage']);
  });
});

describe('opportunities', () => {
  it('moves through the stages writing history, and the won stage creates a contract draft', async () => {
    const opportunity = await newOpportunity({ expected_close_date: '2027-06-30', next_step: '需求调研' });
    expect(opportunity).toMatchObject({ stage_name: '线索确认', probability: 10, status: 'open', owner_id: await t.tenant.userIdOf(`sales@${t.tenant.code}`) });
    expect((await move(opportunity.id, { stage_id: stage('needs_analysis') })).body.data).toMatchObject({ stage_name: '需求分析', probability: 25 });
    const won = await move(opportunity.id, { stage_id: stage('won') });
    expect(won.status).toBe(200);
    expect(won.body.data).toMatchObject({ status: 'won', stage_name: '赢单' });
    expect(won.body.data.closed_at).not.toBeNull();

    const contract = await t.request('GET', `/api/v1/contracts/${won.body.data.contract_id}`, { as: 'sales' });
    expect(contract.status).toBe(200);
    expect(contract.body.data).toMatchObject({ customer_id: customerId, state: 'draft', kind: 'new', title: '海川 运维', amount: '100000.00', start_date: '2027-06-30', end_date: '2028-06-29' });

    const history = await t.ctx.handle.db.select().from(opportunityStageHistory).where(and(eq(opportunityStageHistory.tenant_id, t.tenant.id), eq(opportunityStageHistory.opportunity_id, opportunity.id))).orderBy(asc(opportunityStageHistory.id));
    expect(history.map((h) => [h.from_stage_id, h.to_stage_id])).toEqual([
      [null, stage('qualification')],
      [stage('qualification'), stage('needs_analysis')],
      [stage('needs_analysis'), stage('won')],
    ]);
    const closed = await move(opportunity.id, { stage_id: stage('proposal') });
    expect(closed.status).toBe(409);
    expect(closed.body.error).toBe('opportunity.closed');
  });

  it('needs a reason to lose, and refuses a stage of another pipeline', async () => {
    const opportunity = await newOpportunity();
    const noReason = await move(opportunity.id, { stage_id: stage('lost') });
    expect(noReason.status).toBe(422);
    expect(noReason.body.error).toBe('opportunity.lost_reason_required');
    const foreign = (await t.request('GET', '/api/v1/pipelines', { as: 'sales' })).body.data.items.find((p: { name: string }) => p.name === '快速管道');
    expect((await move(opportunity.id, { stage_id: foreign.stages[0].id })).body.error).toBe('opportunity.stage_invalid');
    const lost = await move(opportunity.id, { stage_id: stage('lost'), lost_reason: '价格过高' });
    expect(lost.body.data).toMatchObject({ status: 'lost', lost_reason: '价格过高', contract_id: null });
  });

  it('updates with If-Match and filters the list', async () => {
    const opportunity = await newOpportunity({ name: '海川 扩容', expected_close_date: '2027-01-15' });
    const patched = await t.request('PATCH', `/api/v1/opportunities/${opportunity.id}`, { as: 'sales', body: { amount: 120000, next_step: '报价' }, headers: { 'If-Match': `"opportunity-${opportunity.id}-v1"` } });
    expect(patched.status).toBe(200);
    expect(patched.body.data).toMatchObject({ amount: '120000.00', next_step: '报价', version: 2 });
    expect((await t.request('PATCH', `/api/v1/opportunities/${opportunity.id}`, { as: 'sales', body: { amount: 1 } })).status).toBe(428);
    const found = await t.request('GET', '/api/v1/opportunities?mine=true&status=open&close_from=2027-01-01&close_to=2027-01-31', { as: 'sales' });
    expect(found.body.data.items.map((o: { id: number }) => o.id)).toEqual([opportunity.id]);
  });

  it('shows the board with count, amount and weighted amount per stage', async () => {
    const board0 = (await t.request('GET', `/api/v1/pipelines/${pipelineId}/board`, { as: 'sales' })).body.data;
    const a = await newOpportunity({ amount: '200000' });
    await newOpportunity({ amount: '50000.50' });
    await move(a.id, { stage_id: stage('proposal') });
    const board = await t.request('GET', `/api/v1/pipelines/${pipelineId}/board`, { as: 'sales' });
    expect(board.status).toBe(200);
    const column = (code: string) => board.body.data.columns.find((c: { stage: { code: string } }) => c.stage.code === code);
    const before = (code: string) => board0.columns.find((c: { stage: { code: string } }) => c.stage.code === code);
    expect(column('proposal')).toMatchObject({ count: before('proposal').count + 1 });
    expect(Number(column('proposal').amount) - Number(before('proposal').amount)).toBe(200000);
    expect(Number(column('proposal').weighted_amount) - Number(before('proposal').weighted_amount)).toBe(100000);
    expect(Number(column('qualification').amount) - Number(before('qualification').amount)).toBeCloseTo(50000.5, 2);
    expect(column('proposal').opportunities[0].id).toBe(a.id);
    expect(Number(board.body.data.totals.weighted_amount) - Number(board0.totals.weighted_amount)).toBeCloseTo(100000 + 5000.05, 2);
    expect(board.body.data.totals.count).toBe(board0.totals.count + 2);
  });

  it('names each card\'s customer and owner, and narrows the board to one owner', async () => {
    const manager = await t.tenant.token('manager');
    const theirs = (await t.request('POST', '/api/v1/opportunities', { token: manager, body: { name: '经理的商机', customer_id: customerId, amount: '70000' } })).body.data;
    expect(theirs).toMatchObject({ customer_name: '海川能源有限公司', owner_name: `manager@${t.tenant.code}` });
    const board = async (query = '') => (await t.request('GET', `/api/v1/pipelines/${pipelineId}/board${query}`, { as: 'sales' })).body.data;
    const cards = (data: { columns: { opportunities: { id: number; owner_id: number; customer_name: string; owner_name: string }[] }[] }) => data.columns.flatMap((c) => c.opportunities);
    const everyone = await board();
    expect(cards(everyone).find((o) => o.id === theirs.id)).toMatchObject({ customer_name: '海川能源有限公司', owner_name: `manager@${t.tenant.code}` });
    const mine = await board('?mine=true');
    const salesId = await t.tenant.userIdOf(`sales@${t.tenant.code}`);
    expect(cards(mine).length).toBeGreaterThan(0);
    expect(cards(mine).every((o) => o.owner_id === salesId && o.owner_name === `sales@${t.tenant.code}`)).toBe(true);
    expect(mine.totals.count).toBe(everyone.totals.count - 1);
    const managers = await board(`?owner_id=${theirs.owner_id}`);
    expect(cards(managers).map((o) => o.id)).toEqual([theirs.id]);
    expect(managers.totals).toEqual({ count: 1, amount: '70000.00', weighted_amount: '7000.00' });
  });

  it('moves only with the version read: 428 without If-Match, 412 after someone else moved it, nothing written', async () => {
    const opportunity = await newOpportunity();
    const url = `/api/v1/opportunities/${opportunity.id}/move`;
    const read = await t.request('GET', `/api/v1/opportunities/${opportunity.id}`, { as: 'sales' });
    const missing = await t.request('POST', url, { as: 'sales', body: { stage_id: stage('proposal') } });
    expect([missing.status, missing.body.error]).toEqual([428, 'precondition.required']);
    const first = await t.request('POST', url, { as: 'sales', body: { stage_id: stage('proposal') }, headers: { 'If-Match': read.headers.get('etag')! } });
    expect(first.status).toBe(200);
    expect(first.headers.get('etag')).toBe(`"opportunity-${opportunity.id}-v${opportunity.version + 1}"`);
    const stale = await t.request('POST', url, { as: 'sales', body: { stage_id: stage('negotiation') }, headers: { 'If-Match': read.headers.get('etag')! } });
    expect([stale.status, stale.body.error]).toEqual([412, 'precondition.failed']);
    expect((await t.request('GET', `/api/v1/opportunities/${opportunity.id}`, { as: 'sales' })).body.data.stage_id).toBe(stage('proposal'));
    const history = await t.ctx.handle.db.select().from(opportunityStageHistory).where(eq(opportunityStageHistory.opportunity_id, opportunity.id));
    expect(history).toHaveLength(2);
  });
});

describe('who sees which opportunity', () => {
  it('hides other tenants\' opportunities and, with the assigned data scope, other salespeople\'s customers', async () => {
    const opportunity = await newOpportunity();
    const stranger = await (await t.ctx.createTenant()).token('sales');
    expect((await t.request('GET', `/api/v1/opportunities/${opportunity.id}`, { token: stranger })).status).toBe(404);

    const scoped = await t.ctx.createTenant();
    await scoped.setSettings({ manager_data_scope: 'assigned' });
    const alice = await scoped.token('sales', { username: 'alice' });
    const bob = await scoped.token('sales', { username: 'bob' });
    const aliceId = await scoped.userIdOf('alice');
    const customer = await newCustomer(t, { customer_name: '阿里斯客户', assigned_manager_id: aliceId }, { token: alice });
    const mine = (await t.request('POST', '/api/v1/opportunities', { token: alice, body: { name: '只给 alice', customer_id: customer, amount: 1000 } })).body.data;
    expect((await t.request('GET', `/api/v1/opportunities/${mine.id}`, { token: alice })).status).toBe(200);
    expect((await t.request('GET', `/api/v1/opportunities/${mine.id}`, { token: bob })).status).toBe(404);
    expect((await t.request('GET', '/api/v1/opportunities', { token: bob })).body.data.items).toEqual([]);
    const board = (await t.request('GET', `/api/v1/pipelines/${mine.pipeline_id}/board`, { token: bob })).body.data;
    expect(board.totals.count).toBe(0);
  });
});
