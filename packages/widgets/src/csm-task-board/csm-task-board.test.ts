import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, describeViolations, hostPage, openHtml, useBrowserSuite } from '../../test/browser.js';
import { beijingDay } from './csm-task-board.format.js';

type ApiTask = { id: number; title: string; status: string; priority: string; position: number; version: number; due_date: string | null };
type ApiBoard = { columns: Record<'todo' | 'in_progress' | 'blocked' | 'done', ApiTask[]>; counts: Record<'todo' | 'in_progress' | 'blocked' | 'done', number> };

const suite = useBrowserSuite();

let page: Page;
let admin: string;
let meId = 0;

const day = (offset: number) => new Date(Date.parse(`${beijingDay(new Date())}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);

async function api<T = any>(method: string, path: string, body?: object, headers: Record<string, string> = {}): Promise<T> {
  const res = await fetch(`${suite.server.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json', ...headers },
    body: body ? JSON.stringify(body) : undefined,
  });
  const json = (await res.json()) as { data: T };
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json.data;
}

/** A new customer with three open tasks of the admin, created through the API: the first overdue, high, half checked. */
async function customerWithTasks(name: string) {
  const customer = await api<{ customer_id: number }>('POST', '/api/v1/customers?force=true', { customer_name: name, contacts: [{ contact_name: '王经理', mobile: '13800138000' }] });
  const id = customer.customer_id;
  const task = (title: string, extra: object = {}) => api<ApiTask>('POST', '/api/v1/tasks', { title, type: 'care_call', customer_id: id, assignee_id: meId, ...extra });
  const first = await task('准备季度业务回顾材料', { type: 'qbr', priority: 'high', due_date: day(-2), checklist: [{ text: '收集工单数据', done: true }, { text: '制作报告', done: false }] });
  const second = await task('回访客户关键联系人', { due_date: day(5) });
  const third = await task('更新续约报价', { type: 'renewal_preparation' });
  return { customerId: id, tasks: [first, second, third] };
}

/** Records every board event the document hears. */
const eventRecorder = `<script>
  window.crmEvents = [];
  for (const type of ['crm-task-moved', 'crm-task-created']) document.addEventListener(type, (e) => crmEvents.push({
    type, id: e.detail.task.id, title: e.detail.task.title, from: e.detail.from, to: e.detail.to, bubbles: e.bubbles, composed: e.composed,
  }));
</script>`;

function provided(body: string, locale = 'zh-CN', token = admin): string {
  return hostPage(`<crm-provider base-url="${suite.server.url}" token="${token}" locale="${locale}">${body}</crm-provider>`, { head: eventRecorder, lang: locale, sectionTitle: '任务 · Tasks' });
}

const board = (attrs: string) => `<crm-csm-task-board ${attrs}></crm-csm-task-board>`;
const column = (status: string) => page.locator(`crm-csm-task-board [part~="column-${status}"]`);
const titlesIn = (status: string) => column(status).locator('[part~="card-title"]').allInnerTexts();
const card = (title: string) => page.locator('crm-csm-task-board [part~="card"]').filter({ has: page.locator('[part~="card-title"]', { hasText: title }) });
const live = () => page.locator('crm-csm-task-board [part~="live"]');

async function openBoard(customerId: number, extra = '') {
  await openHtml(page, suite.server.url, provided(board(`customer-id="${customerId}" assignee="team" ${extra}`)));
  await column('todo').locator('[part~="card"]').first().waitFor();
}

beforeAll(async () => {
  admin = await suite.server.login('admin@demo');
  meId = (await api<{ id: number }>('GET', '/api/v1/auth/me')).id;
});

describe('<crm-csm-task-board>', () => {
  it('is accessible, with the team board of the demo tenant and its counts', async () => {
    const demo = await api<ApiBoard>('GET', '/api/v1/tasks?view=board&assignee=team');
    expect(demo.counts.todo + demo.counts.in_progress + demo.counts.blocked + demo.counts.done).toBeGreaterThan(0);
    page = await suite.newPage();
    await openHtml(page, suite.server.url, provided(board('assignee="team"')));
    await page.locator('crm-csm-task-board [part~="columns"]').waitFor();
    expect(await page.getByRole('heading', { level: 4 }).allInnerTexts()).toEqual(['待办', '进行中', '受阻', '已完成']);
    for (const status of ['todo', 'in_progress', 'blocked', 'done'] as const) {
      expect(await column(status).locator('[part~="count"]').innerText()).toBe(`${demo.counts[status]} 项`);
      expect(await titlesIn(status)).toEqual(demo.columns[status].map((task) => task.title));
    }
    const violations = await axeViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);
  });

  it('shows each card with customer, assignee, due date (overdue marked), priority and checklist progress', async () => {
    const { customerId } = await customerWithTasks('看板卡片测试有限公司');
    page = await suite.newPage();
    await openBoard(customerId);
    expect(await titlesIn('todo')).toEqual(['准备季度业务回顾材料', '回访客户关键联系人', '更新续约报价']);
    const late = card('准备季度业务回顾材料');
    expect(await late.getAttribute('part')).toContain('card-overdue');
    expect(await late.locator('[part~="card-due"]').innerText()).toBe(`${day(-2)} 已逾期`);
    expect(await late.locator('[part~="card-due"]').evaluate((el) => getComputedStyle(el).color)).toBe('rgb(185, 28, 28)');
    expect(await late.locator('[part~="priority"]').innerText()).toBe('高');
    expect(await late.locator('[part~="checklist"]').innerText()).toBe('检查项 1/2');
    expect(await late.locator('[part~="card-customer"]').innerText()).toBe('看板卡片测试有限公司');
    expect(await late.locator('[part~="card-type"]').innerText()).toBe('季度业务回顾');
    expect(await late.locator('[part~="card-assignee"]').innerText()).not.toBe('未分配');
    expect(await card('回访客户关键联系人').getAttribute('part')).not.toContain('card-overdue');
    expect(await column('todo').locator('[part~="count"]').innerText()).toBe('3 项');

    await page.getByRole('checkbox', { name: '仅看逾期' }).check();
    await expect.poll(() => titlesIn('todo')).toEqual(['准备季度业务回顾材料']);
  });

  it('moves a card by keyboard, announces it, persists it, and cancels with Escape', async () => {
    const { customerId, tasks } = await customerWithTasks('看板键盘测试有限公司');
    page = await suite.newPage();
    await openBoard(customerId);

    await card('回访客户关键联系人').focus();
    await page.keyboard.press('Space');
    await expect(live().innerText()).resolves.toContain('已拿起“回访客户关键联系人”');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowUp');
    expect(await titlesIn('in_progress')).toEqual(['回访客户关键联系人']);
    expect(await live().innerText()).toContain('进行中第 1 / 1 项');
    await page.keyboard.press('Space');
    await expect.poll(() => api<ApiTask>('GET', `/api/v1/tasks/${tasks[1]!.id}`).then((t) => t.status)).toBe('in_progress');
    expect(await live().innerText()).toContain('已放下“回访客户关键联系人”');
    expect(await column('in_progress').locator('[part~="count"]').innerText()).toBe('1 项');
    // Focus stays on the card that moved.
    expect(await page.evaluate(() => document.querySelector('crm-csm-task-board')!.shadowRoot!.activeElement?.getAttribute('data-task-id'))).toBe(String(tasks[1]!.id));
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { crmEvents: unknown[] }).crmEvents))
      .toEqual([{ type: 'crm-task-moved', id: tasks[1]!.id, title: '回访客户关键联系人', from: 'todo', to: 'in_progress', bubbles: true, composed: true }]);

    // Down within the column: the first card goes below the last.
    await card('准备季度业务回顾材料').focus();
    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Space');
    await expect.poll(async () => (await api<ApiBoard>('GET', `/api/v1/tasks?view=board&customer_id=${customerId}`)).columns.todo.map((t) => t.title)).toEqual(['更新续约报价', '准备季度业务回顾材料']);

    // Escape puts the card back and sends nothing.
    await card('更新续约报价').focus();
    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    expect(await titlesIn('blocked')).toEqual(['更新续约报价']);
    await page.keyboard.press('Escape');
    expect(await titlesIn('todo')).toEqual(['更新续约报价', '准备季度业务回顾材料']);
    expect(await live().innerText()).toContain('已取消移动');
    expect((await api<ApiTask>('GET', `/api/v1/tasks/${tasks[2]!.id}`)).status).toBe('todo');

    // A fresh load shows what the API kept.
    await page.reload();
    await column('todo').locator('[part~="card"]').first().waitFor();
    expect(await titlesIn('todo')).toEqual(['更新续约报价', '准备季度业务回顾材料']);
    expect(await titlesIn('in_progress')).toEqual(['回访客户关键联系人']);
  });

  it('moves cards by drag and drop, between and within columns', async () => {
    const { customerId, tasks } = await customerWithTasks('看板拖放测试有限公司');
    page = await suite.newPage();
    await openBoard(customerId);
    const drag = (taskId: number, target: { status: string; onTaskId?: number; upper?: boolean }) =>
      page.evaluate(
        ({ taskId, target }) => {
          const root = document.querySelector('crm-csm-task-board')!.shadowRoot!;
          const source = root.querySelector(`[data-task-id="${taskId}"]`)!;
          const column = root.querySelector(`[data-status="${target.status}"]`)!;
          const over = target.onTaskId ? root.querySelector(`[data-task-id="${target.onTaskId}"]`)! : column;
          const rect = over.getBoundingClientRect();
          const clientY = target.upper ? rect.top + 2 : rect.bottom - 2;
          const dataTransfer = new DataTransfer();
          const init = { bubbles: true, composed: true, cancelable: true, dataTransfer, clientX: rect.left + 5, clientY };
          source.dispatchEvent(new DragEvent('dragstart', init));
          over.dispatchEvent(new DragEvent('dragover', init));
          over.dispatchEvent(new DragEvent('drop', init));
          source.dispatchEvent(new DragEvent('dragend', init));
        },
        { taskId, target },
      );

    await drag(tasks[0]!.id, { status: 'blocked' });
    expect(await titlesIn('blocked')).toEqual(['准备季度业务回顾材料']);
    await expect.poll(() => api<ApiTask>('GET', `/api/v1/tasks/${tasks[0]!.id}`).then((t) => t.status)).toBe('blocked');

    // Onto the upper half of the first card: above it.
    await drag(tasks[2]!.id, { status: 'todo', onTaskId: tasks[1]!.id, upper: true });
    expect(await titlesIn('todo')).toEqual(['更新续约报价', '回访客户关键联系人']);
    await expect.poll(async () => (await api<ApiBoard>('GET', `/api/v1/tasks?view=board&customer_id=${customerId}`)).columns.todo.map((t) => t.title)).toEqual(['更新续约报价', '回访客户关键联系人']);
    expect(await column('blocked').locator('[part~="count"]').innerText()).toBe('1 项');
  });

  it('puts the card back and says so when the move fails because the task changed meanwhile (412)', async () => {
    const { customerId, tasks } = await customerWithTasks('看板冲突测试有限公司');
    page = await suite.newPage();
    await openBoard(customerId);
    // Someone else edits the task after the board loaded: the board's version is stale now.
    const current = await api<ApiTask>('GET', `/api/v1/tasks/${tasks[2]!.id}`);
    await api('PATCH', `/api/v1/tasks/${current.id}`, { priority: 'urgent' }, { 'if-match': `"task-${current.id}-v${current.version}"` });

    await card('更新续约报价').focus();
    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Space');
    const alert = page.locator('crm-csm-task-board [part~="failure"]');
    await expect(alert.innerText()).resolves.toContain('“更新续约报价”移动失败，已恢复原位');
    expect(await alert.getAttribute('role')).toBe('alert');
    expect(await titlesIn('in_progress')).toEqual([]);
    expect(await titlesIn('todo')).toContain('更新续约报价');
    expect((await api<ApiTask>('GET', `/api/v1/tasks/${current.id}`)).status).toBe('todo');
    // The board read the task again: the other user's change shows, and the next move succeeds.
    await expect.poll(() => card('更新续约报价').locator('[part~="priority"]').innerText()).toBe('紧急');
    await card('更新续约报价').focus();
    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Space');
    await expect.poll(() => api<ApiTask>('GET', `/api/v1/tasks/${current.id}`).then((t) => t.status)).toBe('in_progress');
  });

  it('creates a task for the customer, assigned to me, and edits a card inline', async () => {
    const { customerId } = await customerWithTasks('看板新建测试有限公司');
    page = await suite.newPage();
    await openBoard(customerId);
    const form = page.getByRole('form', { name: '新建任务' });
    await form.getByLabel('标题').fill('安排上线培训');
    await form.getByLabel('类型').selectOption('onboarding_step');
    await form.getByLabel('截止日期').fill(day(7));
    await form.getByRole('button', { name: '创建' }).click();
    await expect.poll(() => titlesIn('todo')).toContain('安排上线培训');
    expect(await column('todo').locator('[part~="count"]').innerText()).toBe('4 项');
    const made = (await api<ApiBoard>('GET', `/api/v1/tasks?view=board&customer_id=${customerId}`)).columns.todo.find((t) => t.title === '安排上线培训')!;
    expect(made).toMatchObject({ due_date: day(7), type: 'onboarding_step', customer_id: customerId, assignee_id: meId });
    const events = await page.evaluate(() => (window as unknown as { crmEvents: { type: string; title: string }[] }).crmEvents);
    expect(events.map((e) => [e.type, e.title])).toEqual([['crm-task-created', '安排上线培训']]);

    await card('安排上线培训').getByRole('button', { name: '编辑“安排上线培训”' }).click();
    const edit = page.getByRole('form', { name: '编辑“安排上线培训”' });
    await edit.getByLabel('标题').fill('安排上线培训（第一期）');
    await edit.getByLabel('优先级').selectOption('urgent');
    await edit.getByLabel('负责人').selectOption('none');
    await edit.getByRole('button', { name: '保存' }).click();
    await expect.poll(() => titlesIn('todo')).toContain('安排上线培训（第一期）');
    const saved = await api<ApiTask & { assignee_id: number | null }>('GET', `/api/v1/tasks/${made.id}`);
    expect(saved).toMatchObject({ title: '安排上线培训（第一期）', priority: 'urgent', assignee_id: null });
    expect(await card('安排上线培训（第一期）').locator('[part~="card-assignee"]').innerText()).toBe('未分配');
  });

  it('says not found for an impossible customer-id, and offers a retry after a network failure', async () => {
    const { customerId } = await customerWithTasks('看板重试测试有限公司');
    page = await suite.newPage();
    await page.route(`${suite.server.url}/api/v1/tasks?**`, (route) => route.abort('connectionrefused'));
    await openHtml(page, suite.server.url, provided(board('customer-id="abc"') + board(`customer-id="${customerId}" assignee="team"`)));
    const alerts = page.getByRole('alert');
    await expect.poll(() => alerts.allInnerTexts()).toEqual([expect.stringContaining('客户不存在'), expect.stringContaining('任务加载失败')]);
    expect(await page.getByRole('button', { name: '重试' }).count()).toBe(1);
    await page.unroute(`${suite.server.url}/api/v1/tasks?**`);
    await page.getByRole('button', { name: '重试' }).click();
    await expect.poll(() => titlesIn('todo')).toEqual(['准备季度业务回顾材料', '回访客户关键联系人', '更新续约报价']);
  });

  it('speaks English, and fits a 360 px screen', async () => {
    const { customerId } = await customerWithTasks('Board English Ltd');
    page = await suite.newPage({ width: 360, height: 740 });
    await openHtml(page, suite.server.url, provided(board(`customer-id="${customerId}" assignee="team"`), 'en'));
    await column('todo').locator('[part~="card"]').first().waitFor();
    expect(await page.getByRole('heading', { level: 4 }).allInnerTexts()).toEqual(['To do', 'In progress', 'Blocked', 'Done']);
    expect(await column('todo').locator('[part~="count"]').innerText()).toBe('3 tasks');
    expect(await card('准备季度业务回顾材料').locator('[part~="card-due"]').innerText()).toContain('Overdue');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });
});
