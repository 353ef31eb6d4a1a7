import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, describeViolations, hostPage, openHtml, useBrowserSuite } from '../../test/browser.js';

const suite = useBrowserSuite();

let page: Page;
let admin: string;
let campaignId = 0;
/** Answer tokens of the campaign, one per invited customer: each test that submits uses up its own. */
let tokens: string[] = [];
let portalToken = '';
let closedToken = '';

const t = (zh: string, en: string) => ({ zh, en });
const opt = (id: string, zh: string, en: string) => ({ id, label: t(zh, en) });

/** Every question type, required and optional ones, and a condition: `why` only after an NPS of 0–6. */
const QUESTIONS = [
  { id: 'nps', type: 'nps', title: t('您向朋友或同事推荐我们的可能性有多大？', 'How likely are you to recommend us to a friend or colleague?'), required: true },
  { id: 'why', type: 'text', title: t('我们哪里做得不够好？', 'What should we do better?'), show_if: { question: 'nps', in: [0, 1, 2, 3, 4, 5, 6] }, max_length: 200 },
  { id: 'csat', type: 'csat', title: t('您对本次服务满意吗？', 'How satisfied are you with the service?'), required: true },
  { id: 'ces', type: 'ces', title: t('解决问题是否省力？', 'How easy was it to get your issue solved?') },
  { id: 'engineer', type: 'rating', title: t('请为上门工程师打分', 'Rate the on-site engineer'), max: 5 },
  { id: 'channel', type: 'single_choice', title: t('您通常通过什么方式联系我们？', 'How do you usually contact us?'), required: true, options: [opt('phone', '电话', 'Phone'), opt('email', '电子邮件', 'E-mail'), opt('portal', '客户门户', 'Customer portal')] },
  {
    id: 'topics',
    type: 'multiple_choice',
    title: t('您最看重哪些方面？', 'What matters most to you?'),
    options: [opt('speed', '响应速度', 'Response speed'), opt('price', '价格', 'Price'), opt('quality', '服务质量', 'Service quality'), opt('attitude', '服务态度', 'Attitude')],
    max_selections: 2,
  },
  { id: 'comment', type: 'text', title: t('其他建议', 'Anything else?'), max_length: 30 },
];

async function api<T = any>(method: string, path: string, body?: object, headers: Record<string, string> = {}, token: string | null = admin): Promise<{ status: number; data: T; etag: string | null }> {
  const res = await fetch(`${suite.server.url}${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), 'content-type': 'application/json', ...headers },
    body: body ? JSON.stringify(body) : undefined,
  });
  const json = (await res.json()) as { data: T };
  return { status: res.status, data: json.data, etag: res.headers.get('etag') };
}

/** An active template with QUESTIONS and a launched e-mail campaign to `customerIds`; the answer tokens by customer. */
async function launchCampaign(name: string, customerIds: number[]): Promise<{ id: number; tokens: Map<number, string> }> {
  const template = await api('POST', '/api/v1/survey-templates', { name: `${name}问卷`, description: '约 2 分钟。您的反馈将帮助我们改进服务。', questions: QUESTIONS });
  expect(template.status).toBe(201);
  expect((await api('PATCH', `/api/v1/survey-templates/${template.data.id}`, { status: 'active' }, { 'If-Match': template.etag! })).status).toBe(200);
  const campaign = await api('POST', '/api/v1/survey-campaigns', { template_id: template.data.id, name, target: { kind: 'customers', customer_ids: customerIds }, channel: 'email', throttle_days: 0 });
  expect(campaign.status).toBe(201);
  expect((await api('POST', `/api/v1/survey-campaigns/${campaign.data.id}/launch`)).data).toMatchObject({ invited: customerIds.length });
  const links = await suite.server.surveyLinks(campaign.data.id);
  return { id: campaign.data.id, tokens: new Map([...links].map(([customer, link]) => [customer, link.split('/survey/')[1]!])) };
}

/** Records every `crm-survey-submitted` the document hears. */
const eventRecorder = `<script>
  window.crmEvents = [];
  document.addEventListener('crm-survey-submitted', (e) => crmEvents.push({ ...e.detail, bubbles: e.bubbles, composed: e.composed }));
</script>`;

const formHtml = (attrs: string, locale = 'zh-CN') =>
  hostPage(`<crm-survey-form ${attrs} heading-level="3"></crm-survey-form>`, { head: eventRecorder, lang: locale, sectionTitle: locale === 'en' ? 'Survey' : '满意度调查' });

async function openForm(attrs: string, locale = 'zh-CN', options: { width?: number } = {}) {
  page = await suite.newPage(options);
  await openHtml(page, suite.server.url, formHtml(attrs, locale));
}

async function openLoaded(token: string, locale = 'zh-CN', options: { width?: number } = {}) {
  await openForm(`token="${token}"${locale === 'en' ? ' locale="en"' : ''}`, locale, options);
  await submitButton().waitFor();
}

const form = () => page.locator('crm-survey-form');
const question = (id: string) => page.locator(`crm-survey-form [data-question="${id}"]`);
const radio = (id: string, name: string) => question(id).getByRole('radio', { name, exact: true });
const submitButton = () => page.locator('crm-survey-form [part~="submit"]');
const fieldError = (id: string) => question(id).locator('[part~="field-error"]');
const saveStatus = () => page.locator('crm-survey-form [part~="save-status"]');

/** The element focused through shadow roots: what a keyboard user is on. */
const focused = () =>
  page.evaluate(() => {
    let el = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    const input = el as HTMLInputElement | null;
    return { tag: el?.tagName ?? '', name: input?.name ?? '', value: input?.value ?? '', checked: Boolean(input?.checked), part: el?.getAttribute('part') ?? '', id: el?.id ?? '' };
  });

async function expectAccessible(): Promise<void> {
  const violations = await axeViolations(page);
  expect(violations, describeViolations(violations)).toEqual([]);
}

beforeAll(async () => {
  admin = await suite.server.login('admin@demo');
  const customers = suite.server.customers.map((c) => c.id).filter((id) => id !== suite.server.portalCustomerId).slice(0, 10);
  const campaign = await launchCampaign('2026 年第四季度服务满意度调查', [...customers, suite.server.portalCustomerId]);
  campaignId = campaign.id;
  tokens = customers.map((id) => campaign.tokens.get(id)!);
  portalToken = campaign.tokens.get(suite.server.portalCustomerId)!;
  expect(tokens.every(Boolean) && Boolean(portalToken)).toBe(true);
  // A second campaign, closed at once: its links answer 410.
  const closed = await launchCampaign('已结束的调查', [customers[0]!]);
  closedToken = closed.tokens.get(customers[0]!)!;
  const current = await api('GET', `/api/v1/survey-campaigns/${closed.id}`);
  expect((await api('PATCH', `/api/v1/survey-campaigns/${closed.id}`, { status: 'closed' }, { 'If-Match': current.etag! })).status).toBe(200);
});

describe('<crm-survey-form>', () => {
  it('renders every question type accessibly in zh-CN and in English, without a token or a provider', async () => {
    await openLoaded(tokens[0]!);
    await expectAccessible();
    await page.getByRole('heading', { name: '2026 年第四季度服务满意度调查问卷', level: 3 }).waitFor();
    // NPS 0–10, CSAT 1–5, CES 1–7 and a 5-star rating are radio groups named by their question.
    const group = (name: string) => page.getByRole('radiogroup', { name: new RegExp(name) });
    expect(await group('推荐我们的可能性').getByRole('radio').count()).toBe(11);
    expect(await group('对本次服务满意吗').getByRole('radio').count()).toBe(5);
    expect(await group('是否省力').getByRole('radio').count()).toBe(7);
    expect(await group('工程师打分').getByRole('radio').count()).toBe(5);
    expect(await radio('engineer', '4 星').count()).toBe(1);
    expect(await group('联系我们').getByRole('radio').count()).toBe(3);
    expect(await question('channel').getByRole('radio', { name: '客户门户' }).count()).toBe(1);
    expect(await question('topics').getByRole('checkbox').count()).toBe(4);
    expect(await page.getByRole('textbox', { name: /其他建议/ }).count()).toBe(1);
    expect(await question('topics').locator('[part~="hint"]').innerText()).toBe('最多选择 2 项。');
    // Required questions carry a visible * and say "required"; the conditional question waits for a low score.
    expect(await page.locator('crm-survey-form [part~="required-mark"]').count()).toBe(3);
    expect(await group('推荐我们的可能性').getAttribute('aria-required')).toBe('true');
    expect(await question('why').count()).toBe(0);
    expect(await page.locator('crm-survey-form [part~="progress"]').innerText()).toContain('已回答 0 / 7 题');

    await page.context().close();
    await openLoaded(tokens[0]!, 'en');
    await page.getByRole('heading', { name: '2026 年第四季度服务满意度调查问卷' }).waitFor();
    expect(await page.getByRole('radiogroup', { name: /How likely are you to recommend us/ }).count()).toBe(1);
    expect(await radio('engineer', '4 stars').count()).toBe(1);
    expect(await question('channel').getByRole('radio', { name: 'Customer portal' }).count()).toBe(1);
    expect(await submitButton().innerText()).toBe('Submit');
    expect(await page.getByText('推荐我们的可能性').count()).toBe(0);
    await expectAccessible();
  });

  it('shows and hides the conditional question as the score changes, and never saves a hidden answer', async () => {
    await openLoaded(tokens[1]!);
    await radio('nps', '3').check();
    await question('why').getByRole('textbox').fill('工程师响应太慢');
    expect(await page.locator('crm-survey-form [part~="progress"]').innerText()).toContain('已回答 2 / 8 题');
    await radio('nps', '9').check();
    expect(await question('why').count()).toBe(0);
    await expect.poll(() => saveStatus().innerText()).toMatch(/^已自动保存（\d{2}:\d{2}）$/);
    const draft = await api('GET', `/api/v1/public/surveys/${tokens[1]}`, undefined, {}, null);
    expect(draft.data.answers).toEqual({ nps: 9 });
    // Back to a low score: the text the person typed is still there.
    await radio('nps', '2').check();
    expect(await question('why').getByRole('textbox').inputValue()).toBe('工程师响应太慢');
  });

  it('checks answers as they are given, with errors tied to their fields', async () => {
    await openLoaded(tokens[2]!);
    // Leaving a required group unanswered marks it.
    await radio('nps', '0').focus();
    await page.keyboard.press('Tab');
    expect(await fieldError('nps').innerText()).toContain('请回答此问题。');
    const nps = page.getByRole('radiogroup', { name: /推荐我们的可能性/ });
    expect(await nps.getAttribute('aria-invalid')).toBe('true');
    expect(await nps.getAttribute('aria-describedby')).toContain(await fieldError('nps').getAttribute('id'));
    await radio('nps', '10').check();
    expect(await fieldError('nps').count()).toBe(0);
    expect(await nps.getAttribute('aria-invalid')).toBe('false');

    // Text length while typing, choice limits while ticking.
    const comment = page.getByRole('textbox', { name: /其他建议/ });
    await comment.fill('非常满意'.repeat(8));
    expect(await fieldError('comment').innerText()).toContain('回答过长：最多 30 字。');
    expect(await comment.getAttribute('aria-invalid')).toBe('true');
    expect(await question('comment').locator('[part~="counter"]').innerText()).toBe('32 / 30 字');
    await comment.fill('非常满意');
    expect(await fieldError('comment').count()).toBe(0);
    for (const name of ['响应速度', '价格', '服务质量']) await question('topics').getByRole('checkbox', { name }).check();
    expect(await fieldError('topics').innerText()).toContain('最多只能选择 2 项。');
    await question('topics').getByRole('checkbox', { name: '价格' }).uncheck();
    expect(await fieldError('topics').count()).toBe(0);

    // Submitting with required questions open: a summary, every problem on its field, focus on the first.
    await submitButton().click();
    const summary = page.locator('crm-survey-form [part~="error-summary"]');
    await summary.waitFor();
    expect(await summary.innerText()).toContain('提交前请修正 2 个问题');
    expect(await fieldError('csat').innerText()).toContain('请回答此问题。');
    expect(await fieldError('channel').innerText()).toContain('请回答此问题。');
    expect(await focused()).toMatchObject({ tag: 'INPUT', name: 'q-csat', value: '1' });
    await expectAccessible();
    await summary.getByRole('link', { name: /联系我们/ }).click();
    expect(await focused()).toMatchObject({ tag: 'INPUT', name: 'q-channel', value: 'phone' });
  });

  it('shows the API’s 422 details on the right question, in English too', async () => {
    await openLoaded(tokens[3]!, 'en');
    await radio('nps', '8').check();
    await radio('csat', '4').check();
    await question('channel').getByRole('radio', { name: 'Phone' }).check();
    // A tampered request reaches the real API, which refuses a CSAT of 9.
    await page.route('**/api/v1/public/surveys/*/submit', (route) => {
      const body = JSON.parse(route.request().postData() ?? '{}') as { answers: Record<string, unknown> };
      return route.continue({ postData: JSON.stringify({ answers: { ...body.answers, csat: 9 } }) });
    });
    const refused = page.waitForResponse((res) => res.url().endsWith('/submit'));
    await submitButton().click();
    expect((await refused).status()).toBe(422);
    await fieldError('csat').waitFor();
    expect(await fieldError('csat').innerText()).toContain('Choose a score of at most 5.');
    expect(await page.getByRole('radiogroup', { name: /How satisfied/ }).getAttribute('aria-invalid')).toBe('true');
    expect(await focused()).toMatchObject({ name: 'q-csat', value: '4' });
    expect(await page.locator('crm-survey-form [part~="error-summary"]').innerText()).toContain('Please fix 1 problem before submitting');
    await expectAccessible();
    // Answering the question again clears the API's complaint.
    await radio('csat', '5').check();
    expect(await fieldError('csat').count()).toBe(0);
  });

  it('is answered and submitted with the keyboard alone, fires one event, and the link is then used up', async () => {
    await openLoaded(tokens[4]!);
    await page.keyboard.press('Tab');
    expect(await focused()).toMatchObject({ name: 'q-nps', value: '0', checked: false });
    await page.keyboard.press('Space');
    for (let i = 0; i < 9; i++) await page.keyboard.press('ArrowRight');
    expect(await focused()).toMatchObject({ name: 'q-nps', value: '9', checked: true });
    await page.keyboard.press('ArrowLeft');
    expect(await focused()).toMatchObject({ name: 'q-nps', value: '8', checked: true });
    await page.keyboard.press('Tab');
    expect(await focused()).toMatchObject({ name: 'q-csat', value: '1' });
    await page.keyboard.press('Space');
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
    expect(await focused()).toMatchObject({ name: 'q-csat', value: '4', checked: true });
    const tabTo = async (match: (f: Awaited<ReturnType<typeof focused>>) => boolean) => {
      for (let i = 0; i < 20 && !match(await focused()); i++) await page.keyboard.press('Tab');
      expect(match(await focused())).toBe(true);
    };
    await tabTo((f) => f.name === 'q-channel');
    await page.keyboard.press('Space');
    await tabTo((f) => f.part.includes('submit'));
    await page.keyboard.press('Enter');

    const thanks = page.getByRole('heading', { name: '感谢您的反馈！' });
    await thanks.waitFor();
    expect(await focused()).toMatchObject({ id: 'thanks-title' });
    await expectAccessible();
    const events = await page.evaluate(() => (window as unknown as { crmEvents: object[] }).crmEvents);
    expect(events).toEqual([expect.objectContaining({ responseId: expect.any(Number), invitationId: expect.any(Number), campaignId, nps: 8, csat: 4, bubbles: true, composed: true })]);
    expect((await api('GET', `/api/v1/public/surveys/${tokens[4]}`, undefined, {}, null)).status).toBe(409);
    expect((await api('POST', `/api/v1/public/surveys/${tokens[4]}/submit`, { answers: { nps: 10, csat: 5, channel: 'phone' } }, {}, null)).status).toBe(409);

    // The link opened again says it was answered.
    await page.context().close();
    await openForm(`token="${tokens[4]}"`);
    await page.getByRole('heading', { name: '您已提交过这份问卷' }).waitFor();
    await expectAccessible();
  });

  it('keeps partial answers: a fresh page restores them', async () => {
    await openLoaded(tokens[5]!);
    await radio('nps', '5').check();
    await question('why').getByRole('textbox').fill('希望缩短上门时间');
    await question('topics').getByRole('checkbox', { name: '价格' }).check();
    await radio('engineer', '4 星').check();
    await expect.poll(() => saveStatus().innerText()).toMatch(/^已自动保存/);
    expect(await saveStatus().getAttribute('role')).toBe('status');
    await expect.poll(async () => (await api('GET', `/api/v1/public/surveys/${tokens[5]}`, undefined, {}, null)).data.answers).toEqual({ nps: 5, why: '希望缩短上门时间', engineer: 4, topics: ['price'] });

    await page.context().close();
    await openLoaded(tokens[5]!);
    expect(await radio('nps', '5').isChecked()).toBe(true);
    expect(await question('why').getByRole('textbox').inputValue()).toBe('希望缩短上门时间');
    expect(await question('topics').getByRole('checkbox', { name: '价格' }).isChecked()).toBe(true);
    expect(await radio('engineer', '4 星').isChecked()).toBe(true);
    expect(await saveStatus().innerText()).toMatch(/^已恢复您 \d{2}:\d{2} 保存的回答。$/);
  });

  it('saves an answer at once when the page is hidden (tab closed, app switched), not after the pause', async () => {
    await openLoaded(tokens[8]!);
    await radio('nps', '9').check();
    const saved = page.waitForRequest((r) => r.method() === 'PUT' && r.url().endsWith(tokens[8]!), { timeout: 400 });
    await page.evaluate(() => {
      Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
      document.dispatchEvent(new Event('visibilitychange'));
    });
    expect(JSON.parse((await saved).postData()!)).toEqual({ answers: { nps: 9 } });
    await expect.poll(async () => (await api('GET', `/api/v1/public/surveys/${tokens[8]}`, undefined, {}, null)).data.answers).toEqual({ nps: 9 });
  });

  it('says clearly when a link is unknown or expired, in both languages', async () => {
    await openForm(`token="s1.${'A'.repeat(43)}"`);
    await page.getByRole('heading', { name: '找不到这份问卷' }).waitFor();
    await expectAccessible();
    await page.context().close();
    await openForm(`token="${closedToken}"`);
    await page.getByRole('heading', { name: '问卷已过期' }).waitFor();
    await page.context().close();
    await openForm(`token="${closedToken}" locale="en"`, 'en');
    await page.getByRole('heading', { name: 'This survey has expired' }).waitFor();
    expect(await form().locator('[part~="message"]').innerText()).toContain('The time to answer this survey has passed');
    await expectAccessible();
  });

  it('offers a retry after a network failure', async () => {
    page = await suite.newPage();
    let failures = 1;
    await page.route('**/api/v1/public/surveys/*', (route) => (failures-- > 0 ? route.abort('internetdisconnected') : route.continue()));
    await openHtml(page, suite.server.url, formHtml(`token="${tokens[6]}"`));
    const alert = page.locator('crm-survey-form [role="alert"]');
    await alert.waitFor();
    expect(await alert.innerText()).toContain('暂时无法加载问卷');
    await expectAccessible();
    await page.locator('crm-survey-form [part~="retry"]').click();
    await submitButton().waitFor();
  });

  it('lets a signed-in portal user answer an invitation by survey-id through the provider, in English', async () => {
    const customerToken = await suite.server.login('customer@demo');
    const open = await api<{ items: { invitation_id: number; campaign_name: string }[] }>('GET', '/api/v1/portal/surveys', undefined, {}, customerToken);
    const invitation = open.data.items.find((i) => i.campaign_name === '2026 年第四季度服务满意度调查')!;
    expect(invitation).toBeTruthy();
    page = await suite.newPage();
    await openHtml(
      page,
      suite.server.url,
      hostPage(`<crm-provider base-url="${suite.server.url}" token="${customerToken}" locale="en"><crm-survey-form survey-id="${invitation.invitation_id}" heading-level="3"></crm-survey-form></crm-provider>`, { head: eventRecorder, lang: 'en', sectionTitle: 'Survey' }),
    );
    await submitButton().waitFor();
    await radio('nps', '10').check();
    await radio('csat', '5').check();
    await question('channel').getByRole('radio', { name: 'Customer portal' }).check();
    await submitButton().click();
    await page.getByRole('heading', { name: 'Thank you for your feedback!' }).waitFor();
    await expectAccessible();
    expect(await page.evaluate(() => (window as unknown as { crmEvents: { invitationId: number }[] }).crmEvents.map((e) => e.invitationId))).toEqual([invitation.invitation_id]);
    const after = await api<{ items: { invitation_id: number }[] }>('GET', '/api/v1/portal/surveys', undefined, {}, customerToken);
    expect(after.data.items.map((i) => i.invitation_id)).not.toContain(invitation.invitation_id);
    // Its e-mail link is used up too: one invitation, one answer.
    expect((await api('GET', `/api/v1/public/surveys/${portalToken}`, undefined, {}, null)).status).toBe(409);
  });

  it('fits a 360 px phone: no horizontal scroll, 44 px tap targets on the 0–10 scale', async () => {
    await openLoaded(tokens[7]!, 'zh-CN', { width: 360 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    const boxes = await question('nps').locator('[part~="scale-point"]').evaluateAll((points) => points.map((p) => p.getBoundingClientRect()).map((r) => ({ w: r.width, h: r.height, top: r.top, right: r.right })));
    expect(boxes).toHaveLength(11);
    expect(boxes.every((b) => b.w >= 44 && b.h >= 44 && b.right <= 360)).toBe(true);
    expect(new Set(boxes.map((b) => Math.round(b.top))).size).toBeGreaterThan(1);
    await expectAccessible();
  });
});
