import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, describeViolations, hostPage, openHtml, useBrowserSuite } from '../../test/browser.js';
import { topFactors } from './health-gauge.format.js';
import type { CustomerHealthData } from './health-gauge.view.js';

const suite = useBrowserSuite();

let page: Page;
let adminToken: string;
/** A demo customer and its health as the API computes it: the gauge must show exactly this. */
let customerId = 0;
let health: CustomerHealthData;

const BAND_ZH = { green: '健康', yellow: '需关注', red: '高风险' } as const;
const BAND_EN = { green: 'healthy', yellow: 'needs attention', red: 'at risk' } as const;

/** Records every `crm-health-gauge-loaded` the document hears, with the flags it carried. */
const eventRecorder = `<script>
  window.crmEvents = [];
  document.addEventListener('crm-health-gauge-loaded', (e) => crmEvents.push({
    customerId: e.detail.customer_id, score: e.detail.score, bubbles: e.bubbles, composed: e.composed,
  }));
</script>`;

function provided(body: string, locale = 'zh-CN', token = adminToken): string {
  return hostPage(`<crm-provider base-url="${suite.server.url}" token="${token}" locale="${locale}">${body}</crm-provider>`, {
    head: eventRecorder,
    lang: locale,
    sectionTitle: '健康度 · Health',
  });
}

const gauge = (id: string | number, attrs = '') => `<crm-health-gauge customer-id="${id}" ${attrs}></crm-health-gauge>`;
const inGauge = (id: string | number, selector: string) => page.locator(`crm-health-gauge[customer-id="${id}"] ${selector}`);

async function api<T = any>(method: string, path: string, token = adminToken): Promise<T> {
  const res = await fetch(`${suite.server.url}${path}`, { method, headers: { authorization: `Bearer ${token}` } });
  const json = (await res.json()) as { data: T };
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json.data;
}

beforeAll(async () => {
  adminToken = await suite.server.login('admin@demo');
  customerId = suite.server.customers[0]!.id;
  health = await api<CustomerHealthData>('GET', `/api/v1/customers/${customerId}/health`);
});

describe('<crm-health-gauge>', () => {
  it('is accessible loaded, empty, not found and without permission', async () => {
    const portalToken = await suite.server.login('customer@demo');
    page = await suite.newPage();
    const portal = `<crm-provider base-url="${suite.server.url}" token="${portalToken}">${gauge(customerId, 'id="portal"')}</crm-provider>`;
    const staff = `<crm-provider base-url="${suite.server.url}" token="${adminToken}">${gauge(customerId) + gauge('') + gauge(999999999)}</crm-provider>`;
    await openHtml(page, suite.server.url, hostPage(staff + portal, { sectionTitle: '健康度 · Health' }));
    await inGauge(customerId, '[role="meter"]').first().waitFor();
    await page.getByRole('alert').waitFor();
    await page.locator('#portal [part~="message"]').filter({ hasText: '权限' }).waitFor();
    const violations = await axeViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);
  });

  it('shows the score as a meter in its band, with the spoken value', async () => {
    page = await suite.newPage();
    await openHtml(page, suite.server.url, provided(gauge(customerId)));
    const meter = page.getByRole('meter', { name: '健康分' });
    await meter.waitFor();
    expect(await meter.getAttribute('aria-valuemin')).toBe('0');
    expect(await meter.getAttribute('aria-valuemax')).toBe('100');
    expect(await meter.getAttribute('aria-valuenow')).toBe(String(health.score));
    expect(await meter.getAttribute('aria-valuetext')).toBe(`${health.score} 分，${BAND_ZH[health.band]}`);
    expect(await inGauge(customerId, '[part~="score"]').innerText()).toBe(String(health.score));
    expect(await inGauge(customerId, '[part~="band"]').innerText()).toBe(BAND_ZH[health.band]);
    expect(await page.getByRole('heading', { name: '客户健康度', level: 3 }).count()).toBe(1);
    // The arc's colour is the band's default.
    const colours = { green: 'rgb(21, 128, 61)', yellow: 'rgb(180, 83, 9)', red: 'rgb(185, 28, 28)' };
    const stroke = await inGauge(customerId, '[part~="gauge-value"]').evaluate((el) => getComputedStyle(el).stroke);
    expect(health.score === 0 || stroke === colours[health.band]).toBe(true);
  });

  it('draws the 30-day trend with its text alternative, the churn risk and the top three factors', async () => {
    page = await suite.newPage();
    await openHtml(page, suite.server.url, provided(gauge(customerId)));
    await inGauge(customerId, '[role="meter"]').waitFor();
    const { delta_30d: delta, history } = health.trend;
    const trend = await inGauge(customerId, '[part~="trend-text"]').innerText();
    expect(trend).toBe(delta === null ? '30 天趋势暂无数据' : `30 天 ${delta > 0 ? '+' : ''}${delta}`);
    const line = inGauge(customerId, '[part~="sparkline"] polyline');
    expect(await line.count()).toBe(history.length ? 1 : 0);
    if (history.length > 1) expect((await line.getAttribute('points'))!.split(' ')).toHaveLength(history.length);
    expect(await inGauge(customerId, '[part~="sparkline"]').getAttribute('aria-hidden')).toBe(history.length ? 'true' : null);

    const expected = topFactors(health.contributions, 3);
    expect(await inGauge(customerId, '[part~="factor-label"]').allInnerTexts()).toEqual(expected.map((f) => f.label.zh));
    const points = await inGauge(customerId, '[part~="factor-points"]').allInnerTexts();
    expect(points).toEqual(expected.map((f) => `${Math.round(f.points * 10) / 10} 分`));
    const scores = await inGauge(customerId, '[part~="factor-score"]').allInnerTexts();
    expect(scores).toEqual(expected.map((f) => (f.score === null ? '暂无数据' : `因素得分 ${Math.round(f.score * 10) / 10}`)));

    const churn = inGauge(customerId, '[part~="churn-badge"]');
    expect(await churn.count()).toBe(health.churn_risk ? 1 : 0);
    if (health.churn_risk) expect(await churn.innerText()).toMatch(/^[高中低]/);
  });

  it('speaks English when the provider says locale="en"', async () => {
    page = await suite.newPage();
    await openHtml(page, suite.server.url, provided(gauge(customerId) + gauge(999999999), 'en'));
    const meter = page.getByRole('meter', { name: 'Health score' });
    await meter.waitFor();
    expect(await meter.getAttribute('aria-valuetext')).toBe(`${health.score}, ${BAND_EN[health.band]}`);
    expect(await page.getByRole('heading', { name: 'Customer health' }).count()).toBe(1);
    const expected = topFactors(health.contributions, 3);
    expect(await inGauge(customerId, '[part~="factor-label"]').allInnerTexts()).toEqual(expected.map((f) => f.label.en));
    expect(await inGauge(customerId, '[part~="trend-text"]').innerText()).toMatch(/^(30 days|No 30-day trend)/);
    expect(await page.getByRole('alert').innerText()).toContain('Customer not found');
  });

  it('tells a portal user, who gets 403, that health is for staff, without a retry', async () => {
    const portalToken = await suite.server.login('customer@demo');
    page = await suite.newPage();
    await openHtml(page, suite.server.url, provided(gauge(customerId), 'zh-CN', portalToken));
    const note = inGauge(customerId, '[role="note"]');
    await expect(note.innerText()).resolves.toContain('您没有查看客户健康度的权限');
    expect(await page.getByRole('button', { name: '重试' }).count()).toBe(0);
    expect(await page.getByRole('meter').count()).toBe(0);
  });

  it('shows not found for a customer of another tenant', async () => {
    const acmeToken = await suite.server.login('admin@acme');
    page = await suite.newPage();
    await openHtml(page, suite.server.url, provided(gauge(customerId), 'zh-CN', acmeToken));
    await expect(page.getByRole('alert').innerText()).resolves.toContain('客户不存在');
    expect(await page.getByRole('button', { name: '重试' }).count()).toBe(0);
  });

  it('shows a loading state, then offers a retry after a network failure and loads on retry', async () => {
    page = await suite.newPage();
    const url = `${suite.server.url}/api/v1/customers/${customerId}/health`;
    let release!: () => void;
    const answered = new Promise<void>((resolve) => (release = resolve));
    await page.route(url, async (route) => {
      await answered;
      await route.abort('connectionrefused');
    });
    await openHtml(page, suite.server.url, provided(gauge(customerId)));
    await expect(inGauge(customerId, '[part~="base"]').getAttribute('aria-busy')).resolves.toBe('true');
    expect(await page.getByRole('status').innerText()).toBe('正在加载客户健康度…');
    release();
    await expect(page.getByRole('alert').innerText()).resolves.toContain('客户健康度加载失败');
    await page.unroute(url);
    await page.getByRole('button', { name: '重试' }).click();
    await expect(page.getByRole('meter').getAttribute('aria-valuenow')).resolves.toBe(String(health.score));
  });

  it('loads again when customer-id changes and fires crm-health-gauge-loaded, bubbling and composed', async () => {
    const other = suite.server.customers[1]!.id;
    const otherHealth = await api<CustomerHealthData>('GET', `/api/v1/customers/${other}/health`);
    page = await suite.newPage();
    await openHtml(page, suite.server.url, provided(gauge(customerId)));
    await inGauge(customerId, '[role="meter"]').waitFor();
    await page.locator('crm-health-gauge').evaluate((el, id) => el.setAttribute('customer-id', String(id)), other);
    await expect(inGauge(other, '[role="meter"]').getAttribute('aria-valuenow')).resolves.toBe(String(otherHealth.score));
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { crmEvents: unknown[] }).crmEvents))
      .toEqual([
        { customerId, score: health.score, bubbles: true, composed: true },
        { customerId: other, score: otherHealth.score, bubbles: true, composed: true },
      ]);
  });

  it('fits a 360 px wide screen and takes the band colours from --crm-health-* and ::part(base)', async () => {
    page = await suite.newPage({ width: 360, height: 740 });
    const theme = `<style>
      .themed { --crm-health-green: rgb(0, 100, 200); --crm-health-yellow: rgb(0, 100, 200); --crm-health-red: rgb(0, 100, 200);
        --crm-color-surface: rgb(17, 24, 39); --crm-color-text: rgb(249, 250, 251); }
      .themed crm-health-gauge::part(base) { border-left-width: 6px; }
    </style>`;
    await openHtml(page, suite.server.url, provided(theme + `<div class="themed">${gauge(customerId)}</div>`));
    await inGauge(customerId, '[role="meter"]').waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    const base = await inGauge(customerId, '[part~="base"]').evaluate((el) => {
      const s = getComputedStyle(el);
      return { background: s.backgroundColor, color: s.color, borderLeft: s.borderLeftWidth };
    });
    expect(base).toEqual({ background: 'rgb(17, 24, 39)', color: 'rgb(249, 250, 251)', borderLeft: '6px' });
    expect(await inGauge(customerId, '[part~="band"]').evaluate((el) => getComputedStyle(el).color)).toBe('rgb(0, 100, 200)');
  });
});
