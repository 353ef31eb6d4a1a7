import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { startTestServer } from '@crm/api/test-support';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';

/** The flags this machine's Chromium needs (see DESIGN.md, "Known traps"). */
export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Launches Debian's Chromium (or `CHROMIUM_PATH`); never a downloaded browser. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: chromiumArgs });
}

export type PageOptions = { width?: number; height?: number };

/** A page in a fresh context (own cookies, storage and cache), failing the test on uncaught page errors. */
export async function newPage(browser: Browser, options: PageOptions = {}): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: options.width ?? 1024, height: options.height ?? 800 },
    locale: 'zh-CN',
  });
  const page = await context.newPage();
  const errors: Error[] = [];
  page.on('pageerror', (error) => errors.push(error));
  uncaught.set(page, errors);
  return page;
}

const uncaught = new WeakMap<Page, Error[]>();

/** Uncaught errors a page from `newPage` has thrown so far. */
export function pageErrors(page: Page): Error[] {
  return uncaught.get(page) ?? [];
}

export type TestServer = Awaited<ReturnType<typeof startTestServer>>;

/** What a browser test file reads from `useBrowserSuite()`. */
export type BrowserSuite = {
  /** The API with the demo tenant seeded, one per test file (from `beforeAll` on). */
  readonly server: TestServer;
  /** Chromium, one per test file (from `beforeAll` on). */
  readonly browser: Browser;
  /** A page as from `newPage`, checked for uncaught errors and closed after the test that opened it. */
  newPage(options?: PageOptions): Promise<Page>;
};

/**
 * Registers a browser test file's lifecycle: `beforeAll` starts the test server and Chromium in parallel, `afterAll`
 * closes both, and `afterEach` fails the test if a page it opened through `suite.newPage` threw an uncaught error,
 * then closes those pages' contexts. Call it at the top of the file, before the file's own `beforeAll` (hooks run in
 * the order they are registered, so the server is up by then).
 *
 * @example
 * const suite = useBrowserSuite();
 * let page: Page;
 * let token: string;
 *
 * beforeAll(async () => {
 *   token = await suite.server.login('admin@demo');
 * });
 *
 * it('shows the customer', async () => {
 *   page = await suite.newPage({ width: 360, height: 740 });
 *   await openHtml(page, suite.server.url, hostPage(`<crm-provider base-url="${suite.server.url}" token="${token}">…</crm-provider>`));
 * });
 */
export function useBrowserSuite(): BrowserSuite {
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  let opened: Page[] = [];
  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} is not started yet: use it from beforeAll or a test`);
    return value;
  };

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  afterEach(async () => {
    const pages = opened;
    opened = [];
    try {
      for (const page of pages) expect(pageErrors(page), 'uncaught errors in the page').toEqual([]);
    } finally {
      await Promise.all(pages.map((page) => page.context().close()));
    }
  });

  return {
    get server() {
      return started(server, 'the test server');
    },
    get browser() {
      return started(browser, 'Chromium');
    },
    async newPage(options) {
      const page = await newPage(started(browser, 'Chromium'), options);
      opened.push(page);
      return page;
    },
  };
}

/**
 * Opens `html` as if the API server at `origin` served it at `path`: the request never reaches the server, but the
 * page runs at the API's origin, so the widget bundle and the API are same-origin as in the portal.
 */
export async function openHtml(page: Page, origin: string, html: string, path = '/__test__/page.html'): Promise<void> {
  const url = new URL(path, origin).href;
  await page.route(url, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }));
  await page.goto(url);
}

/** A host page embedding the widget bundle the API serves, with `body` in a section under an `h2` (cards use `h3`). */
export function hostPage(body: string, options: { title?: string; sectionTitle?: string; head?: string; lang?: string } = {}): string {
  return `<!doctype html>
<html lang="${options.lang ?? 'zh-CN'}">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${options.title ?? 'CRM widget test host'}</title>
  <script type="module" src="/widgets/crm-widgets.js"></script>
  ${options.head ?? ''}
</head>
<body>
  <main>
    <h1>${options.title ?? 'CRM widget test host'}</h1>
    <section aria-labelledby="widgets-title">
      <h2 id="widgets-title">${options.sectionTitle ?? '客户 · Customers'}</h2>
      ${body}
    </section>
  </main>
</body>
</html>`;
}

export type AxeViolation = { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] };

let axeSource: Promise<string> | undefined;

/** Runs axe-core (the copy in node_modules) on the page, through open shadow roots, and returns its violations. */
export async function axeViolations(page: Page, selector?: string): Promise<AxeViolation[]> {
  axeSource ??= readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  const hasAxe = await page.evaluate(() => 'axe' in window);
  if (!hasAxe) await page.addScriptTag({ content: await axeSource });
  return page.evaluate(async (include) => {
    const axe = (window as unknown as { axe: { run: (context: unknown) => Promise<{ violations: AxeViolation[] }> } })
      .axe;
    const { violations } = await axe.run(include ? { include: [include] } : document);
    return violations.map(({ id, impact, help, nodes }) => ({
      id,
      impact: impact ?? null,
      help,
      nodes: nodes.map(({ target }) => ({ target })),
    }));
  }, selector ?? null);
}

/** Readable one-line summary of violations for assertion messages. */
export function describeViolations(violations: AxeViolation[]): string {
  return violations.map((v) => `${v.id} (${v.impact}): ${v.help} @ ${JSON.stringify(v.nodes.map((n) => n.target))}`).join('\n');
}
