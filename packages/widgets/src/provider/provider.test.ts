import { startTestServer } from '@crm/api/test-support';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, describeViolations, hostPage, launchBrowser, newPage, openHtml, pageErrors } from '../../test/browser.js';

type TestServer = Awaited<ReturnType<typeof startTestServer>>;

let server: TestServer;
let browser: Browser;
let page: Page;
let token: string;

const cardFor = (id: string | number) => `<crm-customer-card customer-id="${id}"></crm-customer-card>`;
const openButton = () => page.locator('crm-customer-card [part~="open"]');
const fieldsText = () => page.locator('crm-customer-card [part~="fields"]').innerText();

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  token = await server.login('manager@demo');
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

afterEach(async () => {
  expect(pageErrors(page), 'uncaught errors in the page').toEqual([]);
  await page.context().close();
});

describe('<crm-provider>', () => {
  it('is accessible with the widgets it configures', async () => {
    page = await newPage(browser);
    const { id } = server.customers[0]!;
    await openHtml(page, server.url, hostPage(`<crm-provider base-url="${server.url}" token="${token}">${cardFor(id)}</crm-provider>`));
    await openButton().waitFor();
    const violations = await axeViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);
  });

  it('reloads its widgets when the token and the locale change', async () => {
    page = await newPage(browser);
    const { id, name } = server.customers[0]!;
    await openHtml(page, server.url, hostPage(`<crm-provider base-url="${server.url}">${cardFor(id)}</crm-provider>`));
    await expect(page.getByRole('alert').innerText()).resolves.toContain('登录已失效');

    await page.locator('crm-provider').evaluate((el, value) => el.setAttribute('token', value), token);
    await expect(openButton().innerText()).resolves.toBe(name);
    expect(await fieldsText()).toContain('客户经理');

    await page.locator('crm-provider').evaluate((el) => el.setAttribute('locale', 'en'));
    await expect.poll(fieldsText).toContain('Account manager');
  });
});

describe('configure()', () => {
  it('configures widgets on a page without a provider, and reconfigures them', async () => {
    page = await newPage(browser);
    const { id, name } = server.customers[0]!;
    const setup = `<script type="module">
      import { configure } from '/widgets/crm-widgets.js';
      window.crmConfigure = configure;
      configure({ baseUrl: ${JSON.stringify(server.url)}, getToken: async () => ${JSON.stringify(token)}, locale: 'en' });
    </script>`;
    await openHtml(page, server.url, hostPage(cardFor(id), { head: setup }));
    await expect(openButton().innerText()).resolves.toBe(name);
    expect(await fieldsText()).toContain('Account manager');

    await page.evaluate(
      ([url, value]) =>
        (window as unknown as { crmConfigure: (o: object) => void }).crmConfigure({ baseUrl: url, token: value }),
      [server.url, token] as const,
    );
    await expect.poll(fieldsText).toContain('客户经理');
  });

  it('tells the developer when nothing configured the widgets', async () => {
    page = await newPage(browser);
    await openHtml(page, server.url, hostPage(cardFor(server.customers[0]!.id)));
    await expect(page.getByRole('alert').innerText()).resolves.toContain('configure()');
  });
});
