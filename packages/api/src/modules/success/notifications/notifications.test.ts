import { beforeAll, describe, expect, it } from 'vitest';
import { withTenant } from '../../../db/tenant-tx.ts';
import type { RequestScope } from '../../../platform/request-context.ts';
import { call, type TestTenant, useTestTenant } from '../../../test-support/index.ts';
import { notify, type NotificationInput } from './notifications.service.ts';

const t = useTestTenant([]);
let alice: { id: number; token: string };
let bob: { id: number; token: string };

async function userOf(tenant: TestTenant, name: string) {
  const username = `${name}@${tenant.code}`;
  const token = await tenant.token('csm', { username });
  return { id: await tenant.userIdOf(username), token };
}

/** `notify` as scheduled work calls it: in a tenant transaction of its own, acting for no user. */
const notifyIn = (tenant: TestTenant, input: Omit<NotificationInput, 'title'> & { title?: NotificationInput['title'] }) =>
  withTenant(t.ctx.handle.db, tenant.id, (tx) => {
    const scope: RequestScope = {
      tx,
      tenantId: tenant.id,
      principal: { kind: 'api_key', tenantId: tenant.id, subject: 'system:test', userId: null, roles: [], permissions: new Set(), customerId: null },
      settings: { manager_data_scope: 'all' },
      keyRing: t.ctx.keyRing,
      requestId: `test-${input.dedupe_key}`,
    };
    return notify(scope, { title: { zh: '合同即将到期', en: 'Contract due for renewal' }, ...input });
  });

const list = (token: string, query = '') => t.get(`/api/v1/notifications${query}`, { token });
const markRead = (token: string, id: number) => t.post(`/api/v1/notifications/${id}/read`, { token });
const idsOf = (res: Awaited<ReturnType<typeof list>>) => (res.body.data.items as { id: number }[]).map((n) => n.id);

beforeAll(async () => {
  alice = await userOf(t.tenant, 'alice');
  bob = await userOf(t.tenant, 'bob');
});

describe('notify', () => {
  it('stores a notification once per recipient and dedupe key, however often it is called', async () => {
    const input = {
      recipient_ids: [alice.id, bob.id, alice.id],
      kind: 'contract.renewal_due',
      body: { zh: '合同 HT202611260001 将于 90 天后到期', en: 'Contract HT202611260001 ends in 90 days' },
      entity_type: 'contract',
      entity_id: 42,
      data: { days_left: 90 },
      dedupe_key: 'contract:42:renewal:90d',
    };
    expect(await notifyIn(t.tenant, input)).toBe(2);
    expect(await notifyIn(t.tenant, input)).toBe(0);
    expect(await notifyIn(t.tenant, { ...input, recipient_ids: [bob.id] })).toBe(0);
    expect(await notifyIn(t.tenant, { ...input, recipient_ids: [] })).toBe(0);

    const res = await list(alice.token);
    expect(res.status).toBe(200);
    expect(res.body.data.items).toHaveLength(1);
    expect(res.body.data.items[0]).toMatchObject({
      kind: 'contract.renewal_due',
      title: { zh: '合同即将到期', en: 'Contract due for renewal' },
      body: input.body,
      entity_type: 'contract',
      entity_id: '42',
      data: { days_left: 90 },
      read: false,
      read_at: null,
    });
    expect(res.body.data.items[0]!.created_at).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    expect(res.body.data.unread_count).toBe(1);
    expect((await list(bob.token)).body.data.items).toHaveLength(1);
  });
});

describe('GET /api/v1/notifications', () => {
  it("shows only the caller's own notifications, newest first, with an unread filter", async () => {
    const carol = await userOf(t.tenant, 'carol');
    const dave = await userOf(t.tenant, 'dave');
    await notifyIn(t.tenant, { recipient_ids: [carol.id], kind: 'sla.breach_warning', title: { zh: '一', en: 'one' }, dedupe_key: 'own:1' });
    await notifyIn(t.tenant, { recipient_ids: [carol.id, dave.id], kind: 'sla.breach_warning', title: { zh: '二', en: 'two' }, dedupe_key: 'own:2' });
    await notifyIn(t.tenant, { recipient_ids: [dave.id], kind: 'sla.breach_warning', title: { zh: '三', en: 'three' }, dedupe_key: 'own:3' });

    const carols = await list(carol.token);
    expect(carols.body.data.items.map((n: { title: { en: string } }) => n.title.en)).toEqual(['two', 'one']);
    expect(carols.body.data.items[0]!.body).toBeNull();
    const [newest, oldest] = idsOf(carols) as [number, number];
    expect((await markRead(carol.token, oldest)).status).toBe(200);

    const unread = await list(carol.token, '?unread_only=true');
    expect(idsOf(unread)).toEqual([newest]);
    expect(unread.body.data.unread_count).toBe(1);
    expect(idsOf(await list(carol.token, '?unread_only=false'))).toEqual([newest, oldest]);
    expect((await list(dave.token)).body.data.items.map((n: { title: { en: string } }) => n.title.en)).toEqual(['three', 'two']);
  });

  it('pages newest first with a cursor, without gaps or repeats', async () => {
    const erin = await userOf(t.tenant, 'erin');
    for (let i = 1; i <= 5; i++) await notifyIn(t.tenant, { recipient_ids: [erin.id], kind: 'test.page', title: { zh: `${i}`, en: `${i}` }, dedupe_key: `page:${i}` });
    const titles: string[] = [];
    const pageSizes: number[] = [];
    let cursor: string | null = null;
    do {
      const res = await list(erin.token, `?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status).toBe(200);
      expect(res.body.data.unread_count).toBe(5);
      pageSizes.push(res.body.data.items.length);
      titles.push(...res.body.data.items.map((n: { title: { en: string } }) => n.title.en));
      cursor = res.body.data.next_cursor;
    } while (cursor);
    expect(pageSizes).toEqual([2, 2, 1]);
    expect(titles).toEqual(['5', '4', '3', '2', '1']);

    expect((await list(erin.token, '?cursor=not-a-cursor')).body.error).toBe('request.cursor_invalid');
    for (const query of ['?limit=0', '?limit=201', '?unread_only=yes', '?colour=red']) {
      expect((await list(erin.token, query)).status).toBe(400);
    }
  });

  it('needs a signed-in user: no token is 401, an integration API key is 403', async () => {
    expect((await t.get('/api/v1/notifications')).status).toBe(401);
    const admin = await t.tenant.token('admin');
    const key = await t.post('/api/v1/api-keys', { token: admin, body: { name: '工单系统', scopes: ['customer:read'] } });
    expect(key.status).toBe(201);
    for (const [method, path] of [['GET', '/api/v1/notifications'], ['POST', '/api/v1/notifications/read-all']] as const) {
      const res = await call(t.ctx.app, method, path, { headers: { 'X-Api-Key': key.body.data.secret } });
      expect(res.status).toBe(403);
      expect(res.body.error).toBe('auth.forbidden');
    }
  });
});

describe('POST /api/v1/notifications/{id}/read and /read-all', () => {
  it("marks the caller's notification read once, and 404s anyone else's", async () => {
    const frank = await userOf(t.tenant, 'frank');
    const grace = await userOf(t.tenant, 'grace');
    await notifyIn(t.tenant, { recipient_ids: [frank.id], kind: 'test.read', dedupe_key: 'read:1' });
    const [id] = idsOf(await list(frank.token)) as [number];

    const othersRead = await markRead(grace.token, id);
    expect(othersRead.status).toBe(404);
    expect(othersRead.body).toMatchObject({ code: 404, error: 'notification.not_found', message: '通知不存在' });
    expect((await markRead(grace.token, 999_999_999)).status).toBe(404);
    expect((await list(frank.token)).body.data.unread_count).toBe(1);

    const first = await markRead(frank.token, id);
    expect(first.status).toBe(200);
    expect(first.body.data).toMatchObject({ id, read: true });
    expect(first.body.data.read_at).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    const again = await markRead(frank.token, id);
    expect(again.status).toBe(200);
    expect(again.body.data.read_at).toBe(first.body.data.read_at);
    expect((await list(frank.token)).body.data.unread_count).toBe(0);
  });

  it('marks everything of the caller read, and nobody else’s', async () => {
    const heidi = await userOf(t.tenant, 'heidi');
    const ivan = await userOf(t.tenant, 'ivan');
    for (const key of ['all:1', 'all:2', 'all:3']) await notifyIn(t.tenant, { recipient_ids: [heidi.id, ivan.id], kind: 'test.all', dedupe_key: key });
    await markRead(heidi.token, idsOf(await list(heidi.token))[0]!);

    const res = await t.post('/api/v1/notifications/read-all', { token: heidi.token });
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({ marked: 2, unread_count: 0 });
    expect((await list(heidi.token, '?unread_only=true')).body.data.items).toEqual([]);
    expect((await t.post('/api/v1/notifications/read-all', { token: heidi.token })).body.data.marked).toBe(0);
    expect((await list(ivan.token)).body.data.unread_count).toBe(3);
  });
});

describe('tenant isolation', () => {
  it("never shows or marks another tenant's notifications", async () => {
    const other = await t.ctx.createTenant();
    const stranger = await userOf(other, 'alice');
    await notifyIn(other, { recipient_ids: [stranger.id], kind: 'test.tenant', title: { zh: '别的租户', en: 'other tenant' }, dedupe_key: 'tenant:1' });
    // Another tenant's user has no inbox here: the database refuses to address one.
    await expect(notifyIn(t.tenant, { recipient_ids: [stranger.id], kind: 'test.tenant', title: { zh: '本租户', en: 'this tenant' }, dedupe_key: 'tenant:1' })).rejects.toThrow();

    const theirs = await list(stranger.token);
    expect(theirs.body.data.items.map((n: { title: { en: string } }) => n.title.en)).toEqual(['other tenant']);
    const [theirId] = idsOf(theirs) as [number];
    expect(idsOf(await list(alice.token))).not.toContain(theirId);
    expect((await markRead(alice.token, theirId)).status).toBe(404);
    await t.post('/api/v1/notifications/read-all', { token: alice.token });
    expect((await list(stranger.token)).body.data.unread_count).toBe(1);
  });
});
