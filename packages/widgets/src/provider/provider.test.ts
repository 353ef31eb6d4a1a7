import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, describeViolations, hostPage, openHtml, useBrowserSuite } from '../../test/browser.js';

const suite = useBrowserSuite();

let page: Page;
let token: string;

const cardFor = (id: string | number) => `<crm-customer-card customer-id="${id}"></crm-customer-card>`;
const openButton = () => page.locator('crm-customer-card [part~="open"]');
const fieldsText = () => page.locator('crm-customer-card [part~="fields"]').innerText();

beforeAll(async () => {
  token = await suite.server.login('manager@demo');
});

describe('<crm-provider>', () => {
  it('is accessible with the widgets it configures', async () => {
    page = await suite.newPage();
    const { id } = suite.server.customers[0]!;
    await openHtml(page, suite.server.url, hostPage(`<crm-provider base-url="${suite.server.url}" token="${token}">${cardFor(id)}</crm-provider>`));
    await openButton().waitFor();
    const violations = await axeViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);
  });

  it('reloads its widgets when the token and the locale change', async () => {
    page = await suite.newPage();
    const { id, name } = suite.server.customers[0]!;
    await openHtml(page, suite.server.url, hostPage(`<crm-provider base-url="${suite.server.url}">${cardFor(id)}</crm-provider>`));
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
    page = await suite.newPage();
    const { id, name } = suite.server.customers[0]!;
    const setup = `<script type="module">
      import { configure } from '/widgets/crm-widgets.js';
      window.crmConfigure = configure;
      configure({ baseUrl: ${JSON.stringify(suite.server.url)}, getToken: async () => ${JSON.stringify(token)}, locale: 'en' });
    </script>`;
    await openHtml(page, suite.server.url, hostPage(cardFor(id), { head: setup }));
    await expect(openButton().innerText()).resolves.toBe(name);
    expect(await fieldsText()).toContain('Account manager');

    await page.evaluate(
      ([url, value]) =>
        (window as unknown as { crmConfigure: (o: object) => void }).crmConfigure({ baseUrl: url, token: value }),
      [suite.server.url, token] as const,
    );
    await expect.poll(fieldsText).toContain('客户经理');
  });

  it('tells the developer when nothing configured the widgets', async () => {
    page = await suite.newPage();
    await openHtml(page, suite.server.url, hostPage(cardFor(suite.server.customers[0]!.id)));
    await expect(page.getByRole('alert').innerText()).resolves.toContain('configure()');
  });
});
