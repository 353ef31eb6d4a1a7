import { createCrmClient } from '@crm/sdk';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, describeViolations, hostPage, openHtml, useBrowserSuite } from '../../test/browser.js';

const suite = useBrowserSuite();

let page: Page;
let adminToken: string;

/** Records every `crm-customer-open` the document hears, with the flags it carried. */
const eventRecorder = `<script>
  window.crmEvents = [];
  document.addEventListener('crm-customer-open', (e) => crmEvents.push({ detail: e.detail, bubbles: e.bubbles, composed: e.composed }));
</script>`;

function provided(token: string, body: string, locale = 'zh-CN'): string {
  return hostPage(`<crm-provider base-url="${suite.server.url}" token="${token}" locale="${locale}">${body}</crm-provider>`, {
    head: eventRecorder,
    lang: locale,
  });
}

const card = (id: string | number, attrs = '') => `<crm-customer-card customer-id="${id}" ${attrs}></crm-customer-card>`;

async function detailAs(token: string, id: number) {
  const client = createCrmClient({ baseUrl: suite.server.url, token });
  const { data, error } = await client.GET('/api/v1/customers/{id}', { params: { path: { id } } });
  if (error) throw new Error(`GET customer ${id}: ${error.message}`);
  return data;
}

/** A demo customer whose primary contact has a phone number: what masking is about. */
async function customerWithPrimaryPhone() {
  for (const { id } of suite.server.customers) {
    const detail = await detailAs(adminToken, id);
    const primary = detail.contacts.find((contact) => Number(contact.is_primary) === 1 && (contact.mobile || contact.phone));
    if (primary) return { id, primary };
  }
  throw new Error('demo data has no customer whose primary contact has a phone');
}

beforeAll(async () => {
  adminToken = await suite.server.login('admin@demo');
});

describe('<crm-customer-card>', () => {
  it('is accessible in its loaded, compact, empty and error states', async () => {
    page = await suite.newPage();
    const [first, second] = suite.server.customers;
    await openHtml(page, suite.server.url, provided(adminToken, card(first!.id) + card(second!.id, 'compact') + card('') + card(999999999)));
    await expect.poll(() => page.locator('crm-customer-card [part~="open"]').count()).toBe(2);
    await page.getByRole('alert').waitFor();
    const violations = await axeViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);
  });

  it('shows the name and code the API returns', async () => {
    page = await suite.newPage();
    const { id } = suite.server.customers[0]!;
    const detail = await detailAs(adminToken, id);
    await openHtml(page, suite.server.url, provided(adminToken, card(id)));
    const heading = page.getByRole('heading', { name: detail.customer_name });
    await expect(heading.innerText()).resolves.toBe(detail.customer_name);
    expect(await page.locator('crm-customer-card [part~="code"]').innerText()).toContain(detail.customer_code);
    expect(await page.locator('crm-customer-card [part~="fields"]').innerText()).toContain('客户经理');
    const meter = page.getByRole('meter', { name: '资料完整度' });
    expect(Number(await meter.getAttribute('aria-valuenow'))).toBeGreaterThanOrEqual(0);
  });

  it('shows the primary contact masked for support@demo and in full for admin@demo', async () => {
    const { id, primary } = await customerWithPrimaryPhone();
    const supportToken = await suite.server.login('support@demo');
    const masked = (await detailAs(supportToken, id)).contacts.find((c) => Number(c.is_primary) === 1)!;
    const fullPhone = primary.mobile || primary.phone!;
    const maskedPhone = masked.mobile || masked.phone!;
    expect(maskedPhone).toContain('*');
    expect(fullPhone).not.toContain('*');

    page = await suite.newPage();
    await openHtml(page, suite.server.url, provided(supportToken, card(id)));
    const phone = page.locator('crm-customer-card [part~="contact-phone"]');
    expect(await phone.innerText()).toBe(maskedPhone);
    await page.context().close();

    page = await suite.newPage();
    await openHtml(page, suite.server.url, provided(adminToken, card(id)));
    expect(await page.locator('crm-customer-card [part~="contact-phone"]').innerText()).toBe(fullPhone);
    expect(await page.locator('crm-customer-card [part~="contact-name"]').innerText()).toBe(primary.contact_name);
  });

  it('speaks English when the provider says locale="en"', async () => {
    page = await suite.newPage();
    const { id } = suite.server.customers[0]!;
    await openHtml(page, suite.server.url, provided(adminToken, card(id) + card(999999999), 'en'));
    const fields = page.locator(`crm-customer-card[customer-id="${id}"] [part~="fields"]`);
    await expect(fields.innerText()).resolves.toContain('Account manager');
    expect(await fields.innerText()).not.toContain('客户经理');
    await expect(page.getByRole('meter', { name: 'Profile completeness' }).count()).resolves.toBe(1);
    expect(await page.getByRole('alert').innerText()).toContain('Customer not found');
  });

  it('shows an error state for a customer that does not exist', async () => {
    page = await suite.newPage();
    await openHtml(page, suite.server.url, provided(adminToken, card(999999999)));
    const alert = page.getByRole('alert');
    await expect(alert.innerText()).resolves.toContain('客户不存在');
    expect(await page.locator('crm-customer-card [part~="open"]').count()).toBe(0);
  });

  it('shows a loading state while the API answers', async () => {
    page = await suite.newPage();
    const { id, name } = suite.server.customers[0]!;
    let release!: () => void;
    const answered = new Promise<void>((resolve) => (release = resolve));
    // The real API answers; the test only holds the answer back until it has seen the loading state.
    await page.route(`${suite.server.url}/api/v1/customers/${id}`, async (route) => {
      await answered;
      await route.continue();
    });
    await openHtml(page, suite.server.url, provided(adminToken, card(id)));
    const base = page.locator('crm-customer-card [part~="base"]');
    await expect(base.getAttribute('aria-busy')).resolves.toBe('true');
    expect(await page.getByRole('status').innerText()).toBe('正在加载客户信息…');
    release();
    await expect(page.locator('crm-customer-card [part~="open"]').innerText()).resolves.toBe(name);
    expect(await base.getAttribute('aria-busy')).toBeNull();
  });

  it('offers a retry, by keyboard, when the network fails', async () => {
    page = await suite.newPage();
    const { id, name } = suite.server.customers[0]!;
    const detailUrl = `${suite.server.url}/api/v1/customers/${id}`;
    await page.route(detailUrl, (route) => route.abort('connectionrefused'));
    await openHtml(page, suite.server.url, provided(adminToken, card(id)));
    await expect(page.getByRole('alert').innerText()).resolves.toContain('客户信息加载失败');
    await page.unroute(detailUrl);
    await page.getByRole('button', { name: '重试' }).focus();
    await page.keyboard.press('Enter');
    await expect(page.locator('crm-customer-card [part~="open"]').innerText()).resolves.toBe(name);
  });

  it('fires crm-customer-open, bubbling and composed, on click and on Enter', async () => {
    page = await suite.newPage();
    const { id } = suite.server.customers[0]!;
    await openHtml(page, suite.server.url, provided(adminToken, card(id)));
    await page.locator('crm-customer-card [part~="open"]').waitFor();
    // A click anywhere on the card counts, not only on the name: here, its lower left corner.
    const box = (await page.locator('crm-customer-card').boundingBox())!;
    await page.locator('crm-customer-card').click({ position: { x: 8, y: box.height - 8 } });
    // Then from the keyboard alone: starting from the page title, the next Tab stop is the card's name.
    await page.getByRole('heading', { level: 1 }).click();
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.getAttribute('part'));
    expect(focused).toBe('open');
    await page.keyboard.press('Enter');
    const events = await page.evaluate(() => (window as unknown as { crmEvents: unknown[] }).crmEvents);
    const expected = { detail: { customerId: String(id) }, bubbles: true, composed: true };
    expect(events).toEqual([expected, expected]);
  });

  it('leaves details out in the compact variant', async () => {
    page = await suite.newPage();
    const { id } = suite.server.customers[0]!;
    const detail = await detailAs(adminToken, id);
    await openHtml(page, suite.server.url, provided(adminToken, card(id, 'compact')));
    await page.getByRole('heading', { name: detail.customer_name }).waitFor();
    expect(await page.locator('crm-customer-card [part~="code"]').innerText()).toContain(detail.customer_code);
    expect(await page.locator('crm-customer-card [part~="fields"]').count()).toBe(0);
    const compactHeight = await page.locator('crm-customer-card').evaluate((el) => el.getBoundingClientRect().height);
    expect(compactHeight).toBeLessThan(120);
  });

  it('fits a 360 px wide screen without horizontal scrolling', async () => {
    page = await suite.newPage({ width: 360, height: 740 });
    const { id } = suite.server.customers[0]!;
    await openHtml(page, suite.server.url, provided(adminToken, card(id) + card(id, 'compact')));
    await expect.poll(() => page.locator('crm-customer-card [part~="open"]').count()).toBe(2);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });

  it('takes its colours from --crm-* properties and ::part(base)', async () => {
    page = await suite.newPage();
    const { id } = suite.server.customers[0]!;
    const theme = `<style>
      .themed { --crm-color-surface: rgb(17, 24, 39); --crm-color-text: rgb(249, 250, 251); }
      .themed crm-customer-card::part(base) { border-left-width: 6px; }
    </style>`;
    await openHtml(page, suite.server.url, provided(adminToken, theme + `<div class="themed">${card(id)}</div>`));
    const base = page.locator('crm-customer-card [part~="base"]');
    await page.locator('crm-customer-card [part~="open"]').waitFor();
    const style = await base.evaluate((el) => {
      const s = getComputedStyle(el);
      return { background: s.backgroundColor, color: s.color, borderLeft: s.borderLeftWidth };
    });
    expect(style).toEqual({ background: 'rgb(17, 24, 39)', color: 'rgb(249, 250, 251)', borderLeft: '6px' });
  });
});
