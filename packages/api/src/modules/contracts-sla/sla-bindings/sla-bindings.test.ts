import { describe, expect, it } from 'vitest';
import { call, useTestTenant } from '../../../test-support/index.ts';
import { customerWithContact, fire } from '../contracts/contracts-test-helpers.ts';
import { activeContract, approvedContractOf, effectiveAt } from './sla-test-helpers.ts';

const t = useTestTenant(['admin']);

async function setLevel(customerId: number, level: number) {
  const current = await t.request('GET', `/api/v1/customers/${customerId}`, { as: 'admin' });
  return t.request('PATCH', `/api/v1/customers/${customerId}`, { as: 'admin', body: { level }, headers: { 'If-Match': current.headers.get('etag')! } });
}
const contractSla = (id: number) => t.request('GET', `/api/v1/contracts/${id}/sla`, { as: 'admin' });
const tiers = async () => (await t.request('GET', '/api/v1/sla/tiers', { as: 'admin' })).body.data.items as { id: number; code: string; versions: { id: number; status: string }[] }[];

describe('SLA catalogue', () => {
  it('starts every tenant with 标准, 高级, 尊享 and 战略, each with a published version 1', async () => {
    const items = await tiers();
    expect(items.map((t) => t.code)).toEqual(['standard', 'premium', 'elite', 'strategic']);
    for (const tier of items) expect(tier.versions).toEqual([expect.objectContaining({ version_no: 1, status: 'published' })]);
    const elite = items[2]!.versions[0] as unknown as { targets: { P1: { response_minutes: number } }; service_hours: string };
    expect(elite.targets.P1.response_minutes).toBe(15);
    expect(elite.service_hours).toBe('7x24');
  });
});

describe('binding on activation and GET /customers/{id}/effective-sla', () => {
  it('binds the agreed tier over the whole term and answers with it for every instant of the term', async () => {
    const { customerId, contractId } = await activeContract(t.ctx, t.as.admin, '生效绑定测试科技有限公司', { sla_tier_code: 'elite', start_date: '2026-01-01', end_date: '2026-12-31' });
    const overview = await contractSla(contractId);
    expect(overview.status).toBe(200);
    expect(overview.body.data.bindings).toEqual([
      expect.objectContaining({ tier_code: 'elite', version_no: 1, effective_from: '2026-01-01 00:00:00', effective_to: '2027-01-01 00:00:00', trigger: 'activation', basis: 'contract_terms' }),
    ]);

    for (const local of ['2026-01-01T00:00:00', '2026-06-15T12:00:00', '2026-12-31T23:59:59']) {
      const res = await effectiveAt(t.ctx, t.as.admin, customerId, local);
      expect(res.status).toBe(200);
      expect(res.body.data).toMatchObject({ source: 'contract', contract: { id: contractId, state: 'active' }, sla: { tier_code: 'elite', targets: { P1: { response_minutes: 15, resolution_minutes: 120 } } } });
    }
    // Before and after the term, the tenant baseline answers: there always is an SLA.
    for (const local of ['2025-12-31T23:59:59', '2027-01-01T00:00:00']) {
      const res = await effectiveAt(t.ctx, t.as.admin, customerId, local);
      expect(res.body.data).toMatchObject({ source: 'default', contract: null, binding: null, sla: { tier_code: 'standard' } });
    }
  });

  it('binds the recommended tier when the contract agrees none, with the reasons recorded', async () => {
    const { contractId } = await activeContract(t.ctx, t.as.admin, '推荐绑定测试有限公司', { amount: '50000.00' });
    const binding = (await contractSla(contractId)).body.data.bindings[0];
    expect(binding).toMatchObject({ basis: 'recommendation', trigger: 'activation', tier_code: 'standard' });
    expect(binding.reason).toContain('按推荐绑定');
  });

  it('takes the higher tier when two contracts are in force at once', async () => {
    const { customerId, contactId } = await activeContract(t.ctx, t.as.admin, '双合同测试有限公司', { sla_tier_code: 'premium', start_date: '2026-01-01', end_date: '2026-12-31' });
    const expansion = await approvedContractOf(t.ctx, t.as.admin, customerId, contactId, { kind: 'expansion', sla_tier_code: 'elite', start_date: '2026-04-01', end_date: '2026-09-30' });
    expect((await effectiveAt(t.ctx, t.as.admin, customerId, '2026-03-31T12:00:00')).body.data.sla.tier_code).toBe('premium');
    const during = await effectiveAt(t.ctx, t.as.admin, customerId, '2026-05-01T12:00:00');
    expect(during.body.data).toMatchObject({ sla: { tier_code: 'elite' }, contract: { id: expansion, kind: 'expansion' } });
    expect((await effectiveAt(t.ctx, t.as.admin, customerId, '2026-10-01T00:00:00')).body.data.sla.tier_code).toBe('premium');
  });

  it('answers 400 for a time that is not ISO 8601, and 404 for a customer of another tenant', async () => {
    const { customerId } = await customerWithContact(t.ctx, t.as.admin, '有效SLA坏输入测试有限公司');
    const bad = await t.request('GET', `/api/v1/customers/${customerId}/effective-sla?at=yesterday`, { as: 'admin' });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toBe('request.invalid');
    const other = await t.ctx.createTenant();
    const foreign = await t.request('GET', `/api/v1/customers/${customerId}/effective-sla`, { token: await other.token('admin') });
    expect(foreign.status).toBe(404);
  });
});

describe('amendment (变更): a new terms version and a re-evaluated binding', () => {
  it('keeps the old terms, adds the new from the effective date, and moves the SLA at that instant', async () => {
    const { customerId, contractId } = await activeContract(t.ctx, t.as.admin, '合同变更测试有限公司', { sla_tier_code: 'premium', start_date: '2026-01-01', end_date: '2026-12-31' });
    const amended = await fire(t.ctx, t.as.admin, contractId, { event: 'amend', effective_date: '2026-07-01', reason: '升级为战略保障', terms: { amount: '300000.00', sla_tier_code: 'elite' } });
    expect(amended.status).toBe(200);
    expect(amended.body.data).toMatchObject({ state: 'active', amount: '300000.00', sla_tier_code: 'elite' });
    expect(amended.body.data.terms_versions).toEqual([
      expect.objectContaining({ terms_version: 1, effective_from: '2026-01-01', effective_to: '2026-06-30', terms: expect.objectContaining({ amount: '120000.00', sla_tier_code: 'premium' }) }),
      expect.objectContaining({ terms_version: 2, effective_from: '2026-07-01', effective_to: null, reason: '升级为战略保障', terms: expect.objectContaining({ amount: '300000.00', sla_tier_code: 'elite' }) }),
    ]);
    expect(amended.body.data.transitions.at(-1)).toMatchObject({ event: 'amend', from_state: 'active', to_state: 'active', effective_date: '2026-07-01' });

    const bindings = (await contractSla(contractId)).body.data.bindings;
    expect(bindings.map((b: { tier_code: string; effective_from: string; trigger: string }) => [b.tier_code, b.effective_from, b.trigger])).toEqual([
      ['premium', '2026-01-01 00:00:00', 'activation'],
      ['elite', '2026-07-01 00:00:00', 'amendment'],
    ]);
    expect((await effectiveAt(t.ctx, t.as.admin, customerId, '2026-06-30T23:59:59')).body.data.sla.tier_code).toBe('premium');
    expect((await effectiveAt(t.ctx, t.as.admin, customerId, '2026-07-01T00:00:00')).body.data.sla.tier_code).toBe('elite');
  });

  it('refuses an amendment without terms, on or before the current terms, or outside the term, changing nothing', async () => {
    const { contractId } = await activeContract(t.ctx, t.as.admin, '变更坏输入测试有限公司', { start_date: '2026-01-01', end_date: '2026-12-31' });
    const noTerms = await fire(t.ctx, t.as.admin, contractId, { event: 'amend', effective_date: '2026-05-01' });
    expect(noTerms.status).toBe(422);
    expect(noTerms.body.details.failures).toEqual(['terms_missing']);
    const sameDay = await fire(t.ctx, t.as.admin, contractId, { event: 'amend', effective_date: '2026-01-01', terms: { amount: '1.00' } });
    expect(sameDay.body.details.failures).toEqual(['effective_date_not_after_current_terms']);
    const outside = await fire(t.ctx, t.as.admin, contractId, { event: 'amend', effective_date: '2027-02-01', terms: { amount: '1.00' } });
    expect(outside.body.details.failures).toEqual(['effective_date_outside_period']);
    const empty = await fire(t.ctx, t.as.admin, contractId, { event: 'amend', effective_date: '2026-05-01', terms: {} });
    expect(empty.status).toBe(400);
    const unknownTier = await fire(t.ctx, t.as.admin, contractId, { event: 'amend', effective_date: '2026-05-01', terms: { sla_tier_code: 'platinum' } });
    expect(unknownTier.status).toBe(422);
    expect(unknownTier.body.error).toBe('contract.reference_invalid');
    const detail = await t.request('GET', `/api/v1/contracts/${contractId}`, { as: 'admin' });
    expect(detail.body.data.terms_versions).toHaveLength(1);
    expect(detail.body.data.version).toBe(3);
    expect((await contractSla(contractId)).body.data.bindings).toHaveLength(1);
  });
});

describe('termination cuts the bindings at the effective date', () => {
  it('leaves the SLA in force up to the termination day and the baseline after it', async () => {
    const { customerId, contractId } = await activeContract(t.ctx, t.as.admin, '终止截断测试有限公司', { sla_tier_code: 'elite', start_date: '2026-01-01', end_date: '2026-12-31' });
    const res = await fire(t.ctx, t.as.admin, contractId, { event: 'terminate', reason: '客户业务调整', effective_date: '2026-03-31' });
    expect(res.status).toBe(200);
    expect((await contractSla(contractId)).body.data.bindings).toEqual([expect.objectContaining({ effective_from: '2026-01-01 00:00:00', effective_to: '2026-04-01 00:00:00' })]);
    expect((await effectiveAt(t.ctx, t.as.admin, customerId, '2026-03-31T23:00:00')).body.data.sla.tier_code).toBe('elite');
    expect((await effectiveAt(t.ctx, t.as.admin, customerId, '2026-04-01T00:00:00')).body.data.source).toBe('default');
  });
});

describe('POST /contracts/{id}/sla-bindings (manual re-binding)', () => {
  it('refuses a retired or draft version and an instant outside the remaining term, changing nothing', async () => {
    const { contractId } = await activeContract(t.ctx, t.as.admin, '手工绑定坏输入测试有限公司', { start_date: '2025-01-01', end_date: '2030-12-31' });
    const catalogue = await tiers();
    const premium = catalogue.find((t) => t.code === 'premium')!;
    const draft = await t.request('POST', `/api/v1/sla/tiers/${premium.id}/versions`, {
      token: t.as.admin,
      body: { service_hours: '7x24', availability_target: 99.9, targets: { P1: { response_minutes: 20, resolution_minutes: 200 }, P2: { response_minutes: 60, resolution_minutes: 480 }, P3: { response_minutes: 240, resolution_minutes: 1440 }, P4: { response_minutes: 480, resolution_minutes: 2880 } } },
    });
    expect(draft.status).toBe(201);
    const before = (await contractSla(contractId)).body.data.bindings;

    const toDraft = await t.request('POST', `/api/v1/contracts/${contractId}/sla-bindings`, { as: 'admin', body: { sla_version_id: draft.body.data.id, reason: '试用新版本' } });
    expect(toDraft.status).toBe(422);
    expect(toDraft.body.error).toBe('sla.version_not_bindable');

    const published = await t.request('POST', `/api/v1/sla/versions/${draft.body.data.id}/publish`, { as: 'admin' });
    expect(published.body.data.status).toBe('published');
    const retired = await t.request('POST', `/api/v1/sla/versions/${draft.body.data.id}/retire`, { as: 'admin' });
    expect(retired.body.data.status).toBe('retired');
    const toRetired = await t.request('POST', `/api/v1/contracts/${contractId}/sla-bindings`, { as: 'admin', body: { sla_version_id: draft.body.data.id, reason: '绑定停用版本' } });
    expect(toRetired.status).toBe(422);
    expect(toRetired.body.error).toBe('sla.version_not_bindable');

    const elite = catalogue.find((t) => t.code === 'elite')!.versions[0]!.id;
    const past = await t.request('POST', `/api/v1/contracts/${contractId}/sla-bindings`, { as: 'admin', body: { sla_version_id: elite, reason: '追溯调整', effective_from: '2025-02-01T00:00:00+08:00' } });
    expect(past.status).toBe(422);
    expect(past.body.error).toBe('sla.binding_invalid');
    const after = await t.request('POST', `/api/v1/contracts/${contractId}/sla-bindings`, { as: 'admin', body: { sla_version_id: elite, reason: '超出期限', effective_from: '2031-01-01T00:00:00+08:00' } });
    expect(after.status).toBe(422);
    expect((await contractSla(contractId)).body.data.bindings).toEqual(before);
  });

  it('re-binds from an instant to the end of the term, keeping the term tiled', async () => {
    const { customerId, contractId } = await activeContract(t.ctx, t.as.admin, '手工绑定测试有限公司', { start_date: '2025-01-01', end_date: '2030-12-31' });
    const elite = (await tiers()).find((t) => t.code === 'elite')!.versions[0]!.id;
    const res = await t.request('POST', `/api/v1/contracts/${contractId}/sla-bindings`, { as: 'admin', body: { sla_version_id: elite, reason: '客户重大活动保障期', effective_from: '2029-01-01T00:00:00+08:00' } });
    expect(res.status).toBe(200);
    const bindings = res.body.data.bindings;
    expect(bindings).toHaveLength(2);
    expect(bindings[0].effective_to).toBe('2029-01-01 00:00:00');
    expect(bindings[1]).toMatchObject({ tier_code: 'elite', effective_from: '2029-01-01 00:00:00', effective_to: '2031-01-01 00:00:00', trigger: 'manual', basis: 'manual', reason: '客户重大活动保障期' });
    expect((await effectiveAt(t.ctx, t.as.admin, customerId, '2029-06-01T00:00:00')).body.data.sla.tier_code).toBe('elite');
    const support = await t.tenant.token('support');
    const forbidden = await t.request('POST', `/api/v1/contracts/${contractId}/sla-bindings`, { token: support, body: { sla_version_id: elite, reason: '无权限' } });
    expect(forbidden.status).toBe(403);
  });
});

describe('publishing a version changes no binding by itself', () => {
  it('keeps existing bindings on their version; a published version is immutable', async () => {
    const { contractId } = await activeContract(t.ctx, t.as.admin, '发布不影响绑定测试有限公司', { sla_tier_code: 'strategic' });
    const strategic = (await tiers()).find((t) => t.code === 'strategic')!;
    const body = { service_hours: '7x24', availability_target: 99.99, reviews_per_year: 12, targets: { P1: { response_minutes: 5, resolution_minutes: 45 }, P2: { response_minutes: 10, resolution_minutes: 120 }, P3: { response_minutes: 60, resolution_minutes: 480 }, P4: { response_minutes: 120, resolution_minutes: 960 } } };
    const draft = await t.request('POST', `/api/v1/sla/tiers/${strategic.id}/versions`, { as: 'admin', body });
    expect(draft.body.data).toMatchObject({ version_no: 2, status: 'draft' });
    const edited = await t.request('PUT', `/api/v1/sla/versions/${draft.body.data.id}`, { as: 'admin', body: { ...body, notes: '缩短 P1 解决时限' } });
    expect(edited.body.data.notes).toBe('缩短 P1 解决时限');
    await t.request('POST', `/api/v1/sla/versions/${draft.body.data.id}/publish`, { as: 'admin' });
    const binding = (await contractSla(contractId)).body.data.bindings[0];
    expect(binding).toMatchObject({ tier_code: 'strategic', version_no: 1 });

    const frozen = await t.request('PUT', `/api/v1/sla/versions/${draft.body.data.id}`, { as: 'admin', body });
    expect(frozen.status).toBe(409);
    expect(frozen.body.error).toBe('sla.version_immutable');
    const republish = await t.request('POST', `/api/v1/sla/versions/${draft.body.data.id}/publish`, { as: 'admin' });
    expect(republish.status).toBe(409);
  });

  it('refuses targets where a more urgent priority is looser, or resolution before response', async () => {
    const standard = (await tiers()).find((t) => t.code === 'standard')!;
    const res = await t.request('POST', `/api/v1/sla/tiers/${standard.id}/versions`, {
      token: t.as.admin,
      body: { service_hours: '5x8', availability_target: 99.5, targets: { P1: { response_minutes: 120, resolution_minutes: 60 }, P2: { response_minutes: 60, resolution_minutes: 960 }, P3: { response_minutes: 240, resolution_minutes: 2400 }, P4: { response_minutes: 480, resolution_minutes: 4800 } } },
    });
    expect(res.status).toBe(400);
    const paths = res.body.details.issues.map((i: { path: string }) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['targets.P1.resolution_minutes', 'targets.P1.response_minutes']));
    expect((await tiers()).find((t) => t.code === 'standard')!.versions.every((v) => v.status !== 'draft')).toBe(true);
  });
});

describe('a change of customer level re-evaluates the binding', () => {
  it('applies the recommended tier when the contract agrees none', async () => {
    const { customerId, contractId } = await activeContract(t.ctx, t.as.admin, '等级变化应用测试有限公司', { amount: '5000000.00' });
    const before = (await contractSla(contractId)).body.data.current;
    const res = await setLevel(customerId, 4);
    expect(res.status).toBe(200);
    const overview = (await contractSla(contractId)).body.data;
    expect(overview.current.tier_code).not.toBe(before.tier_code);
    expect(overview.current).toMatchObject({ trigger: 'level_change', basis: 'recommendation' });
    expect(overview.bindings).toHaveLength(2);
  });

  it('proposes instead when the contract agrees a tier; the proposal can be dismissed once', async () => {
    const { customerId, contractId } = await activeContract(t.ctx, t.as.admin, '等级变化建议测试有限公司', { amount: '5000000.00', sla_tier_code: 'standard' });
    expect((await setLevel(customerId, 4)).status).toBe(200);
    const overview = (await contractSla(contractId)).body.data;
    expect(overview.bindings).toHaveLength(1);
    expect(overview.current.tier_code).toBe('standard');
    expect(overview.proposals).toEqual([expect.objectContaining({ status: 'open', trigger: 'level_change' })]);
    expect(overview.comparison.change).toBe('upgrade');
    const recommendation = await t.request('GET', `/api/v1/customers/${customerId}/sla-recommendation`, { as: 'admin' });
    expect(recommendation.body.data).toMatchObject({ contract_id: contractId, current_tier: 'standard', differs: true });
    expect(recommendation.body.data.recommendation.reasons.length).toBeGreaterThan(0);

    const proposalId = overview.proposals[0].id;
    const dismissed = await t.request('POST', `/api/v1/contracts/${contractId}/sla-proposals/${proposalId}/dismiss`, { as: 'admin' });
    expect(dismissed.status).toBe(200);
    expect(dismissed.body.data.proposals[0].status).toBe('dismissed');
    const again = await t.request('POST', `/api/v1/contracts/${contractId}/sla-proposals/${proposalId}/dismiss`, { as: 'admin' });
    expect(again.status).toBe(409);
  });
});

describe('portal users', () => {
  it('read the SLA in force for their own customer but not the internal recommendation, bindings or attainment', async () => {
    const { customerId, contractId } = await activeContract(t.ctx, t.as.admin, '门户用户SLA测试有限公司', { sla_tier_code: 'premium' });
    const portal = await t.tenant.token('customer', { customer_id: customerId });
    const own = await t.request('GET', `/api/v1/customers/${customerId}/effective-sla`, { token: portal });
    expect(own.status).toBe(200);
    expect(own.body.data.sla.tier_code).toBe('premium');
    for (const path of [`/api/v1/customers/${customerId}/sla-recommendation`, `/api/v1/contracts/${contractId}/sla`, `/api/v1/contracts/${contractId}/sla-attainment`]) {
      expect((await t.request('GET', path, { token: portal })).status).toBe(403);
    }
    const support = await t.tenant.token('support');
    expect((await t.request('GET', `/api/v1/customers/${customerId}/sla-recommendation`, { token: support })).status).toBe(200);
  });
});

describe("another tenant's contract", () => {
  it('is not found for reading, re-binding or attainment', async () => {
    const { contractId } = await activeContract(t.ctx, t.as.admin, '跨租户SLA测试有限公司');
    const other = await (await t.ctx.createTenant()).token('admin');
    for (const [method, path, body] of [
      ['GET', `/api/v1/contracts/${contractId}/sla`, undefined],
      ['POST', `/api/v1/contracts/${contractId}/sla-bindings`, { sla_version_id: 1, reason: '跨租户' }],
      ['GET', `/api/v1/contracts/${contractId}/sla-attainment`, undefined],
    ] as const) {
      const res = await call(t.ctx.app, method, path, { token: other, body });
      expect(res.status).toBe(404);
    }
    expect((await contractSla(contractId)).body.data.bindings).toHaveLength(1);
  });
});
