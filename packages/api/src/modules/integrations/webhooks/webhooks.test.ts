import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRows } from '../../../db/raw-rows.ts';
import { withTenant } from '../../../db/tenant-tx.ts';
import { emitEvent } from '../../../platform/events.ts';
import { auditLog } from '../../../platform/platform.schema.ts';
import { systemScope } from '../../../platform/system-scope.ts';
import { fakeDns } from '../../../test-support/fake-dns.ts';
import { type TestTenant, useTestTenant } from '../../../test-support/index.ts';
import { runWebhookDeliveries } from './webhooks.jobs.ts';
import { verifyWebhook } from './webhook-signature.ts';
import { webhookSubscriptions } from './webhooks.schema.ts';

type Received = { path: string; headers: IncomingHttpHeaders; body: string };

let other: TestTenant;
let receiver: Server;
let base: string;
const received: Received[] = [];
/** What the receiver answers per path (200 unless set). */
const answers = new Map<string, number>();
/** Where the receiver redirects per path (with a 302). */
const redirects = new Map<string, string>();
/** What a failing receiver says: an internal service's answer, which no tenant may ever read. */
const INTERNAL_ANSWER = 'receiver down: postgres://crm:hunter2@10.20.0.5/crm';

// The receiver is on loopback, so private targets are allowed in this file, explicitly; host names resolve
// through this table only (no DNS traffic).
const dnsAnswers = new Map<string, string[]>([['receiver.test', ['127.0.0.1']]]);
const { resolveHost, lookups } = fakeDns(dnsAnswers);
const t = useTestTenant(['admin'], { env: { CRM_WEBHOOK_ALLOW_PRIVATE: 'true' }, resolveHost });
const run = (now: Date) => runWebhookDeliveries({ db: t.ctx.handle.db, keyRing: t.ctx.keyRing, random: () => 0.5, allowPrivate: true, resolveHost }, now);
/** A clock past the settle window, so the events just written are fanned out. */
const soon = () => new Date(Date.now() + 60_000);
const subscribe = async (token: string, body: Record<string, unknown>) => {
  const res = await t.request('POST', '/api/v1/webhooks', { token, body: { name: '通知模块', target: 'notification', ...body } });
  expect(res.status).toBe(201);
  return res.body.data as { id: number; secret: string };
};
const emit = (tenantId: number, type: string, entityId: number, payload: Record<string, unknown> = {}) =>
  withTenant(t.ctx.handle.db, tenantId, (tx) => emitEvent(systemScope(tx, tenantId, t.ctx.keyRing, { manager_data_scope: 'all' }, 'test'), { type, entity_type: type.split('.')[0]!, entity_id: entityId, payload }));
const at = (path: string) => received.filter((r) => r.path === path);
const deliveries = async (id: number, query = '') => (await t.request('GET', `/api/v1/webhooks/${id}/deliveries${query}`, { as: 'admin' })).body.data.items;

beforeAll(async () => {
  other = await t.ctx.createTenant();
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      received.push({ path: req.url!, headers: req.headers, body });
      const location = redirects.get(req.url!);
      if (location) return void res.writeHead(302, { Location: location }).end(INTERNAL_ANSWER);
      res.writeHead(answers.get(req.url!) ?? 200, { 'Content-Type': 'text/plain' }).end(answers.get(req.url!) ? INTERNAL_ANSWER : 'ok');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
});
// The harness closes the database itself.
afterAll(() => new Promise((resolve) => receiver.close(resolve)));

describe('webhook subscriptions', () => {
  it('refuse bad input and non-admins, writing nothing', async () => {
    const good = { name: 'x', target: 'host', url: 'https://hooks.example.com/crm', event_types: ['risk_alert.*'] };
    for (const body of [
      { ...good, url: 'ftp://hooks.example.com/crm' },
      { ...good, url: 'https://user:pw@hooks.example.com/crm' },
      { ...good, url: 'not a url' },
      { ...good, event_types: [] },
      { ...good, event_types: ['risk_alert.'] },
      { ...good, event_types: ['*.opened'] },
      { ...good, event_types: ['Risk.opened'] },
      { ...good, target: 'crm' },
      { ...good, secret: 'mine' },
    ]) {
      const res = await t.request('POST', '/api/v1/webhooks', { as: 'admin', body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error).toBe('request.invalid');
    }
    for (const role of ['manager', 'csm', 'auditor']) {
      const token = await t.tenant.token(role);
      expect((await t.request('POST', '/api/v1/webhooks', { token, body: good })).body.error).toBe('auth.forbidden');
      expect((await t.request('GET', '/api/v1/webhooks', { token })).status).toBe(403);
    }
    expect(await t.ctx.handle.db.select().from(webhookSubscriptions).where(eq(webhookSubscriptions.tenant_id, t.tenant.id))).toEqual([]);
  });

  it('show the signing secret once, keep it sealed, and rotate it', async () => {
    const created = await t.request('POST', '/api/v1/webhooks', { as: 'admin', body: { name: '营销自动化', target: 'marketing', url: 'https://mkt.example.com/in', event_types: ['customer.*', 'tag.assigned'] } });
    const hook = created.body.data;
    expect(hook).toMatchObject({ name: '营销自动化', target: 'marketing', url: 'https://mkt.example.com/in', event_types: ['customer.*', 'tag.assigned'], active: true, secret: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) });
    const one = await t.request('GET', `/api/v1/webhooks/${hook.id}`, { as: 'admin' });
    const list = await t.request('GET', '/api/v1/webhooks', { as: 'admin' });
    expect(one.body.data).not.toHaveProperty('secret');
    expect(list.body.data.items.map((h: { id: number }) => h.id)).toContain(hook.id);
    for (const text of [one.text, list.text]) expect(text).not.toContain(hook.secret);
    const [row] = await t.ctx.handle.db.select().from(webhookSubscriptions).where(eq(webhookSubscriptions.id, hook.id));
    expect(row!.secret_enc).not.toContain(hook.secret);
    expect(t.ctx.keyRing.decrypt(row!.secret_enc)).toBe(hook.secret);

    const rotated = await t.request('POST', `/api/v1/webhooks/${hook.id}/rotate-secret`, { as: 'admin' });
    expect(rotated.body.data.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(rotated.body.data.secret).not.toBe(hook.secret);
    const patched = await t.request('PATCH', `/api/v1/webhooks/${hook.id}`, { as: 'admin', body: { active: false, event_types: ['*'] } });
    expect(patched.body.data).toMatchObject({ active: false, event_types: ['*'] });
    for (const body of [{ url: 'javascript:alert(1)' }, {}, { secret: 'mine' }]) expect((await t.request('PATCH', `/api/v1/webhooks/${hook.id}`, { as: 'admin', body })).status).toBe(400);

    const audits = await t.ctx.handle.db.select().from(auditLog).where(and(eq(auditLog.entity_type, 'webhook_subscription'), eq(auditLog.entity_id, String(hook.id))));
    expect(audits.map((a) => a.action)).toEqual(['webhook.created', 'webhook.secret_rotated', 'webhook.updated']);
    expect(JSON.stringify(audits)).not.toContain(hook.secret);
    expect(JSON.stringify(audits)).not.toContain(rotated.body.data.secret);

    expect((await t.request('DELETE', `/api/v1/webhooks/${hook.id}`, { as: 'admin' })).status).toBe(200);
    expect((await t.request('GET', `/api/v1/webhooks/${hook.id}`, { as: 'admin' })).body.error).toBe('webhook.not_found');
  });
});

describe('webhook delivery', () => {
  it('delivers a matching event once, signed, to its tenant only — even when the worker runs twice at once', async () => {
    const alerts = await subscribe(t.as.admin, { url: `${base}/alerts`, event_types: ['risk_alert.*'] });
    const customers = await subscribe(t.as.admin, { name: '主机系统', target: 'host', url: `${base}/customers`, event_types: ['customer.created'] });
    await subscribe(await other.token('admin'), { url: `${base}/other-tenant`, event_types: ['*'] });
    await emit(t.tenant.id, 'risk_alert.opened', 501, { customer_id: 77, cause: 'band_drop' });
    await emit(t.tenant.id, 'contract.expired', 9);

    const now = soon();
    await Promise.all([run(now), run(now)]);
    await run(new Date(now.getTime() + 1_000));

    expect(at('/customers')).toEqual([]);
    expect(at('/other-tenant')).toEqual([]);
    const [request] = at('/alerts');
    expect(at('/alerts')).toHaveLength(1);
    const { headers, body } = request!;
    const timestamp = Math.floor(now.getTime() / 1000);
    expect(headers).toMatchObject({ 'content-type': 'application/json', 'user-agent': 'crm-webhooks/1', 'x-crm-event': 'risk_alert.opened', 'x-crm-timestamp': String(timestamp) });
    expect(verifyWebhook(alerts.secret, headers['x-crm-signature'] as string, headers['x-crm-timestamp'] as string, body, { now })).toBe(true);
    expect(verifyWebhook(customers.secret, headers['x-crm-signature'] as string, headers['x-crm-timestamp'] as string, body, { now })).toBe(false);
    const payload = JSON.parse(body);
    expect(payload).toMatchObject({ id: expect.any(Number), type: 'risk_alert.opened', tenant_id: t.tenant.id, entity_type: 'risk_alert', entity_id: '501', data: { customer_id: 77, cause: 'band_drop' } });
    expect(new Date(payload.occurred_at).toISOString()).toBe(payload.occurred_at);

    const [delivery] = await deliveries(alerts.id, '?status=delivered');
    expect(delivery).toMatchObject({ id: Number(headers['x-crm-delivery']), event_id: payload.id, event_type: 'risk_alert.opened', status: 'delivered', attempts: 1, last_status_code: 200, last_error: null, next_attempt_at: null, delivered_at: expect.any(String) });
    expect(await deliveries(alerts.id, '?status=pending')).toEqual([]);

    // A ping reaches its own subscription only, whatever the others' patterns.
    const ping = await t.request('POST', `/api/v1/webhooks/${customers.id}/ping`, { as: 'admin' });
    expect(ping.status).toBe(202);
    expect(ping.body.data).toMatchObject({ event_type: 'webhook.ping', status: 'pending', attempts: 0 });
    await run(soon());
    expect(at('/customers').map((r) => r.headers['x-crm-event'])).toEqual(['webhook.ping']);
    expect(at('/alerts')).toHaveLength(1);
    expect((await deliveries(customers.id))[0]).toMatchObject({ id: ping.body.data.id, status: 'delivered' });

    // Another tenant sees none of it.
    const foreign = await other.token('admin');
    expect((await t.request('GET', `/api/v1/webhooks/${alerts.id}`, { token: foreign })).status).toBe(404);
    expect((await t.request('POST', `/api/v1/webhook-deliveries/${delivery.id}/redeliver`, { token: foreign })).body.error).toBe('webhook_delivery.not_found');
  });

  it('retries a failing receiver with growing waits, dead-letters it after 8 attempts, and redelivers on request', async () => {
    answers.set('/down', 500);
    const hook = await subscribe(t.as.admin, { name: '故障接收方', target: 'host', url: `${base}/down`, event_types: ['complaint.escalated'] });
    await emit(t.tenant.id, 'complaint.escalated', 31, { level: 2 });

    let now = soon();
    const waits: number[] = [];
    for (let attempt = 1; attempt <= 8; attempt += 1) {
      await run(now);
      const [delivery] = await deliveries(hook.id);
      expect(delivery).toMatchObject({ attempts: attempt, last_status_code: 500, last_error: 'http 500' });
      if (attempt === 8) break;
      expect(delivery.status).toBe('pending');
      const [row] = rawRows<{ next: Date | string }>(await t.ctx.handle.db.execute(sql`select next_attempt_at as next from webhook_deliveries where id = ${delivery.id}`));
      const next = new Date(row!.next);
      waits.push(next.getTime() - now.getTime());
      // Not due before its time.
      await run(new Date(next.getTime() - 1_000));
      expect(at('/down')).toHaveLength(attempt);
      now = next;
    }
    expect(waits).toEqual([30_000, 60_000, 120_000, 240_000, 480_000, 960_000, 1_920_000]);
    expect(at('/down')).toHaveLength(8);
    const [dead] = await deliveries(hook.id, '?status=dead');
    expect(dead).toMatchObject({ status: 'dead', attempts: 8, next_attempt_at: null, delivered_at: null });
    const letters = rawRows<{ payload: { last_error: string } }>(await t.ctx.handle.db.execute(sql`select payload from events where tenant_id = ${t.tenant.id} and type = 'webhook.dead_lettered' and entity_id = ${String(dead.id)}`));
    expect(letters.map((l) => l.payload.last_error)).toEqual(['http 500']);
    const log = await t.request('GET', `/api/v1/webhooks/${hook.id}/deliveries`, { as: 'admin' });
    expect(log.text).not.toContain('receiver down');
    expect(log.text).not.toContain('hunter2');
    await run(new Date(now.getTime() + 7 * 3600_000));
    expect(at('/down')).toHaveLength(8);

    answers.delete('/down');
    const again = await t.request('POST', `/api/v1/webhook-deliveries/${dead.id}/redeliver`, { as: 'admin' });
    expect(again.body.data).toMatchObject({ status: 'pending', attempts: 0 });
    expect((await t.request('POST', `/api/v1/webhook-deliveries/${dead.id}/redeliver`, { as: 'admin' })).body.error).toBe('webhook_delivery.pending');
    await run(soon());
    expect(at('/down')).toHaveLength(9);
    expect((await deliveries(hook.id))[0]).toMatchObject({ id: dead.id, status: 'delivered', attempts: 1, last_status_code: 200, last_error: null });
    const redelivered = await t.request('GET', `/api/v1/audit-log?entity_type=webhook_delivery&entity_id=${dead.id}`, { as: 'admin' });
    expect(redelivered.body.data.items[0]).toMatchObject({ action: 'webhook_delivery.redelivered' });
  });

  it('does not follow a redirect: the 302 is a failed attempt and its target is never asked', async () => {
    redirects.set('/moved', `${base}/moved-to`);
    const hook = await subscribe(t.as.admin, { name: '已迁移', target: 'host', url: `${base}/moved`, event_types: ['contract.renewed'] });
    await emit(t.tenant.id, 'contract.renewed', 41);
    await run(soon());
    expect(at('/moved')).toHaveLength(1);
    expect(at('/moved-to')).toEqual([]);
    const [delivery] = await deliveries(hook.id);
    expect(delivery).toMatchObject({ status: 'pending', attempts: 1, last_status_code: 302, last_error: 'redirect not followed' });
    expect(JSON.stringify(delivery)).not.toContain('hunter2');
  });

  it('records a refused connection as a short fixed reason, not the raw error', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/gone`;
    await new Promise((resolve) => closed.close(resolve));
    const hook = await subscribe(t.as.admin, { name: '已下线', target: 'host', url, event_types: ['contract.terminated'] });
    await emit(t.tenant.id, 'contract.terminated', 42);
    await run(soon());
    expect((await deliveries(hook.id))[0]).toMatchObject({ status: 'pending', attempts: 1, last_status_code: null, last_error: 'connection failed' });
  });

  it('connects to the address it resolved and vetted, with the name kept for the Host header', async () => {
    const port = new URL(base).port;
    const hook = await subscribe(t.as.admin, { name: '按域名', target: 'host', url: `http://receiver.test:${port}/by-name`, event_types: ['contract.signed'] });
    lookups.length = 0;
    await emit(t.tenant.id, 'contract.signed', 43);
    await run(soon());
    expect(lookups).toEqual(['receiver.test']);
    expect(at('/by-name').map((r) => r.headers.host)).toEqual([`receiver.test:${port}`]);
    expect((await deliveries(hook.id))[0]).toMatchObject({ status: 'delivered', last_status_code: 200, last_error: null });
  });

  it('shows a delivery error recorded before failures had fixed reasons as its status only', async () => {
    const hook = await subscribe(t.as.admin, { name: '旧记录', target: 'host', url: `${base}/legacy`, event_types: ['contract.archived'] });
    await emit(t.tenant.id, 'contract.archived', 44);
    await run(soon());
    const [delivery] = await deliveries(hook.id);
    const recorded = async (code: number | null, error: string) => {
      await t.ctx.handle.db.execute(sql`update webhook_deliveries set last_status_code = ${code}, last_error = ${error} where id = ${delivery.id}`);
      return (await deliveries(hook.id))[0].last_error;
    };
    expect(await recorded(500, `HTTP 500: ${INTERNAL_ANSWER}`)).toBe('http 500');
    expect(await recorded(null, 'Error: connect ECONNREFUSED 10.20.0.5:5432')).toBe('connection failed');
    expect(await recorded(503, 'http 503')).toBe('http 503');
  });
});
