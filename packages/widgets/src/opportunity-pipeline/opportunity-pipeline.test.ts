import type { Page } from 'playwright-core';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, describeViolations, hostPage, openHtml, useBrowserSuite } from '../../test/browser.js';
import { beijingDay, formatMoney, type PipelineBoardData, type PipelineOpportunity, type PipelineStage } from './opportunity-pipeline.format.js';

const suite = useBrowserSuite();

let page: Page;
let admin: string;
let me: { id: number; display_name: string | null; username: string | null };
let pipelineId = 0;
let stages: PipelineStage[] = [];
let customerId = 0;
/** Every URL the page asked for (the widget must not look customers up one by one any more). */
let requested: string[] = [];

const day = (offset: number) => new Date(Date.parse(`${beijingDay(new Date())}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);

async function api<T = any>(method: string, path: string, body?: object, token = admin, headers: Record<string, string> = {}): Promise<T> {
  const res = await fetch(`${suite.server.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
    body: body ? JSON.stringify(body) : undefined,
  });
  const json = (await res.json()) as { data: T };
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json.data;
}

const stage = (code: string) => stages.find((s) => s.code === code)!;
const board = (query = '') => api<PipelineBoardData>('GET', `/api/v1/pipelines/${pipelineId}/board${query}`);
const opportunityOf = (id: number) => api<PipelineOpportunity>('GET', `/api/v1/opportunities/${id}`);
const etagOf = (o: Pick<PipelineOpportunity, 'id' | 'version'>) => ({ 'if-match': `"opportunity-${o.id}-v${o.version}"` });

/** Someone else (the admin, through the API) moves an opportunity, as of the version just read. */
async function moveElsewhere(id: number, move: { stage_id: number; lost_reason?: string }) {
  return api<PipelineOpportunity>('POST', `/api/v1/opportunities/${id}/move`, move, admin, etagOf(await opportunityOf(id)));
}

/** Someone else edits an opportunity through the API, as of the version just read. */
async function editElsewhere(id: number, edit: object) {
  return api<PipelineOpportunity>('PATCH', `/api/v1/opportunities/${id}`, edit, admin, etagOf(await opportunityOf(id)));
}

/** A page that records the URL of every request it makes. */
async function watchedPage(options?: { width: number; height: number }) {
  const opened = await suite.newPage(options);
  requested = [];
  opened.on('request', (request) => requested.push(request.url()));
  return opened;
}

/** An opportunity of the test customer, created through the API (it starts in the first stage unless told). */
function newOpportunity(name: string, extra: { stage?: string; amount?: string; expected_close_date?: string; next_step?: string; owner_id?: number } = {}) {
  const { stage: code, ...rest } = extra;
  return api<PipelineOpportunity>('POST', '/api/v1/opportunities', {
    name,
    customer_id: customerId,
    amount: '100000',
    ...rest,
    ...(code ? { stage_id: stage(code).id } : {}),
  });
}

/** Records every pipeline event the document hears. */
const eventRecorder = `<script>
  window.crmEvents = [];
  document.addEventListener('crm-opportunity-open', (e) => crmEvents.push({ type: e.type, id: e.detail.opportunityId, name: e.detail.opportunity.name, bubbles: e.bubbles, composed: e.composed }));
  document.addEventListener('crm-opportunity-moved', (e) => crmEvents.push({
    type: e.type, id: e.detail.opportunity.id, from: e.detail.from.code, to: e.detail.to.code, contractId: e.detail.contractId, bubbles: e.bubbles, composed: e.composed,
  }));
</script>`;

function provided(attrs = '', locale = 'zh-CN', token = admin): string {
  return hostPage(`<crm-provider base-url="${suite.server.url}" token="${token}" locale="${locale}"><crm-opportunity-pipeline ${attrs}></crm-opportunity-pipeline></crm-provider>`, {
    head: eventRecorder,
    lang: locale,
    sectionTitle: '销售 · Sales',
  });
}

const widget = 'crm-opportunity-pipeline';
const column = (code: string) => page.locator(`${widget} [data-stage-code="${code}"]`);
const namesIn = (code: string) => column(code).locator('[part~="card-title"]').allInnerTexts();
const card = (name: string) => page.locator(`${widget} [part~="card"]`).filter({ has: page.locator('[part~="card-title"]', { hasText: name }) });
const live = () => page.locator(`${widget} [part~="live"]`);
const events = () => page.evaluate(() => (window as unknown as { crmEvents: Record<string, unknown>[] }).crmEvents);
const text = (locator: ReturnType<Page['locator']>) => locator.innerText().then((value) => value.replace(/\u00a0/g, ' '));

async function openPipeline(attrs = '', locale = 'zh-CN') {
  await openHtml(page, suite.server.url, provided(attrs, locale));
  await page.locator(`${widget} [part~="columns"]`).waitFor();
}

/** Drags a card onto a column with real DragEvents (what a mouse drag dispatches). */
const drag = (opportunityId: number, code: string) =>
  page.evaluate(
    ({ opportunityId, code }) => {
      const root = document.querySelector('crm-opportunity-pipeline')!.shadowRoot!;
      const source = root.querySelector(`[data-opportunity-id="${opportunityId}"]`)!;
      const target = root.querySelector(`[data-stage-code="${code}"]`)!;
      const rect = target.getBoundingClientRect();
      const dataTransfer = new DataTransfer();
      const init = { bubbles: true, composed: true, cancelable: true, dataTransfer, clientX: rect.left + 5, clientY: rect.top + 5 };
      source.dispatchEvent(new DragEvent('dragstart', init));
      target.dispatchEvent(new DragEvent('dragover', init));
      target.dispatchEvent(new DragEvent('drop', init));
      source.dispatchEvent(new DragEvent('dragend', init));
    },
    { opportunityId, code },
  );

/** The widget's columns and totals line equal the board the API returns now (for `query`, e.g. `?mine=true`). */
async function expectBoardAsApi(locale: 'zh-CN' | 'en' = 'zh-CN', query = '') {
  const now = await board(query);
  for (const col of now.columns) {
    const shown = column(col.stage.code);
    expect(await text(shown.locator('[part~="count"]')), col.stage.code).toBe(locale === 'en' ? `${col.count} ${col.count === 1 ? 'opportunity' : 'opportunities'}` : `${col.count} 个商机`);
    expect(await text(shown.locator('[part~="amount"]'))).toBe(formatMoney(locale, col.amount).replace(/\u00a0/g, ' '));
    expect(await text(shown.locator('[part~="weighted"]'))).toBe(formatMoney(locale, col.weighted_amount).replace(/\u00a0/g, ' '));
    expect(await shown.locator('[part~="card-title"]').allInnerTexts()).toEqual(col.opportunities.map((o) => o.name));
  }
  expect(await page.locator(`${widget} [part~="total-count"]`).getAttribute('data-count')).toBe(String(now.totals.count));
  expect(await text(page.locator(`${widget} [part~="total-amount"] strong`))).toBe(formatMoney(locale, now.totals.amount).replace(/\u00a0/g, ' '));
  expect(await text(page.locator(`${widget} [part~="total-weighted"] strong`))).toBe(formatMoney(locale, now.totals.weighted_amount).replace(/\u00a0/g, ' '));
  return now;
}

beforeAll(async () => {
  admin = await suite.server.login('admin@demo');
  me = await api('GET', '/api/v1/auth/me');
  const pipelines = await api<{ items: { id: number; is_default: boolean; stages: PipelineStage[] }[] }>('GET', '/api/v1/pipelines');
  const standard = pipelines.items.find((p) => p.is_default)!;
  pipelineId = standard.id;
  stages = standard.stages;
  const customer = await api<{ customer_id: number }>('POST', '/api/v1/customers?force=true', { customer_name: '管道测试科技有限公司', contacts: [{ contact_name: '陈经理', mobile: '13800138001' }] });
  customerId = customer.customer_id;
  // A pipeline with something in most stages: what the first tests compare with the API's board.
  await newOpportunity('星辰物流 运维外包', { amount: '250000', expected_close_date: day(-3), next_step: '安排技术交流' });
  await newOpportunity('海川能源 监控平台', { stage: 'needs_analysis', amount: '120000.50', expected_close_date: day(30) });
  await newOpportunity('云帆制造 桌面运维', { stage: 'proposal', amount: '333.33' });
  await newOpportunity('北辰医疗 机房托管', { stage: 'negotiation', amount: '880000' });
});

afterEach(async () => {
  // Names come with the board: no customer is read one by one.
  expect(requested.filter((url) => url.includes('/api/v1/customers/'))).toEqual([]);
});

describe('<crm-opportunity-pipeline>', () => {
  it('is accessible, with the columns, their totals and the totals line as GET /pipelines/{id}/board returns them', async () => {
    page = await watchedPage();
    await openPipeline();
    const violations = await axeViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);
    expect(await page.getByRole('heading', { level: 4 }).allInnerTexts()).toEqual(['线索确认', '需求分析', '方案报价', '商务谈判', '赢单', '输单']);
    expect(await column('proposal').locator('[part~="probability"]').innerText()).toBe('赢率 50%');
    const now = await expectBoardAsApi();
    expect(now.totals.count).toBeGreaterThanOrEqual(4);
    expect(await page.getByRole('region', { name: '标准销售管道：各阶段' }).count()).toBe(1);
  });

  it('shows each card with customer, amount, expected close date (overdue highlighted), owner and next step, and opens it on click or Enter', async () => {
    page = await watchedPage();
    await openPipeline();
    const late = card('星辰物流 运维外包');
    expect(await text(late.locator('[part~="card-amount"]'))).toBe('¥250,000.00');
    // The names come with the board (`customer_name`, `owner_name`): nothing else is read for them.
    expect(await late.locator('[part~="card-customer"]').innerText()).toBe('管道测试科技有限公司');
    expect(await late.locator('[part~="card-close"]').innerText()).toBe(`${day(-3)} 已逾期`);
    expect(await late.getAttribute('part')).toContain('card-overdue');
    expect(await late.locator('[part~="card-close"]').evaluate((el) => getComputedStyle(el).color)).toBe('rgb(185, 28, 28)');
    expect(await late.locator('[part~="card-owner"]').innerText()).toBe(me.display_name || me.username);
    expect(await late.locator('[part~="card-next-step"]').innerText()).toBe('安排技术交流');
    const onTime = card('海川能源 监控平台');
    expect(await onTime.getAttribute('part')).not.toContain('card-overdue');
    expect(await onTime.locator('[part~="card-close"]').innerText()).toBe(day(30));
    expect(await onTime.locator('[part~="card-next-step"]').count()).toBe(0);
    // Every card names its customer and owner as the API's board does, and no customer was asked for one by one.
    const shown = await board();
    const named = shown.columns.flatMap((c) => c.opportunities).slice(0, 20);
    for (const o of named) {
      const one = page.locator(`${widget} [data-opportunity-id="${o.id}"]`);
      expect(await one.locator('[part~="card-customer"]').innerText()).toBe(o.customer_name);
      expect(await one.locator('[part~="card-owner"]').innerText()).toBe(o.owner_name ?? '未分配');
    }
    expect(requested.some((url) => url.includes(`/api/v1/pipelines/${pipelineId}/board`))).toBe(true);
    expect(requested.filter((url) => url.includes('/api/v1/customers/'))).toEqual([]);

    await late.click();
    await onTime.focus();
    await page.keyboard.press('Enter');
    const ids = await Promise.all([late, onTime].map((c) => c.getAttribute('data-opportunity-id').then(Number)));
    expect(await events()).toEqual([
      { type: 'crm-opportunity-open', id: ids[0], name: '星辰物流 运维外包', bubbles: true, composed: true },
      { type: 'crm-opportunity-open', id: ids[1], name: '海川能源 监控平台', bubbles: true, composed: true },
    ]);
  });

  it('moves a card by keyboard, announces it, persists it, updates the totals, and cancels with Escape', async () => {
    const opportunity = await newOpportunity('键盘移动 商机', { amount: '200000' });
    page = await watchedPage();
    await openPipeline();
    const before = await board();
    const weightedOf = (b: PipelineBoardData) => b.totals.weighted_amount;

    await card('键盘移动 商机').focus();
    await page.keyboard.press('Space');
    expect(await live().innerText()).toContain('已拿起“键盘移动 商机”，位于“线索确认”');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    expect(await namesIn('proposal')).toContain('键盘移动 商机');
    expect(await live().innerText()).toBe('“键盘移动 商机”：移到“方案报价”。');
    await page.keyboard.press('Space');
    await expect.poll(() => opportunityOf(opportunity.id).then((o) => o.stage_id)).toBe(stage('proposal').id);
    expect(await live().innerText()).toBe('已将“键盘移动 商机”移到“方案报价”。');
    // 200000 moved from 10% to 50%: the open weighted total grows by 80000, as the API's board says.
    const after = await board();
    expect(Number(weightedOf(after)) - Number(weightedOf(before))).toBeCloseTo(80000, 2);
    await expect.poll(() => text(page.locator(`${widget} [part~="total-weighted"] strong`))).toBe(formatMoney('zh-CN', after.totals.weighted_amount));
    await expectBoardAsApi();
    // Focus stays on the card that moved.
    expect(await page.evaluate(() => document.querySelector('crm-opportunity-pipeline')!.shadowRoot!.activeElement?.getAttribute('data-opportunity-id'))).toBe(String(opportunity.id));
    await expect.poll(events).toEqual([{ type: 'crm-opportunity-moved', id: opportunity.id, from: 'qualification', to: 'proposal', contractId: null, bubbles: true, composed: true }]);

    // Escape puts the card back and sends nothing.
    await page.keyboard.press('Space');
    await page.keyboard.press('End');
    await page.keyboard.press('ArrowLeft');
    expect(await namesIn('won')).toContain('键盘移动 商机');
    await page.keyboard.press('Escape');
    expect(await namesIn('proposal')).toContain('键盘移动 商机');
    expect(await live().innerText()).toContain('已取消移动“键盘移动 商机”');
    expect((await opportunityOf(opportunity.id)).status).toBe('open');
    await expectBoardAsApi();
  });

  it('moves a card by drag and drop', async () => {
    const opportunity = await newOpportunity('拖放移动 商机', { stage: 'needs_analysis', amount: '40000' });
    page = await watchedPage();
    await openPipeline();
    await drag(opportunity.id, 'negotiation');
    expect((await namesIn('negotiation'))[0]).toBe('拖放移动 商机');
    expect(await namesIn('needs_analysis')).not.toContain('拖放移动 商机');
    await expect.poll(() => opportunityOf(opportunity.id).then((o) => o.stage_name)).toBe('商务谈判');
    await expect.poll(events).toEqual([{ type: 'crm-opportunity-moved', id: opportunity.id, from: 'needs_analysis', to: 'negotiation', contractId: null, bubbles: true, composed: true }]);
    await expect.poll(() => expectBoardAsApi().then(() => true), { timeout: 10_000 }).toBe(true);
  });

  it('asks for the reason before losing: the dialog requires one, cancel puts the card back, confirm closes it as lost', async () => {
    const opportunity = await newOpportunity('输单原因 商机', { stage: 'proposal', amount: '60000' });
    page = await watchedPage();
    await openPipeline();
    await card('输单原因 商机').focus();
    await page.keyboard.press('Space');
    await page.keyboard.press('End');
    await page.keyboard.press('Space');
    const dialog = page.getByRole('dialog', { name: '标记为输单' });
    await dialog.waitFor();
    const violations = await axeViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);
    expect(await namesIn('lost')).toContain('输单原因 商机');
    // The reason field has focus; confirming without one says it is required and sends nothing.
    expect(await page.evaluate(() => document.querySelector('crm-opportunity-pipeline')!.shadowRoot!.activeElement?.id)).toBe('lost-reason');
    await dialog.getByRole('button', { name: '确认输单' }).click();
    expect(await dialog.getByText('请填写输单原因。').isVisible()).toBe(true);
    expect(await dialog.getByLabel('输单原因').getAttribute('aria-invalid')).toBe('true');
    expect((await opportunityOf(opportunity.id)).status).toBe('open');
    await dialog.getByRole('button', { name: '取消' }).click();
    expect(await dialog.count()).toBe(0);
    expect(await namesIn('proposal')).toContain('输单原因 商机');
    expect(await namesIn('lost')).not.toContain('输单原因 商机');
    expect(await live().innerText()).toContain('已取消移动“输单原因 商机”');
    expect(await page.evaluate(() => document.querySelector('crm-opportunity-pipeline')!.shadowRoot!.activeElement?.getAttribute('data-opportunity-id'))).toBe(String(opportunity.id));
    expect((await opportunityOf(opportunity.id)).stage_id).toBe(stage('proposal').id);

    // By drag and drop this time, and Escape cancels the dialog too.
    await drag(opportunity.id, 'lost');
    await dialog.waitFor();
    await page.keyboard.press('Escape');
    expect(await dialog.count()).toBe(0);
    expect(await namesIn('proposal')).toContain('输单原因 商机');

    await drag(opportunity.id, 'lost');
    await dialog.getByLabel('输单原因').fill('预算被砍');
    await dialog.getByRole('button', { name: '确认输单' }).click();
    await expect.poll(() => opportunityOf(opportunity.id).then((o) => [o.status, o.lost_reason])).toEqual(['lost', '预算被砍']);
    expect(await card('输单原因 商机').locator('[part~="card-status"]').innerText()).toBe('已输单 · 输单原因：预算被砍');
    expect(await card('输单原因 商机').getAttribute('draggable')).toBe('false');
    await expect.poll(() => expectBoardAsApi().then(() => true), { timeout: 10_000 }).toBe(true);
  });

  it('says which contract draft a win created', async () => {
    const opportunity = await newOpportunity('赢单合同 商机', { stage: 'negotiation', amount: '300000', expected_close_date: day(10) });
    page = await watchedPage();
    await openPipeline('contract-href="#/contracts/{id}"');
    await drag(opportunity.id, 'won');
    await expect.poll(() => opportunityOf(opportunity.id).then((o) => o.status)).toBe('won');
    const saved = await opportunityOf(opportunity.id);
    expect(saved.contract_id).toBeGreaterThan(0);
    const contract = await api<{ state: string; title: string; amount: string }>('GET', `/api/v1/contracts/${saved.contract_id}`);
    expect(contract).toMatchObject({ state: 'draft', title: '赢单合同 商机', amount: '300000.00' });
    const notice = page.locator(`${widget} [part~="contract-notice"]`);
    await expect.poll(() => notice.locator('[part~="contract-id"]').innerText()).toBe(`已创建合同草稿 #${saved.contract_id}`);
    expect(await notice.innerText()).toContain('“赢单合同 商机”已赢单。');
    expect(await notice.getByRole('link').getAttribute('href')).toBe(`#/contracts/${saved.contract_id}`);
    expect(await live().innerText()).toBe(`“赢单合同 商机”已赢单。 已创建合同草稿 #${saved.contract_id}`);
    expect(await card('赢单合同 商机').locator('[part~="card-status"]').innerText()).toBe(`已赢单 · 已创建合同草稿 #${saved.contract_id}`);
    await expect.poll(events).toEqual([{ type: 'crm-opportunity-moved', id: opportunity.id, from: 'negotiation', to: 'won', contractId: saved.contract_id, bubbles: true, composed: true }]);
  });

  it('sends each move with If-Match from the card\'s version and takes the next version from the answer', async () => {
    const opportunity = await newOpportunity('版本跟随 商机', { amount: '70000' });
    page = await watchedPage();
    const moves: { url: string; ifMatch: string | undefined }[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith('/move')) moves.push({ url: request.url(), ifMatch: request.headers()['if-match'] });
    });
    await openPipeline();
    // The board's reload after a move is held back, so the second move can only know the version from the first's answer.
    await page.route(`${suite.server.url}/api/v1/pipelines/*/board`, async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      await route.continue();
    });
    await drag(opportunity.id, 'needs_analysis');
    // The widget has the answer once it says the move happened.
    await expect.poll(() => events().then((heard) => heard.length)).toBe(1);
    expect((await opportunityOf(opportunity.id)).version).toBe(opportunity.version + 1);
    await drag(opportunity.id, 'proposal');
    await expect.poll(() => opportunityOf(opportunity.id).then((o) => o.stage_id)).toBe(stage('proposal').id);
    expect(moves.map((m) => m.ifMatch)).toEqual([`"opportunity-${opportunity.id}-v${opportunity.version}"`, `"opportunity-${opportunity.id}-v${opportunity.version + 1}"`]);
    expect(await page.locator(`${widget} [part~="failure"]`).count()).toBe(0);
    await expect.poll(events).toEqual([
      { type: 'crm-opportunity-moved', id: opportunity.id, from: 'qualification', to: 'needs_analysis', contractId: null, bubbles: true, composed: true },
      { type: 'crm-opportunity-moved', id: opportunity.id, from: 'needs_analysis', to: 'proposal', contractId: null, bubbles: true, composed: true },
    ]);
    await page.unroute(`${suite.server.url}/api/v1/pipelines/*/board`);
  });

  it('refuses a stale move (someone else changed the opportunity after the board loaded: 412), says so, and shows the board as the API has it', async () => {
    const opportunity = await newOpportunity('过期版本 商机', { amount: '80000', next_step: '发送报价' });
    page = await watchedPage();
    await openPipeline();
    // Someone else edits the next step after the board loaded: the card's version on the board is stale now.
    const edited = await editElsewhere(opportunity.id, { next_step: '约客户高层会面' });
    expect(edited.version).toBe(opportunity.version + 1);
    expect(await card('过期版本 商机').locator('[part~="card-next-step"]').innerText()).toBe('发送报价');
    // The reload after the refusal is slowed down, so the rolled-back board can be seen before it.
    await page.route(`${suite.server.url}/api/v1/pipelines/*/board`, async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      await route.continue();
    });
    await card('过期版本 商机').focus();
    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Space');
    const alert = page.locator(`${widget} [part~="failure"]`);
    await expect.poll(() => alert.count()).toBe(1);
    expect(await alert.innerText()).toContain('“过期版本 商机”已被他人更新，本次移动未保存，已刷新看板。');
    expect(await alert.getAttribute('role')).toBe('alert');
    expect(await live().innerText()).toBe('“过期版本 商机”已被他人更新，本次移动未保存，已刷新看板。');
    expect(await namesIn('needs_analysis')).not.toContain('过期版本 商机');
    expect(await namesIn('qualification')).toContain('过期版本 商机');
    expect(await events()).toEqual([]);
    // Nothing was written: the API still has it where it was, with the other user's edit.
    expect(await opportunityOf(opportunity.id)).toMatchObject({ stage_id: stage('qualification').id, version: edited.version, next_step: '约客户高层会面' });
    // Then the board reads the API again: the card is where the API says, with the other user's change.
    await expect.poll(() => card('过期版本 商机').locator('[part~="card-next-step"]').innerText(), { timeout: 10_000 }).toBe('约客户高层会面');
    await page.unroute(`${suite.server.url}/api/v1/pipelines/*/board`);
    await expectBoardAsApi();
    // The board holds the current version now: the same move goes through.
    await card('过期版本 商机').focus();
    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Space');
    await expect.poll(() => opportunityOf(opportunity.id).then((o) => o.stage_id)).toBe(stage('needs_analysis').id);
    await expect.poll(events).toEqual([{ type: 'crm-opportunity-moved', id: opportunity.id, from: 'qualification', to: 'needs_analysis', contractId: null, bubbles: true, composed: true }]);
  });

  it('puts the card back when someone else closed it meanwhile (412), then shows it closed as the API has it', async () => {
    const opportunity = await newOpportunity('并发冲突 商机', { amount: '90000' });
    page = await watchedPage();
    await openPipeline('', 'en');
    // Someone else loses the opportunity after the board loaded; the board still shows it open.
    await moveElsewhere(opportunity.id, { stage_id: stage('lost').id, lost_reason: '客户取消采购' });
    await page.route(`${suite.server.url}/api/v1/pipelines/*/board`, async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      await route.continue();
    });
    await drag(opportunity.id, 'needs_analysis');
    const alert = page.locator(`${widget} [part~="failure"]`);
    await expect.poll(() => alert.count()).toBe(1);
    expect(await alert.innerText()).toContain('Someone else changed "并发冲突 商机"; the move was not saved and the board was refreshed.');
    expect(await live().innerText()).toContain('Someone else changed "并发冲突 商机"');
    expect(await namesIn('needs_analysis')).not.toContain('并发冲突 商机');
    expect(await namesIn('qualification')).toContain('并发冲突 商机');
    expect((await opportunityOf(opportunity.id)).status).toBe('lost');
    expect(await events()).toEqual([]);
    await expect.poll(() => namesIn('lost'), { timeout: 10_000 }).toContain('并发冲突 商机');
    expect(await card('并发冲突 商机').locator('[part~="card-status"]').innerText()).toBe('Lost · Lost because: 客户取消采购');
    await page.unroute(`${suite.server.url}/api/v1/pipelines/*/board`);
  });

  it('shows an empty pipeline accessibly, with its stages and zero totals', async () => {
    const created = await api<{ id: number }>('POST', '/api/v1/pipelines', {
      name: '渠道合作管道',
      stages: [
        { code: 'intro', name: '初步接洽', position: 1, probability: 20 },
        { code: 'won', name: '签约', position: 2, probability: 100, kind: 'won' },
        { code: 'lost', name: '放弃', position: 3, probability: 0, kind: 'lost' },
      ],
    });
    page = await watchedPage();
    await openPipeline(`pipeline-id="${created.id}"`);
    expect(await page.locator(`${widget} [part~="empty"]`).innerText()).toContain('此管道暂无商机');
    expect(await page.getByRole('heading', { level: 4 }).allInnerTexts()).toEqual(['初步接洽', '签约', '放弃']);
    expect(await text(page.locator(`${widget} [part~="total-amount"] strong`))).toBe('¥0.00');
    expect(await page.locator(`${widget} [part~="empty-column"]`).count()).toBe(3);
    const violations = await axeViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);

    // Its first opportunity, literally: 333.33 × 20% = 66.666 → ¥66.67.
    await api('POST', '/api/v1/opportunities', { name: '渠道首单', customer_id: customerId, amount: '333.33', pipeline_id: created.id });
    await page.reload();
    await page.locator(`${widget} [part~="card"]`).waitFor();
    expect(await page.locator(`${widget} [part~="empty"]`).count()).toBe(0);
    expect(await column('intro').locator('[part~="count"]').innerText()).toBe('1 个商机');
    expect(await text(column('intro').locator('[part~="amount"]'))).toBe('¥333.33');
    expect(await text(column('intro').locator('[part~="weighted"]'))).toBe('¥66.67');
    expect(await text(page.locator(`${widget} [part~="totals"]`))).toMatch(/^进行中合计\s+1 个进行中商机\s+金额 ¥333.33\s+加权金额 ¥66.67$/);
  });

  it('shows only my opportunities with owner="mine", as GET /pipelines/{id}/board?mine=true counts them, and one user\'s with owner="<id>"', async () => {
    const sales = await suite.server.login('sales@demo');
    const salesUser = await api<{ id: number; display_name: string }>('GET', '/api/v1/auth/me', undefined, sales);
    await newOpportunity('他人负责 商机', { amount: '5000', owner_id: salesUser.id });
    page = await watchedPage();
    await openPipeline('owner="mine"');
    const mine = await expectBoardAsApi('zh-CN', '?mine=true');
    const everyone = await board();
    expect(mine.totals.count).toBeGreaterThan(0);
    expect(mine.totals.count).toBeLessThan(everyone.totals.count);
    expect(await card('他人负责 商机').count()).toBe(0);
    expect(await card('星辰物流 运维外包').count()).toBe(1);
    expect(new Set(await page.locator(`${widget} [part~="card-owner"]`).allInnerTexts())).toEqual(new Set([me.display_name]));
    expect(requested.some((url) => url.includes(`/api/v1/pipelines/${pipelineId}/board?mine=true`))).toBe(true);
    expect(requested.filter((url) => url.includes('/api/v1/opportunities?'))).toEqual([]);

    await page.locator(widget).evaluate((el, id) => el.setAttribute('owner', String(id)), salesUser.id);
    await expect.poll(() => card('他人负责 商机').count()).toBe(1);
    await expectBoardAsApi('zh-CN', `?owner_id=${salesUser.id}`);
    expect(new Set(await page.locator(`${widget} [part~="card-owner"]`).allInnerTexts())).toEqual(new Set([salesUser.display_name]));
  });

  it('tells a user without opportunity:read calmly that the pipeline is for sales staff (403)', async () => {
    const portalUser = await suite.server.login('customer@demo');
    page = await watchedPage();
    await openHtml(page, suite.server.url, provided('', 'zh-CN', portalUser));
    const note = page.locator(`${widget} [role="note"]`);
    await note.waitFor();
    expect(await note.innerText()).toContain('没有查看商机的权限');
    expect(await page.getByRole('alert').count()).toBe(0);
    expect(await page.getByRole('button', { name: '重试' }).count()).toBe(0);
    const violations = await axeViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);
  });

  it('shows a loading skeleton, then an error with retry after a network failure, and recovers', async () => {
    page = await watchedPage();
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(`${suite.server.url}/api/v1/pipelines`, async (route) => {
      await held;
      await route.abort('connectionrefused');
    });
    await openHtml(page, suite.server.url, provided());
    await page.locator(`${widget} .skeleton`).first().waitFor();
    expect(await page.locator(`${widget} [part~="base"]`).getAttribute('aria-busy')).toBe('true');
    expect(await page.locator(`${widget} [part~="message"]`).innerText()).toBe('正在加载销售管道…');
    release();
    const alert = page.getByRole('alert');
    await expect.poll(() => alert.innerText()).toContain('销售管道加载失败');
    const violations = await axeViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);
    await page.unroute(`${suite.server.url}/api/v1/pipelines`);
    await page.getByRole('button', { name: '重试' }).click();
    await page.locator(`${widget} [part~="columns"]`).waitFor();
    expect(await namesIn('qualification')).toContain('星辰物流 运维外包');
  });

  it('speaks English with CNY through Intl, and fits a 360 px screen with columns scrolling in their region', async () => {
    page = await watchedPage({ width: 360, height: 740 });
    await openPipeline('', 'en');
    expect(await page.getByRole('heading', { level: 4 }).allInnerTexts()).toEqual(['Qualification', 'Needs analysis', 'Proposal', 'Negotiation', 'Won', 'Lost']);
    expect(await column('proposal').locator('[part~="probability"]').innerText()).toBe('Win rate 50%');
    expect(await text(card('星辰物流 运维外包').locator('[part~="card-amount"]'))).toBe('CN¥250,000.00');
    expect(await card('星辰物流 运维外包').locator('[part~="card-close"]').innerText()).toContain('Overdue');
    expect(await page.locator(`${widget} [part~="totals"]`).innerText()).toMatch(/^Open pipeline\s+\d+ open opportunit(y|ies)\s+Amount CN¥/);
    await expectBoardAsApi('en');
    const region = page.getByRole('region', { name: '标准销售管道: stages' });
    expect(await region.count()).toBe(1);
    expect(await region.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    const violations = await axeViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);
  });
});
