import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeViolations, describeViolations, useBrowserSuite } from './browser.js';

const suite = useBrowserSuite();

let page: Page;

const loadedCards = () => page.locator('crm-customer-card [part~="open"]');

describe('widget gallery at /widgets/', () => {
  it('signs in as admin@demo by itself and shows live, accessible cards', async () => {
    page = await suite.newPage();
    await page.goto(`${suite.server.url}/widgets/`);
    await expect(page.getByRole('status').first().innerText()).resolves.toBeTruthy();
    await expect.poll(() => loadedCards().count(), { timeout: 20_000 }).toBeGreaterThanOrEqual(5);
    const names = await loadedCards().allInnerTexts();
    const demoNames = new Set(suite.server.customers.map((c) => c.name));
    expect(names.every((name) => demoNames.has(name))).toBe(true);
    expect(await page.getByText('客户不存在').count()).toBe(1);
    // Without a ?survey= link the survey form shows its friendly "not found" state.
    await page.locator('crm-survey-form').getByRole('heading', { name: '找不到这份问卷' }).waitFor();
    const violations = await axeViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);
  });

  it('switches every widget to English and logs the open event', async () => {
    page = await suite.newPage();
    await page.goto(`${suite.server.url}/widgets/`);
    await expect.poll(() => loadedCards().count(), { timeout: 20_000 }).toBeGreaterThanOrEqual(5);
    await page.getByRole('combobox', { name: '语言' }).selectOption('en');
    await page.getByRole('heading', { name: 'CRM widget gallery' }).waitFor();
    await expect.poll(() => page.getByText('Account manager').count()).toBeGreaterThanOrEqual(3);
    expect(await page.getByText('客户经理').count()).toBe(0);

    const first = loadedCards().first();
    const id = await first.evaluate((button) => (button.getRootNode() as ShadowRoot).host.getAttribute('customer-id'));
    await first.click();
    await expect(page.getByText(`crm-customer-open {"customerId":"${id}"}`).count()).resolves.toBe(1);
  });

  it('applies the dark theme through --crm-* properties', async () => {
    page = await suite.newPage();
    await page.goto(`${suite.server.url}/widgets/`);
    await expect.poll(() => loadedCards().count(), { timeout: 20_000 }).toBeGreaterThanOrEqual(5);
    await page.getByRole('combobox', { name: '主题' }).selectOption('dark');
    const background = await page
      .locator('crm-customer-card [part~="base"]')
      .first()
      .evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(background).toBe('rgb(17, 24, 39)');
  });
});
