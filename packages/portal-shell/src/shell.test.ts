import { startTestServer } from '@crm/api/test-support';
import { createCrmClient } from '@crm/sdk';
import { axeViolations, describeViolations, launchBrowser, newPage, pageErrors } from '@crm/widgets/test-support';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

type TestServer = Awaited<ReturnType<typeof startTestServer>>;

let server: TestServer;
let browser: Browser;
let page: Page;

async function signIn(username: string): Promise<void> {
  await page.goto(`${server.url}/`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill('demo123456');
  await page.getByRole('button', { name: '登录' }).click();
}

async function expectAccessible(): Promise<void> {
  const violations = await axeViolations(page);
  expect(violations, describeViolations(violations)).toEqual([]);
}

const rows = () => page.locator('crm-customer-list-view tbody tr');

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

afterEach(async () => {
  expect(pageErrors(page), 'uncaught errors in the page').toEqual([]);
  await page.context().close();
});

describe('portal shell', () => {
  it('has an accessible sign-in page', async () => {
    page = await newPage(browser);
    await page.goto(`${server.url}/`);
    await page.getByRole('heading', { name: '登录' }).waitFor();
    await expectAccessible();
  });

  it('lets a manager search, filter, load more and open a customer', async () => {
    page = await newPage(browser);
    const token = await server.login('manager@demo');
    const client = createCrmClient({ baseUrl: server.url, token });
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
    const target = server.customers[1]!;
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
    page = await newPage(browser);
    const ownId = server.portalCustomerId;
    const client = createCrmClient({ baseUrl: server.url, token: await server.login('customer@demo') });
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
});
