import { createCrmClient } from '@crm/sdk';
import { axeViolations, describeViolations, useBrowserSuite } from '@crm/widgets/test-support';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';

const suite = useBrowserSuite();

let page: Page;

async function signIn(username: string): Promise<void> {
  await page.goto(`${suite.server.url}/`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill('demo123456');
  await page.getByRole('button', { name: '登录' }).click();
}

async function expectAccessible(): Promise<void> {
  const violations = await axeViolations(page);
  expect(violations, describeViolations(violations)).toEqual([]);
}

const rows = () => page.locator('crm-customer-list-view tbody tr');

/** A launched e-mail survey campaign to `customerIds` (through the API as admin); its answer links by customer id. */
async function launchSurvey(name: string, customerIds: number[]): Promise<Map<number, string>> {
  const admin = await suite.server.login('admin@demo');
  const call = async (method: string, path: string, body?: object, headers: Record<string, string> = {}) => {
    const res = await fetch(`${suite.server.url}${path}`, { method, headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json', ...headers }, body: body && JSON.stringify(body) });
    expect(res.status, `${method} ${path}`).toBeLessThan(300);
    return { data: ((await res.json()) as { data: { id: number } }).data, etag: res.headers.get('etag') };
  };
  const questions = [
    { id: 'nps', type: 'nps', title: { zh: '您向朋友推荐我们的可能性有多大？', en: 'How likely are you to recommend us?' }, required: true },
    { id: 'comment', type: 'text', title: { zh: '其他建议', en: 'Anything else?' } },
  ];
  const template = await call('POST', '/api/v1/survey-templates', { name: `${name}问卷`, questions });
  await call('PATCH', `/api/v1/survey-templates/${template.data.id}`, { status: 'active' }, { 'If-Match': template.etag! });
  const campaign = await call('POST', '/api/v1/survey-campaigns', { template_id: template.data.id, name, target: { kind: 'customers', customer_ids: customerIds }, channel: 'email', throttle_days: 0 });
  await call('POST', `/api/v1/survey-campaigns/${campaign.data.id}/launch`);
  return suite.server.surveyLinks(campaign.data.id);
}

describe('portal shell', () => {
  it('has an accessible sign-in page', async () => {
    page = await suite.newPage();
    await page.goto(`${suite.server.url}/`);
    await page.getByRole('heading', { name: '登录' }).waitFor();
    await expectAccessible();
  });

  it('lets a manager search, filter, load more and open a customer', async () => {
    page = await suite.newPage();
    const token = await suite.server.login('manager@demo');
    const client = createCrmClient({ baseUrl: suite.server.url, token });
    const { data: firstPage } = await client.GET('/api/v1/customers', { params: { query: { limit: 20 } } });

    await signIn('manager@demo');
    await page.waitForURL(/#\/customers$/);
    const stored = await page.evaluate(() => JSON.parse(sessionStorage.getItem('crm.session') ?? '{}') as { token?: string });
    expect(stored.token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    await expect.poll(() => rows().count()).toBe(firstPage!.items.length);
    await expectAccessible();

    // The demo tenant has a few hundred customers: more than one page.
    expect(firstPage!.next_cursor).toBeTruthy();
    const { data: secondPage } = await client.GET('/api/v1/customers', {
      params: { query: { limit: 20, cursor: firstPage!.next_cursor! } },
    });
    await page.getByRole('button', { name: '加载更多' }).click();
    await expect.poll(() => rows().count()).toBe(firstPage!.items.length + secondPage!.items.length);
    expect(await rows().nth(20).locator('a').innerText()).toBe(secondPage!.items[0]!.customer_name);

    await page.getByLabel('状态').selectOption('2');
    await expect.poll(async () => new Set(await rows().locator('td:nth-child(4)').allInnerTexts())).toEqual(new Set(['正式客户']));

    await page.getByLabel('状态').selectOption('');
    const target = suite.server.customers[1]!;
    await page.getByRole('searchbox', { name: '搜索客户' }).fill(target.name);
    await page.keyboard.press('Enter');
    // The exact name ranks its customer first.
    await expect.poll(() => rows().first().locator('a').innerText()).toBe(target.name);
    await rows().first().getByRole('link', { name: target.name }).click();

    await page.waitForURL(new RegExp(`#/customers/${target.id}$`));
    await page.getByRole('heading', { name: target.name }).waitFor();
    await page.getByRole('heading', { name: '联系人' }).waitFor();
    await expectAccessible();

    await page.getByLabel('语言').selectOption('en');
    await page.getByRole('heading', { name: 'Contacts' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
  });

  it('takes a portal user straight to their own customer', async () => {
    page = await suite.newPage();
    const ownId = suite.server.portalCustomerId;
    const client = createCrmClient({ baseUrl: suite.server.url, token: await suite.server.login('customer@demo') });
    const { data: own } = await client.GET('/api/v1/customers/{id}', { params: { path: { id: ownId } } });

    await signIn('customer@demo');
    await page.waitForURL(new RegExp(`#/customers/${ownId}$`));
    await page.getByRole('heading', { name: own!.customer_name }).waitFor();
    expect(await page.getByRole('link', { name: '返回客户列表' }).count()).toBe(0);

    await page.evaluate(() => (location.hash = '#/customers'));
    await page.getByRole('heading', { name: own!.customer_name }).waitFor();
    expect(await rows().count()).toBe(0);
    await expectAccessible();
  });

  it('opens an e-mail answer link as the survey alone, without signing in', async () => {
    const customer = suite.server.customers.find((c) => c.id !== suite.server.portalCustomerId)!;
    const link = (await launchSurvey('服务回访调查', [customer.id])).get(customer.id)!;
    expect(link).toMatch(/\/survey\/[^/]+$/);
    page = await suite.newPage();
    await page.goto(new URL(link, suite.server.url).href);
    await page.getByRole('heading', { name: '服务回访调查问卷', level: 1 }).waitFor();
    expect(await page.getByRole('heading', { name: '登录' }).count()).toBe(0);
    expect(await page.title()).toBe('满意度调查 · 客户关系管理');
    await expectAccessible();
    await page.locator('crm-survey-form [data-question="nps"]').getByRole('radio', { name: '9', exact: true }).check();
    await page.getByRole('button', { name: '提交' }).click();
    await page.getByRole('heading', { name: '感谢您的反馈！' }).waitFor();
    // In English, the link says it was answered.
    await page.getByLabel('语言').selectOption('en');
    await page.reload();
    await page.getByRole('heading', { name: 'You have already answered this survey' }).waitFor();
  });

  it('lists a portal user’s open surveys under 我的调查 and opens one in the form', async () => {
    const links = await launchSurvey('年度客户满意度调查', [suite.server.portalCustomerId]);
    expect(links.size).toBe(1);
    page = await suite.newPage();
    await signIn('customer@demo');
    await page.waitForURL(new RegExp(`#/customers/${suite.server.portalCustomerId}$`));
    await page.getByRole('navigation', { name: '门户导航' }).getByRole('link', { name: '我的调查' }).click();
    await page.getByRole('heading', { name: '我的调查', level: 1 }).waitFor();
    const open = page.getByRole('link', { name: '填写「年度客户满意度调查」' });
    await open.waitFor();
    await expectAccessible();
    await open.click();
    await page.waitForURL(/#\/surveys\/\d+$/);
    await page.getByRole('heading', { name: '年度客户满意度调查问卷', level: 1 }).waitFor();
    await page.locator('crm-survey-form [data-question="nps"]').getByRole('radio', { name: '10', exact: true }).check();
    await page.getByRole('button', { name: '提交' }).click();
    await page.getByRole('heading', { name: '感谢您的反馈！' }).waitFor();
    await expectAccessible();
    await page.getByRole('link', { name: '返回我的调查' }).click();
    await page.getByRole('heading', { name: '我的调查', level: 1 }).waitFor();
    await expect.poll(() => page.getByRole('link', { name: /年度客户满意度调查/ }).count()).toBe(0);
  });
});
