import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, describeViolations, hostPage, openHtml, useBrowserSuite } from '../../test/browser.js';
import { calendarDayIn } from './contract-panel.format.js';

const suite = useBrowserSuite();

let page: Page;
let adminToken: string;

/** Customers made for these tests, through the API, as a user would. */
const made = {
  /** Level 4, a contract agreeing the standard tier ending in 20 days: the recommendation (strategic) differs. */
  upgrade: { customerId: 0, contractNo: '' },
  /** Level 1, a contract leaving the tier to the recommendation, ending in over a year: nothing differs. */
  matching: { customerId: 0, contractNo: '' },
  /** No contract at all: the baseline applies. */
  noContract: { customerId: 0 },
};

/** Records every `crm-contract-panel-loaded` the document hears, with the flags it carried. */
const eventRecorder = `<script>
  window.crmEvents = [];
  document.addEventListener('crm-contract-panel-loaded', (e) => crmEvents.push({
    customerId: e.detail.customerId, source: e.detail.effectiveSla.source, bubbles: e.bubbles, composed: e.composed,
  }));
</script>`;

function provided(body: string, locale = 'zh-CN', token = adminToken): string {
  return hostPage(`<crm-provider base-url="${suite.server.url}" token="${token}" locale="${locale}">${body}</crm-provider>`, {
    head: eventRecorder,
    lang: locale,
    sectionTitle: '合同 · Contracts',
  });
}

const panel = (id: string | number, attrs = '') => `<crm-contract-panel customer-id="${id}" ${attrs}></crm-contract-panel>`;
const inPanel = (id: string | number, selector: string) => page.locator(`crm-contract-panel[customer-id="${id}"] ${selector}`);

/** A Beijing calendar day `offset` days from today. */
function beijingDay(offset: number): string {
  const today = calendarDayIn(new Date());
  return new Date(Date.parse(`${today}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);
}

async function api<T = any>(method: string, path: string, body?: object): Promise<T> {
  const res = await fetch(`${suite.server.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
    body: body ? JSON.stringify(body) : undefined,
  });
  const json = (await res.json()) as { data: T };
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json.data;
}

async function createCustomer(name: string, level: number) {
  const data = await api<{ customer_id: number; contacts: { id: number }[] }>('POST', '/api/v1/customers?force=true', {
    customer_name: name,
    level,
    contacts: [{ contact_name: '张总', mobile: '13800138000' }],
  });
  return { customerId: data.customer_id, contactId: data.contacts[0]!.id };
}

/** A signed contract, submitted and approved: approval binds an SLA version automatically. */
async function activeContract(customerId: number, contactId: number, terms: { end_date: string; sla_tier_code?: string }) {
  const contract = await api<{ id: number; contract_no: string }>('POST', `/api/v1/customers/${customerId}/contracts`, {
    title: '年度运维服务合同',
    start_date: beijingDay(-100),
    signing_date: beijingDay(-110),
    // The provider's signatory: the signed-in admin, a user of the demo tenant.
    staff_signatory_id: (await api<{ id: number }>('GET', '/api/v1/auth/me')).id,
    customer_signatory_id: contactId,
    amount: '120000.00',
    ...terms,
  });
  await api('POST', `/api/v1/contracts/${contract.id}/transitions`, { event: 'submit' });
  await api('POST', `/api/v1/contracts/${contract.id}/transitions`, { event: 'approve' });
  return contract;
}

beforeAll(async () => {
  adminToken = await suite.server.login('admin@demo');
  const upgrade = await createCustomer('合同面板升级测试有限公司', 4);
  const upgradeContract = await activeContract(upgrade.customerId, upgrade.contactId, { end_date: beijingDay(20), sla_tier_code: 'standard' });
  made.upgrade = { customerId: upgrade.customerId, contractNo: upgradeContract.contract_no };
  const matching = await createCustomer('合同面板一致测试有限公司', 1);
  const matchingContract = await activeContract(matching.customerId, matching.contactId, { end_date: beijingDay(400) });
  made.matching = { customerId: matching.customerId, contractNo: matchingContract.contract_no };
  made.noContract = { customerId: (await createCustomer('合同面板无合同测试有限公司', 2)).customerId };
});

describe('<crm-contract-panel>', () => {
  it('is accessible with a contract and notice, the baseline, empty and error states', async () => {
    page = await suite.newPage();
    const { upgrade, noContract } = made;
    await openHtml(page, suite.server.url, provided(panel(upgrade.customerId) + panel(noContract.customerId) + panel('') + panel(999999999)));
    await inPanel(upgrade.customerId, '[part~="recommendation"]').waitFor();
    await inPanel(noContract.customerId, '[part~="no-contract"]').waitFor();
    await page.getByRole('alert').waitFor();
    // The binding's details open too, so their content is checked as well.
    await inPanel(upgrade.customerId, 'summary').click();
    const violations = await axeViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);
  });

  it('shows the contract in force, its days to renewal and the bound SLA with P1–P4 targets', async () => {
    page = await suite.newPage();
    const { customerId, contractNo } = made.upgrade;
    const sla = await api('GET', `/api/v1/customers/${customerId}/effective-sla`);
    expect(sla.sla.tier_code).toBe('standard');
    await openHtml(page, suite.server.url, provided(panel(customerId)));

    await expect(inPanel(customerId, '[part~="contract-no"]').innerText()).resolves.toBe(contractNo);
    expect(await page.getByRole('heading', { name: '合同与 SLA', level: 3 }).count()).toBe(1);
    expect(await page.getByRole('heading', { name: /生效合同：年度运维服务合同/, level: 4 }).count()).toBe(1);
    expect(await inPanel(customerId, '[part~="state"]').innerText()).toBe('生效中');
    expect(await inPanel(customerId, '[part~="period"]').innerText()).toBe(`${beijingDay(-100)} 至 ${beijingDay(20)}`);
    const renewal = inPanel(customerId, '[part~="renewal"]');
    expect(await renewal.innerText()).toBe('还有 20 天到期');
    expect(await renewal.getAttribute('part')).toContain('renewal-soon');
    expect(await renewal.evaluate((el) => getComputedStyle(el).color)).toBe('rgb(180, 83, 9)');

    expect(await inPanel(customerId, '[part~="sla-title"]').innerText()).toBe('SLA：标准（v1）');
    expect(await inPanel(customerId, '[part~="service-hours"]').innerText()).toBe('5×8（工作日）');
    expect(await inPanel(customerId, '[part~="availability"]').innerText()).toBe(`${sla.sla.availability_target}%`);
    const table = page.getByRole('table', { name: '各优先级服务目标' });
    expect(await table.getByRole('columnheader').allInnerTexts()).toEqual(['优先级', '响应时间', '解决时间']);
    expect(await table.getByRole('rowheader').allInnerTexts()).toEqual(['P1', 'P2', 'P3', 'P4']);
    // Standard v1: P1 answered within 60 service minutes, resolved within 480.
    expect(sla.sla.targets.P1).toEqual({ response_minutes: 60, resolution_minutes: 480 });
    expect(await table.getByRole('row').nth(1).innerText()).toMatch(/P1\s+1 小时\s+8 小时/);

    await page.getByText('绑定依据').click();
    const binding = await inPanel(customerId, '[part~="binding"]').innerText();
    expect(binding).toContain('合同生效');
    // The binding ends (exclusively) at midnight after the contract's last day: the panel shows the last day.
    expect(binding).toContain(`${beijingDay(-100)} 至 ${beijingDay(20)}`);
    expect(await inPanel(customerId, '[part~="binding-reason"]').innerText()).toBe(sla.binding.reason);
  });

  it('speaks English when the provider says locale="en"', async () => {
    page = await suite.newPage();
    const { customerId } = made.upgrade;
    await openHtml(page, suite.server.url, provided(panel(customerId) + panel(999999999), 'en'));
    await expect(inPanel(customerId, '[part~="renewal"]').innerText()).resolves.toBe('20 days to renewal');
    expect(await page.getByRole('heading', { name: 'Contract and SLA' }).count()).toBe(1);
    expect(await inPanel(customerId, '[part~="state"]').innerText()).toBe('Active');
    expect(await inPanel(customerId, '[part~="sla-title"]').innerText()).toBe('SLA: Standard (v1)');
    expect(await inPanel(customerId, '[part~="service-hours"]').innerText()).toBe('5×8 (business days)');
    const table = page.getByRole('table', { name: 'Targets by priority' });
    expect(await table.getByRole('row').nth(1).innerText()).toMatch(/P1\s+1 hour\s+8 hours/);
    expect(await inPanel(customerId, '[part~="recommendation-message"]').innerText()).toMatch(/^Recommend upgrading from Standard to Strategic/);
    expect(await inPanel(customerId, '[part~="recommended-tier"]').innerText()).toBe('Strategic');
    expect(await page.getByRole('alert').innerText()).toContain('Customer not found');
    // Every label is English; only the data (the contract's title) stays as entered.
    const labels = await inPanel(customerId, 'dt, th, caption, summary, [role="heading"]').allInnerTexts();
    expect(labels.join(' ')).toMatch(/Contract no\./);
    expect(labels.filter((label) => /[\u4e00-\u9fff]/.test(label))).toEqual(['Contract in force: 年度运维服务合同']);
  });

  it('shows the recommendation as a notice when it differs from the bound tier, and not when it matches', async () => {
    const recommendation = await api('GET', `/api/v1/customers/${made.upgrade.customerId}/sla-recommendation`);
    expect(recommendation).toMatchObject({ differs: true, current_tier: 'standard', recommendation: { tier: 'strategic' } });
    const same = await api('GET', `/api/v1/customers/${made.matching.customerId}/sla-recommendation`);
    expect(same.differs).toBe(false);

    page = await suite.newPage();
    await openHtml(page, suite.server.url, provided(panel(made.upgrade.customerId) + panel(made.matching.customerId)));
    const notice = page.getByRole('status').filter({ hasText: '推荐 SLA 与当前不同' });
    await expect(notice.innerText()).resolves.toContain(recommendation.comparison.message.zh);
    expect(await inPanel(made.upgrade.customerId, '[part~="recommended-tier"]').innerText()).toBe('战略');
    const percent = `${Math.round(recommendation.recommendation.confidence * 100)}%`;
    expect(await inPanel(made.upgrade.customerId, '[part~="confidence"]').innerText()).toBe(percent);
    const reasons = await inPanel(made.upgrade.customerId, '[part~="reason"]').allInnerTexts();
    expect(reasons.length).toBeGreaterThan(0);
    expect(reasons.length).toBeLessThanOrEqual(3);
    // The strongest factor for a level-4 customer is its level.
    expect(reasons[0]).toContain('客户等级4');

    await inPanel(made.matching.customerId, '[part~="contract-no"]').waitFor();
    expect(await inPanel(made.matching.customerId, '[part~="recommendation"]').count()).toBe(0);
    const later = inPanel(made.matching.customerId, '[part~="renewal"]');
    expect(await later.innerText()).toBe('还有 400 天到期');
    expect(await later.getAttribute('part')).toContain('renewal-later');
  });

  it('leaves the recommendation out with hide-recommendation', async () => {
    page = await suite.newPage();
    const { customerId } = made.upgrade;
    await openHtml(page, suite.server.url, provided(panel(customerId, 'hide-recommendation')));
    await inPanel(customerId, '[part~="contract-no"]').waitFor();
    expect(await inPanel(customerId, '[part~="recommendation"]').count()).toBe(0);
  });

  it('says no contract is in force and still shows the baseline targets', async () => {
    page = await suite.newPage();
    const { customerId } = made.noContract;
    const sla = await api('GET', `/api/v1/customers/${customerId}/effective-sla`);
    expect(sla).toMatchObject({ source: 'default', contract: null, binding: null });
    await openHtml(page, suite.server.url, provided(panel(customerId)));
    const note = inPanel(customerId, '[part~="no-contract"]');
    await expect(note.innerText()).resolves.toContain('当前没有生效中的合同');
    expect(await note.innerText()).toContain('适用基准 SLA');
    expect(await inPanel(customerId, '[part~="sla-title"]').innerText()).toBe(`基准 SLA：${sla.sla.tier_name.zh}（v${sla.sla.version_no}）`);
    expect(await page.getByRole('table').getByRole('rowheader').count()).toBe(4);
    expect(await inPanel(customerId, '[part~="contract"]').count()).toBe(0);
    expect(await inPanel(customerId, '[part~="binding"]').count()).toBe(0);
  });

  it('shows not found, without a retry, for a customer that does not exist', async () => {
    page = await suite.newPage();
    await openHtml(page, suite.server.url, provided(panel(999999999)));
    await expect(page.getByRole('alert').innerText()).resolves.toContain('客户不存在');
    expect(await page.getByRole('button', { name: '重试' }).count()).toBe(0);
    expect(await page.getByRole('table').count()).toBe(0);
  });

  it('shows not found for a customer of another tenant', async () => {
    const acmeToken = await suite.server.login('admin@acme');
    page = await suite.newPage();
    await openHtml(page, suite.server.url, provided(panel(made.upgrade.customerId), 'zh-CN', acmeToken));
    await expect(page.getByRole('alert').innerText()).resolves.toContain('客户不存在');
  });

  it('shows a loading state while the API answers', async () => {
    page = await suite.newPage();
    const { customerId, contractNo } = made.upgrade;
    let release!: () => void;
    const answered = new Promise<void>((resolve) => (release = resolve));
    // The real API answers; the test only holds the answer back until it has seen the loading state.
    await page.route(`${suite.server.url}/api/v1/customers/${customerId}/effective-sla`, async (route) => {
      await answered;
      await route.continue();
    });
    await openHtml(page, suite.server.url, provided(panel(customerId)));
    const base = inPanel(customerId, '[part~="base"]');
    await expect(base.getAttribute('aria-busy')).resolves.toBe('true');
    expect(await page.getByRole('status').innerText()).toBe('正在加载合同与 SLA…');
    release();
    await expect(inPanel(customerId, '[part~="contract-no"]').innerText()).resolves.toBe(contractNo);
    expect(await inPanel(customerId, '[part~="base"]').getAttribute('aria-busy')).toBeNull();
  });

  it('offers a retry after a network failure, and loads on retry', async () => {
    page = await suite.newPage();
    const { customerId, contractNo } = made.upgrade;
    const url = `${suite.server.url}/api/v1/customers/${customerId}/effective-sla`;
    await page.route(url, (route) => route.abort('connectionrefused'));
    await openHtml(page, suite.server.url, provided(panel(customerId)));
    await expect(page.getByRole('alert').innerText()).resolves.toContain('合同与 SLA 加载失败');
    await page.unroute(url);
    await page.getByRole('button', { name: '重试' }).click();
    await expect(inPanel(customerId, '[part~="contract-no"]').innerText()).resolves.toBe(contractNo);
  });

  it('loads again when customer-id changes and fires crm-contract-panel-loaded, bubbling and composed', async () => {
    page = await suite.newPage();
    const { upgrade, noContract } = made;
    await openHtml(page, suite.server.url, provided(`<div id="slot">${panel(upgrade.customerId)}</div>`));
    await inPanel(upgrade.customerId, '[part~="contract-no"]').waitFor();
    await page.locator('crm-contract-panel').evaluate((el, id) => el.setAttribute('customer-id', String(id)), noContract.customerId);
    await inPanel(noContract.customerId, '[part~="no-contract"]').waitFor();
    expect(await page.locator('crm-contract-panel [part~="contract-no"]').count()).toBe(0);
    const events = await page.evaluate(() => (window as unknown as { crmEvents: unknown[] }).crmEvents);
    expect(events).toEqual([
      { customerId: String(upgrade.customerId), source: 'contract', bubbles: true, composed: true },
      { customerId: String(noContract.customerId), source: 'default', bubbles: true, composed: true },
    ]);
  });

  it('fits a 360 px wide screen without horizontal scrolling', async () => {
    page = await suite.newPage({ width: 360, height: 740 });
    const { customerId } = made.upgrade;
    await openHtml(page, suite.server.url, provided(panel(customerId)));
    await inPanel(customerId, '[part~="recommendation"]').waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });

  it('takes its colours from the same --crm-* properties as the card, and ::part(base)', async () => {
    page = await suite.newPage();
    const { customerId } = made.upgrade;
    const theme = `<style>
      .themed { --crm-color-surface: rgb(17, 24, 39); --crm-color-text: rgb(249, 250, 251); --crm-color-warning: rgb(250, 204, 21); }
      .themed crm-contract-panel::part(base) { border-left-width: 6px; }
    </style>`;
    await openHtml(page, suite.server.url, provided(theme + `<div class="themed">${panel(customerId)}</div>`));
    await inPanel(customerId, '[part~="contract-no"]').waitFor();
    const style = await inPanel(customerId, '[part~="base"]').evaluate((el) => {
      const s = getComputedStyle(el);
      return { background: s.backgroundColor, color: s.color, borderLeft: s.borderLeftWidth };
    });
    expect(style).toEqual({ background: 'rgb(17, 24, 39)', color: 'rgb(249, 250, 251)', borderLeft: '6px' });
    expect(await inPanel(customerId, '[part~="renewal"]').evaluate((el) => getComputedStyle(el).color)).toBe('rgb(250, 204, 21)');
  });
});
