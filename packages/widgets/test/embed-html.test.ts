import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { axeViolations, describeViolations, useBrowserSuite } from './browser.js';

const suite = useBrowserSuite();

let page: Page;
let host: Server;

/**
 * Serves one page from another origin (another port on 127.0.0.1), as a second portal module would: the embed
 * must then work cross-origin, through the API's CORS. A real socket rather than `page.route`, because Chromium
 * refuses loopback requests from pages whose address it does not know (Private Network Access).
 */
async function serveHostPage(html: string): Promise<string> {
  host = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(html);
  });
  await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(host.address() as AddressInfo).port}/`;
}

/** An unanswered link of the demo's pulse survey (the API shows tokens only in the links it sends). */
async function demoSurveyToken(): Promise<string> {
  const res = await fetch(`${suite.server.url}/api/v1/survey-campaigns?status=running`, { headers: { authorization: `Bearer ${await suite.server.login('admin@demo')}` } });
  const campaigns = ((await res.json()) as { data: { items: { id: number; name: string }[] } }).data.items;
  const pulse = campaigns.find((c) => c.name === '服务回访（11 月）')!;
  const link = [...(await suite.server.surveyLinks(pulse.id)).values()][0]!;
  return link.split('/survey/')[1]!;
}

afterAll(async () => {
  await new Promise((resolve) => (host ? host.close(resolve) : resolve(undefined)));
});

describe('examples/embed-html', () => {
  it('embeds an accessible customer card in a page of another origin with five lines', async () => {
    const token = await suite.server.login('support@demo');
    const customer = suite.server.customers[0]!;
    const surveyToken = await demoSurveyToken();
    const source = await readFile(new URL('../../../examples/embed-html/index.html', import.meta.url), 'utf8');
    const html = source
      .replaceAll('http://127.0.0.1:3000', suite.server.url)
      .replace('PASTE-A-TOKEN-HERE', token)
      .replace('PASTE-A-SURVEY-TOKEN-HERE', surveyToken)
      .replaceAll('customer-id="1"', `customer-id="${customer.id}"`);
    const hostUrl = await serveHostPage(html);
    expect(new URL(hostUrl).origin).not.toBe(new URL(suite.server.url).origin);

    page = await suite.newPage();
    const consoleErrors: string[] = [];
    page.on('console', (message) => message.type() === 'error' && consoleErrors.push(message.text()));
    await page.goto(hostUrl);
    const name = page.locator('crm-customer-card [part~="open"]');
    await name.waitFor({ timeout: 15_000 }).catch(() => {
      throw new Error(`the card did not load in the host page; browser console:\n${consoleErrors.join('\n')}`);
    });
    expect(await name.innerText()).toBe(customer.name);
    expect(await page.locator('crm-customer-card [part~="contact-phone"]').innerText()).toContain('*');
    // The contract panel beside it loads the same customer's SLA (a contract's, or the tenant baseline).
    await page.locator('crm-contract-panel [part~="sla-title"]').waitFor({ timeout: 15_000 });
    expect(await page.locator('crm-contract-panel [role="alert"]').count()).toBe(0);
    // The history below lists the customer's timeline (or says there is nothing yet).
    await page.locator('crm-service-history [part~="list"], crm-service-history [part~="empty"]').first().waitFor({ timeout: 15_000 });
    expect(await page.locator('crm-service-history [role="alert"]').count()).toBe(0);
    // The survey form answers its link anonymously, cross-origin, through its own base-url.
    await page.locator('crm-survey-form [part~="submit"]').waitFor({ timeout: 15_000 });
    expect(await page.locator('crm-survey-form [role="alert"]').count()).toBe(0);
    const violations = await axeViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);
  });
});
