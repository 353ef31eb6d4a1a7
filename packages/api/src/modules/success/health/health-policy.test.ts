import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { rawRows } from '../../../db/raw-rows.ts';
import { useTestTenant } from '../../../test-support/index.ts';
import { customerWithContact } from '../../contracts-sla/contracts/contracts-test-helpers.ts';

const t = useTestTenant(['admin']);

const policy = (fields: object = {}) => ({
  thresholds: { green: 75, yellow: 45 },
  weights: { established: { engagement: 30 } },
  alert_rules: { fall_points: 10, churn_probability: 0.5 },
  ...fields,
});
const put = (body: object, ifMatch?: string, token = t.as.admin) => t.request('PUT', '/api/v1/health/policy', { token, body, headers: ifMatch ? { 'If-Match': ifMatch } : {} });
const stored = async () => rawRows<{ version: number }>(await t.ctx.handle.db.execute(sql`select version from health_policies where tenant_id = ${t.tenant.id}`));

describe('GET/PUT /api/v1/health/policy', () => {
  it('shows the defaults, then stores a policy under If-Match and applies its thresholds', async () => {
    const initial = await t.get('/api/v1/health/policy', { as: 'admin' });
    expect(initial.status).toBe(200);
    expect(initial.body.data).toMatchObject({ is_default: true, version: 0, thresholds: { green: 70, yellow: 40 }, alert_rules: { fall_points: 15, churn_probability: 0.6 } });
    expect(initial.body.data.weights.onboarding!.engagement).toBe(30);
    const etag = initial.headers.get('etag')!;
    const res = await put(policy(), etag);
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ is_default: false, version: 1, thresholds: { green: 75, yellow: 45 } });
    expect(res.body.data.weights.established).toMatchObject({ engagement: 30, sla: 20 });
    const { customerId } = await customerWithContact(t.ctx, t.as.admin, '策略测试有限公司');
    const health = (await t.get(`/api/v1/customers/${customerId}/health`, { as: 'admin' })).body.data;
    expect(health).toMatchObject({ thresholds: { green: 75, yellow: 45 }, model_version: 'weights-1' });
  });

  it('refuses a stale If-Match with 412 and a missing one with 428', async () => {
    expect((await put(policy(), `"health-policy-${t.tenant.id}-v0"`)).status).toBe(412);
    expect((await put(policy())).status).toBe(428);
    expect((await stored())[0]!.version).toBe(1);
  });

  it.each([
    ['green not above yellow', { thresholds: { green: 40, yellow: 40 } }],
    ['a threshold out of 1–99', { thresholds: { green: 100, yellow: 40 } }],
    ['a negative weight', { weights: { renewal: { contract: -1 } } }],
    ['an unknown factor', { weights: { renewal: { weather: 5 } } }],
    ['an unknown stage', { weights: { churned: { sla: 5 } } }],
    ['a stage without a positive weight', { weights: { onboarding: { support_load: 0, sla: 0, finance: 0, satisfaction: 0, engagement: 0, contract: 0, operations: 0 } } }],
    ['a churn probability of 1', { alert_rules: { fall_points: 10, churn_probability: 1 } }],
  ])('answers 422 for %s and stores nothing', async (_, fields) => {
    const res = await put(policy(fields), '*');
    expect(res.status).toBe(422);
    expect(res.body.error).toBe('health.policy_invalid');
    expect((await stored())[0]!.version).toBe(1);
  });

  it('needs settings:write to change the policy', async () => {
    expect((await put(policy(), '*', await t.tenant.token('csm'))).status).toBe(403);
    expect((await stored())[0]!.version).toBe(1);
  });
});
