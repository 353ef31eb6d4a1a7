import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { rawRows } from '../../../db/raw-rows.ts';
import { useTestTenant } from '../../../test-support/index.ts';
import { customerWithContact } from '../../contracts-sla/contracts/contracts-test-helpers.ts';
import { run } from './churn-train.cli.ts';
import { HEALTH_FEATURE_NAMES } from './health-features.ts';

const t = useTestTenant(['admin']);
let customerId: number;

const fixture = fileURLToPath(new URL('./fixtures/churn-customers.csv', import.meta.url));
const logit = (p: number) => Math.log(p / (1 - p));
const n = HEALTH_FEATURE_NAMES.length;

/** A model that gives every customer probability `p`: zero weights, the calibration intercept carries it. */
const flatModel = (p: number) => ({
  parameters: {
    kind: 'logistic-regression',
    features: [...HEALTH_FEATURE_NAMES],
    means: Array(n).fill(0),
    scales: Array(n).fill(1),
    imputation: Array(n).fill(0),
    weights: Array(n).fill(0),
    bias: 0,
    calibration: { a: 1, b: logit(p) },
    high_risk_threshold: 0.3,
  },
  metrics: { roc_auc: 0.84, recall_high_risk: 0.9, precision_high_risk: 0.2, high_risk_share: 0.4, train_size: 900, test_size: 300, churners_in_test: 40 },
  trained_on: { source: 'test', customers: 1200 },
});
const models = (token = t.as.admin) => t.get('/api/v1/health/churn-models', { token });
const upload = (body: unknown, token = t.as.admin) => t.request('POST', '/api/v1/health/churn-models', { token, body });
const churnOf = async () => {
  expect((await t.post(`/api/v1/customers/${customerId}/health/recompute`, { as: 'admin' })).status).toBe(200);
  return (await t.get(`/api/v1/customers/${customerId}/health`, { as: 'admin' })).body.data;
};

beforeAll(async () => {
  customerId = (await customerWithContact(t.ctx, t.as.admin, '流失模型科技有限公司')).customerId;
});

describe('churn models', () => {
  it('stores an uploaded model as the active one, and the next recomputation scores with it', async () => {
    const first = await upload(flatModel(0.37));
    expect(first.status).toBe(201);
    expect(first.body.data).toMatchObject({ active: true, kind: 'logistic-regression', high_risk_threshold: 0.3, metrics: { roc_auc: 0.84 } });
    expect(first.body.data.features).toEqual([...HEALTH_FEATURE_NAMES]);
    expect(await churnOf()).toMatchObject({ churn_probability: 0.37, model_version: `churn-${first.body.data.id}` });

    const second = await upload(flatModel(0.12));
    expect(second.status).toBe(201);
    const list = (await models()).body.data;
    expect(list.map((m: { id: number; active: boolean }) => [m.id, m.active])).toEqual([[second.body.data.id, true], [first.body.data.id, false]]);
    expect(await churnOf()).toMatchObject({ churn_probability: 0.12, model_version: `churn-${second.body.data.id}` });

    // Roll back: the first model again, the second inactive.
    const back = await t.post(`/api/v1/health/churn-models/${first.body.data.id}/activate`, { as: 'admin' });
    expect(back.status).toBe(200);
    expect(back.body.data).toMatchObject({ id: first.body.data.id, active: true });
    expect((await models()).body.data.filter((m: { active: boolean }) => m.active).map((m: { id: number }) => m.id)).toEqual([first.body.data.id]);
    expect(await churnOf()).toMatchObject({ churn_probability: 0.37, model_version: `churn-${first.body.data.id}` });

    const events = rawRows<{ type: string; n: unknown }>(await t.ctx.handle.db.execute(sql`select type, count(*) as n from events where tenant_id = ${t.tenant.id} and type = 'churn_model.activated' group by type`));
    expect(Number(events[0]!.n)).toBe(3);
    const audited = rawRows<{ action: string }>(await t.ctx.handle.db.execute(sql`select action from audit_log where tenant_id = ${t.tenant.id} and entity_type = 'churn_model' order by id`));
    expect(audited.map((a) => a.action)).toEqual(['churn_model.created', 'churn_model.created', 'churn_model.activated']);
  });

  it('refuses a file that does not fit the scorer, says why, and stores nothing', async () => {
    const before = (await models()).body.data.length;
    const wrong = flatModel(0.5);
    wrong.parameters.features = [...HEALTH_FEATURE_NAMES.slice(0, -1), 'shoe_size' as (typeof HEALTH_FEATURE_NAMES)[number]];
    wrong.parameters.weights = Array(n - 1).fill(0);
    (wrong.parameters.calibration as { a: number | null }).a = null;
    const res = await upload(wrong);
    expect(res.status).toBe(400);
    const paths = res.body.details.issues.map((i: { path: string }) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['parameters.features.20', 'parameters.calibration.a']));
    const { calibration: _dropped, ...uncalibrated } = flatModel(0.5).parameters;
    const missing = await upload({ ...flatModel(0.5), parameters: uncalibrated });
    expect(missing.status).toBe(400);
    expect(missing.body.details.issues.map((i: { path: string }) => i.path)).toContain('parameters.calibration');
    const lengths = flatModel(0.5);
    lengths.parameters.means = [1, 2];
    const short = await upload(lengths);
    expect(short.status).toBe(400);
    expect(short.body.details.issues.map((i: { message: string }) => i.message).join()).toContain('needs one number per feature (21), got 2');
    expect((await models()).body.data).toHaveLength(before);
  });

  it('is model administration: a CSM may not list or upload; an unknown id is 404', async () => {
    const csm = await t.tenant.token('csm');
    expect((await models(csm)).status).toBe(403);
    expect((await upload(flatModel(0.5), csm)).status).toBe(403);
    const missing = await t.post('/api/v1/health/churn-models/999999/activate', { as: 'admin' });
    expect(missing.status).toBe(404);
    expect(missing.body.error).toBe('churn_model.not_found');
  });

  it('churn:train --tenant trains and stores the model for that tenant, through the same rules', async () => {
    const err: string[] = [];
    const io = { out: () => undefined, err: (t: string) => err.push(t) };
    const other = await t.ctx.createTenant();
    expect(await run(['--', '--csv', fixture, '--tenant', other.code], io, { db: t.ctx.handle.db, keyRing: t.ctx.keyRing })).toBe(0);
    expect(err.join('\n')).toMatch(/stored as churn model \d+ of tenant/);
    const list = (await models(await other.token('admin'))).body.data;
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ active: true, created_by: 'system:churn-train', trained_on: { source: 'csv', examples: 50 } });
    expect(await run(['--csv', fixture, '--tenant', 'no-such-tenant'], io, { db: t.ctx.handle.db, keyRing: t.ctx.keyRing })).toBe(1);
    expect(err.at(-1)).toContain('no tenant with code no-such-tenant');
  });
});
