import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, describeViolations, hostPage, openHtml, useBrowserSuite } from '../../test/browser.js';
import { formatEntryTime } from './service-history.format.js';

const suite = useBrowserSuite();

let url: string;
let page: Page;
let admin: string;
let apiKey: string;
let customerId = 0;
let quietCustomerId = 0;

const DAY = 86_400_000;
const ago = (days: number, minutes = 0) => new Date(Date.now() - days * DAY + minutes * 60_000).toISOString();

async function api<T = any>(method: string, path: string, body?: object, headers: Record<string, string> = { authorization: `Bearer ${admin}` }): Promise<T> {
  const res = await fetch(`${url}${path}`, { method, headers: { ...headers, 'content-type': 'application/json' }, body: body ? JSON.stringify(body) : undefined });
  const json = (await res.json()) as { data: T };
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json.data;
}

async function customer(name: string) {
  const data = await api<{ customer_id: number; contacts: { id: number }[] }>('POST', '/api/v1/customers?force=true', { customer_name: name, contacts: [{ contact_name: '张总', mobile: '13800138000' }] });
  return { id: data.customer_id, contactId: data.contacts[0]!.id };
}

const day = (offset: number) => new Date(Date.now() + offset * DAY + 8 * 3_600_000).toISOString().slice(0, 10);

/**
 * Eight entries of a new customer of the demo tenant, each through its module's API: a complaint filed now, the
 * contract's two events, a meeting, two tickets, a call, and a ticket 200 days old.
 */
async function seed(): Promise<void> {
  admin = await suite.server.login('admin@demo');
  apiKey = (await api<{ secret: string }>('POST', '/api/v1/api-keys', { name: '工单系统', scopes: ['integration:write'] })).secret;
  const made = await customer('服务历史组件测试有限公司');
  customerId = made.id;
  quietCustomerId = (await customer('暂无记录测试有限公司')).id;
  const contract = await api<{ id: number }>('POST', `/api/v1/customers/${customerId}/contracts`, {
    title: '年度运维服务合同',
    start_date: day(-400),
    end_date: day(400),
    signing_date: day(-410),
    // The provider's signatory: the signed-in admin, a user of the demo tenant.
    staff_signatory_id: (await api<{ id: number }>('GET', '/api/v1/auth/me')).id,
    customer_signatory_id: made.contactId,
    amount: '120000.00',
    sla_tier_code: 'premium',
  });
  for (const event of ['submit', 'approve']) await api('POST', `/api/v1/contracts/${contract.id}/transitions`, { event });
  const tickets = [
    { id: 'W-1', priority: 'P1', title: '核心交换机端口告警', opened: ago(20), responded: ago(20, 10), resolved: ago(20, 90), rating: 5 },
    { id: 'W-2', priority: 'P1', title: '数据库主库宕机', opened: ago(10), responded: ago(10, 60), resolved: ago(10, 180), rating: 2 },
    { id: 'W-3', priority: 'P3', title: 'VPN 连接频繁断开', opened: ago(200), responded: ago(200, 20), resolved: null, rating: null },
  ];
  for (const t of tickets) {
    await api('PUT', `/api/v1/integrations/tickets/itsm/${t.id}`, {
      customer: { id: customerId },
      title: t.title,
      description: `${t.title}，客户来电报障`,
      priority: t.priority,
      status: t.resolved ? 'resolved' : 'in_progress',
      opened_at: t.opened,
      first_response_at: t.responded,
      resolved_at: t.resolved,
      satisfaction_rating: t.rating,
    }, { 'x-api-key': apiKey });
  }
  await api('POST', `/api/v1/customers/${customerId}/communications`, { kind: 'meeting', subject: '季度服务回顾会议', minutes: '回顾本季度服务情况并确认扩容计划', occurred_at: ago(5) });
  await api('POST', `/api/v1/customers/${customerId}/communications`, { kind: 'call', direction: 'inbound', summary: '客户来电询问续约价格', occurred_at: ago(15) });
  await api('POST', '/api/v1/complaints', { customer_id: customerId, title: '工程师响应太慢', description: '报障后两小时无人联系，影响全公司办公。' });
}

/** Records every `crm-timeline-entry-select` the document hears, with the flags it carried. */
const eventRecorder = `<script>
  window.crmEvents = [];
  document.addEventListener('crm-timeline-entry-select', (e) => crmEvents.push({ detail: e.detail, bubbles: e.bubbles, composed: e.composed }));
</script>`;

const provided = (body: string, locale = 'zh-CN', token = admin) =>
  hostPage(`<crm-provider base-url="${url}" token="${token}" locale="${locale}">${body}</crm-provider>`, { head: eventRecorder, lang: locale, sectionTitle: '服务历史 · Service history' });
const widget = (id: string | number, attrs = '') => `<crm-service-history customer-id="${id}" ${attrs}></crm-service-history>`;
const inWidget = (id: string | number, selector: string) => page.locator(`crm-service-history[customer-id="${id}"] ${selector}`);
const titles = (id: string | number = customerId) => inWidget(id, '[part~="entry-title"]').allInnerTexts();
const timelineUrl = () => `${url}/api/v1/customers/${customerId}/timeline**`;

const ALL = ['工程师响应太慢', '年度运维服务合同', '年度运维服务合同', '季度服务回顾会议', '数据库主库宕机', '客户来电询问续约价格', '核心交换机端口告警', 'VPN 连接频繁断开'];

beforeAll(async () => {
  url = suite.server.url;
  await seed();
});

describe('<crm-service-history>', () => {
  it('is accessible with entries, filters, the empty and the error state', async () => {
    page = await suite.newPage();
    await openHtml(page, url, provided(widget(customerId) + widget(quietCustomerId) + widget(999999999)));
    await inWidget(customerId, '[part~="entry"]').first().waitFor();
    await inWidget(quietCustomerId, '[part~="empty"]').waitFor();
    await page.getByRole('alert').waitFor();
    const violations = await axeViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);
  });

  it('lists every type newest first in an ordered list, with times, marks and ratings', async () => {
    page = await suite.newPage();
    await openHtml(page, url, provided(widget(customerId)));
    await expect.poll(() => titles()).toEqual(ALL);
    expect(await page.getByRole('heading', { name: '服务历史', level: 3 }).count()).toBe(1);
    expect(await inWidget(customerId, 'ol > li').count()).toBe(8);
    expect(await inWidget(customerId, '[part~="type"]').allInnerTexts()).toEqual(['投诉', '合同', '合同', '沟通', '工单', '沟通', '工单', '工单']);
    const timeline = await api<{ items: { at: string; title: string }[] }>('GET', `/api/v1/customers/${customerId}/timeline`);
    expect(await inWidget(customerId, 'time').allInnerTexts()).toEqual(timeline.items.map((e) => formatEntryTime(e.at, 'zh-CN')));
    expect(await inWidget(customerId, 'time').first().getAttribute('datetime')).toBe(timeline.items[0]!.at);

    const late = inWidget(customerId, '[part~="entry"]').filter({ hasText: '数据库主库宕机' });
    expect(await late.locator('[part~="breach"]').allInnerTexts()).toEqual(['响应超时']);
    const rating = late.locator('[part~="rating"]');
    expect(await rating.innerText()).toContain('★ 2/5');
    expect(await rating.getAttribute('part')).toContain('low-rating');
    expect(await rating.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(185, 28, 28)');
    expect(await late.locator('[part~="meta"]').innerText()).toMatch(/^P1 · 已解决$/);
    const good = inWidget(customerId, '[part~="entry"]').filter({ hasText: '核心交换机端口告警' }).locator('[part~="rating"]');
    expect(await good.getAttribute('part')).not.toContain('low-rating');
    expect(await inWidget(customerId, '[part~="entry"]').filter({ hasText: 'VPN' }).locator('[part~="breach"]').allInnerTexts()).toEqual(['解决超时']);
    const complaint = await api<{ items: { complaint_no: string }[] }>('GET', `/api/v1/complaints?customer_id=${customerId}`);
    expect(await inWidget(customerId, '[part~="entry-complaint"] [part~="meta"]').innerText()).toMatch(new RegExp(`^${complaint.items[0]!.complaint_no} · P[1-4] · 待处理$`));
    expect(await inWidget(customerId, '[part~="entry"]').filter({ hasText: '客户来电询问' }).locator('[part~="meta"]').innerText()).toBe('电话');
    expect(await inWidget(customerId, '[part~="entry-contract_event"] [part~="meta"]').first().innerText()).toMatch(/ · 合同生效$/);
  });

  it('filters by type, by SLA breach and by period', async () => {
    page = await suite.newPage();
    await openHtml(page, url, provided(widget(customerId)));
    await expect.poll(() => titles()).toEqual(ALL);
    const chips = page.getByRole('group', { name: '记录类型' }).getByRole('button');
    expect(await chips.allInnerTexts()).toEqual(['全部', '工单', '沟通', '投诉', '合同']);
    await page.getByRole('button', { name: '投诉' }).click();
    await expect.poll(() => titles()).toEqual(['工程师响应太慢']);
    expect(await page.getByRole('button', { name: '投诉' }).getAttribute('aria-pressed')).toBe('true');
    await page.getByRole('button', { name: '全部' }).click();
    await expect.poll(() => titles()).toEqual(ALL);

    await page.getByRole('checkbox', { name: '仅看 SLA 超时' }).check();
    await expect.poll(() => titles()).toEqual(['数据库主库宕机', 'VPN 连接频繁断开']);
    await page.getByRole('combobox', { name: '时间范围' }).selectOption('30');
    await expect.poll(() => titles()).toEqual(['数据库主库宕机']);
    await page.getByRole('checkbox', { name: '仅看 SLA 超时' }).uncheck();
    await expect.poll(() => titles()).toEqual(ALL.slice(0, 7));
    await page.getByRole('button', { name: '沟通' }).click();
    await page.getByRole('combobox', { name: '时间范围' }).selectOption('all');
    await expect.poll(() => titles()).toEqual(['季度服务回顾会议', '客户来电询问续约价格']);
  });

  it('presets types from the attribute and loads more with next_cursor, by keyboard too', async () => {
    page = await suite.newPage();
    await openHtml(page, url, provided(widget(customerId, 'limit="3"') + widget(customerId, 'types="service_record" limit="2" id="tickets"')));
    const first = page.locator('crm-service-history:not(#tickets)');
    await expect.poll(() => first.locator('[part~="entry-title"]').allInnerTexts()).toEqual(ALL.slice(0, 3));
    await first.getByRole('button', { name: '加载更多' }).click();
    await expect.poll(() => first.locator('[part~="entry-title"]').allInnerTexts()).toEqual(ALL.slice(0, 6));
    // Focus moves on to the first entry just loaded.
    await expect.poll(() => first.locator('[part~="entry-title"]').nth(3).evaluate((el) => el.matches(':focus'))).toBe(true);
    await first.getByRole('button', { name: '加载更多' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => first.locator('[part~="entry-title"]').allInnerTexts()).toEqual(ALL);
    expect(await first.getByRole('button', { name: '加载更多' }).count()).toBe(0);
    expect(await first.getByRole('status').innerText()).toBe('已显示 8 条记录');

    const tickets = page.locator('#tickets');
    await expect.poll(() => tickets.locator('[part~="entry-title"]').allInnerTexts()).toEqual(['数据库主库宕机', '核心交换机端口告警']);
    expect(await tickets.locator('[part~="chip"]').count()).toBe(0);
    await tickets.getByRole('button', { name: '加载更多' }).click();
    await expect.poll(() => tickets.locator('[part~="entry-title"]').allInnerTexts()).toEqual(['数据库主库宕机', '核心交换机端口告警', 'VPN 连接频繁断开']);
  });

  it('fires crm-timeline-entry-select, bubbling and composed, on click and on Enter', async () => {
    page = await suite.newPage();
    await openHtml(page, url, provided(widget(customerId)));
    const timeline = await api<{ items: { type: string; id: number; title: string }[] }>('GET', `/api/v1/customers/${customerId}/timeline`);
    const complaint = timeline.items.find((e) => e.type === 'complaint')!;
    const ticket = timeline.items.find((e) => e.title === '数据库主库宕机')!;
    await inWidget(customerId, '[part~="entry"]').filter({ hasText: '工程师响应太慢' }).click();
    await page.getByRole('button', { name: '数据库主库宕机' }).focus();
    await page.keyboard.press('Enter');
    const events = await page.evaluate(() => (window as unknown as { crmEvents: unknown[] }).crmEvents);
    expect(events).toEqual([
      { detail: { type: 'complaint', id: complaint.id }, bubbles: true, composed: true },
      { detail: { type: 'service_record', id: ticket.id }, bubbles: true, composed: true },
    ]);
  });

  it('offers a portal user only the types the API shows them: no internal communications', async () => {
    page = await suite.newPage();
    const portal = await suite.server.login('customer@demo');
    await openHtml(page, url, provided(widget(suite.server.portalCustomerId), 'zh-CN', portal));
    const chips = page.getByRole('group', { name: '记录类型' }).getByRole('button');
    await expect.poll(() => chips.allInnerTexts()).toEqual(['全部', '工单', '投诉', '合同']);
    expect(await inWidget(suite.server.portalCustomerId, '[part~="entry-communication"]').count()).toBe(0);
    expect(await page.getByRole('alert').count()).toBe(0);
  });

  it('speaks English when the provider says locale="en"', async () => {
    page = await suite.newPage();
    await openHtml(page, url, provided(widget(customerId) + widget(quietCustomerId), 'en'));
    await expect.poll(() => titles()).toEqual(ALL);
    expect(await page.getByRole('heading', { name: 'Service history', exact: true }).count()).toBe(2);
    expect(await page.locator(`crm-service-history[customer-id="${customerId}"]`).getByRole('group', { name: 'Entry type' }).getByRole('button').allInnerTexts()).toEqual(['All', 'Ticket', 'Contact', 'Complaint', 'Contract']);
    const late = inWidget(customerId, '[part~="entry"]').filter({ hasText: '数据库主库宕机' });
    expect(await late.locator('[part~="breach"]').innerText()).toBe('Response late');
    expect(await late.locator('[part~="rating"]').innerText()).toContain('★ 2/5 Low');
    expect(await inWidget(customerId, 'time').first().innerText()).toMatch(/^[A-Z][a-z]{2} \d{1,2}, \d{4}, \d{2}:\d{2}$/);
    expect(await inWidget(quietCustomerId, '[part~="empty"]').innerText()).toBe('Nothing recorded yet');
  });

  it('shows loading, then an error with a retry that loads, and the empty states', async () => {
    page = await suite.newPage();
    let release!: () => void;
    const answered = new Promise<void>((resolve) => (release = resolve));
    await page.route(timelineUrl(), async (route) => {
      await answered;
      await route.abort('connectionrefused');
    });
    await openHtml(page, url, provided(widget(customerId) + widget('') + widget(quietCustomerId)));
    await expect(inWidget(customerId, '[part~="base"]').getAttribute('aria-busy')).resolves.toBe('true');
    expect(await inWidget(customerId, '[role="status"]').innerText()).toBe('正在加载服务历史…');
    release();
    await expect(page.getByRole('alert').innerText()).resolves.toContain('服务历史加载失败');
    await page.unroute(timelineUrl());
    await page.getByRole('button', { name: '重试' }).click();
    await expect.poll(() => titles()).toEqual(ALL);
    expect(await inWidget('', '[part~="message"]').innerText()).toContain('未选择客户');
    expect(await inWidget(quietCustomerId, '[part~="empty"]').innerText()).toBe('暂无记录');
    await page.locator(`crm-service-history[customer-id="${quietCustomerId}"]`).getByRole('checkbox').check();
    await expect(inWidget(quietCustomerId, '[part~="empty"]').innerText()).resolves.toBe('没有符合筛选条件的记录');
  });

  it('fits 360 px in compact mode and takes its colours from --crm-* properties', async () => {
    page = await suite.newPage({ width: 360, height: 740 });
    const theme = `<style>
      .themed { --crm-color-surface: rgb(17, 24, 39); --crm-color-text: rgb(249, 250, 251); --crm-color-danger: rgb(248, 113, 113); }
      .themed crm-service-history::part(base) { border-left-width: 6px; }
    </style>`;
    await openHtml(page, url, provided(theme + `<div class="themed">${widget(customerId, 'compact')}</div>`));
    await expect.poll(() => titles()).toEqual(ALL);
    expect(await inWidget(customerId, '[part~="summary"]').count()).toBe(0);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    const style = await inWidget(customerId, '[part~="base"]').evaluate((el) => {
      const s = getComputedStyle(el);
      return { background: s.backgroundColor, color: s.color, borderLeft: s.borderLeftWidth };
    });
    expect(style).toEqual({ background: 'rgb(17, 24, 39)', color: 'rgb(249, 250, 251)', borderLeft: '6px' });
    expect(await inWidget(customerId, '[part~="breach"]').first().evaluate((el) => getComputedStyle(el).color)).toBe('rgb(248, 113, 113)');
  });
});
