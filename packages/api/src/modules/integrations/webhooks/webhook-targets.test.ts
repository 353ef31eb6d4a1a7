import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeDns } from '../../../test-support/fake-dns.ts';
import { useTestTenant } from '../../../test-support/index.ts';
import { runWebhookDeliveries } from './webhooks.jobs.ts';
import { webhookSubscriptions } from './webhooks.schema.ts';

// CRM_WEBHOOK_ALLOW_PRIVATE is off here, as in production and in the demo. Host names resolve through this
// table only (no DNS traffic); 93.184.215.14 stands for any public address and is never connected to.
const PUBLIC = '93.184.215.14';
const dnsAnswers = new Map<string, string[]>([
  ['hooks.example.com', [PUBLIC]],
  ['127.0.0.1.nip.io', ['127.0.0.1']],
  ['metadata.example', ['169.254.169.254']],
  ['intranet.example', ['10.0.0.1']],
  ['v6-loopback.example', ['::1']],
  ['mixed.example', [PUBLIC, '127.0.0.1']],
  ['rebound.example', ['127.0.0.1']],
]);
const { resolveHost, lookups } = fakeDns(dnsAnswers);

const t = useTestTenant(['admin'], { resolveHost });
let receiver: Server;
let port: number;
const reached: string[] = [];

const run = () => runWebhookDeliveries({ db: t.ctx.handle.db, keyRing: t.ctx.keyRing, random: () => 0.5, resolveHost }, new Date(Date.now() + 60_000));
const subscriptionCount = async () => (await t.ctx.handle.db.select().from(webhookSubscriptions).where(eq(webhookSubscriptions.tenant_id, t.tenant.id))).length;

beforeAll(async () => {
  receiver = createServer((req, res) => {
    reached.push(req.url!);
    res.writeHead(200).end('internal service answer');
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  port = (receiver.address() as AddressInfo).port;
});
// The harness closes the database itself.
afterAll(() => new Promise((resolve) => receiver.close(resolve)));

/** Every spelling of an internal target the issue lists, and more of the same ranges. */
const INTERNAL_TARGETS = [
  'http://127.0.0.1/hook',
  'http://localhost:8080/hook',
  'http://app.localhost/hook',
  'http://[::1]/hook',
  'http://0x7f000001/hook',
  'http://2130706433/hook',
  'http://0177.0.0.1/hook',
  'http://0.0.0.0/hook',
  'http://169.254.169.254/latest/meta-data/',
  'http://10.0.0.1/hook',
  'http://192.168.1.1/hook',
  'https://172.16.5.4/hook',
  'http://100.64.0.1/hook',
  'http://224.0.0.1/hook',
  'http://[::ffff:127.0.0.1]/hook',
  'http://[::ffff:a00:1]/hook',
  'http://[fd00::1]/hook',
  'http://[fe80::1]/hook',
  'http://[ff02::1]/hook',
  'http://127.0.0.1.nip.io/hook',
  'http://metadata.example/hook',
  'http://intranet.example/hook',
  'http://v6-loopback.example/hook',
  'http://mixed.example/hook',
];

describe('webhook targets, with private targets not allowed', () => {
  it('refuses an internal target at subscription (422, the reason named) and writes nothing', async () => {
    for (const url of INTERNAL_TARGETS) {
      const res = await t.post('/api/v1/webhooks', { as: 'admin', headers: { 'Accept-Language': 'en' }, body: { name: '内网', target: 'host', url, event_types: ['*'] } });
      expect(res.status, url).toBe(422);
      expect(res.body, url).toMatchObject({ error: 'webhook.target_refused', details: { field: 'url', reason: 'private address' } });
      // The tenant learns nothing of the internal network: not the address a name resolved to.
      expect(res.text, url).not.toMatch(/10\.0\.0\.1"|169\.254|::1"|127\.0\.0\.1"/);
    }
    expect(await subscriptionCount()).toBe(0);

    const hook = await t.post('/api/v1/webhooks', { as: 'admin', body: { name: '主机系统', target: 'host', url: 'https://hooks.example.com/crm', event_types: ['*'] } });
    expect(hook.status).toBe(201);
    for (const url of INTERNAL_TARGETS) {
      const res = await t.patch(`/api/v1/webhooks/${hook.body.data.id}`, { as: 'admin', body: { url } });
      expect(res.status, url).toBe(422);
      expect(res.body.details, url).toEqual({ field: 'url', reason: 'private address' });
    }
    expect((await t.get(`/api/v1/webhooks/${hook.body.data.id}`, { as: 'admin' })).body.data.url).toBe('https://hooks.example.com/crm');
    expect(await subscriptionCount()).toBe(1);
    await t.delete(`/api/v1/webhooks/${hook.body.data.id}`, { as: 'admin' });
  });

  it('never connects to an internal target at delivery, whatever the stored URL says or the name resolves to', async () => {
    const hook = (await t.post('/api/v1/webhooks', { as: 'admin', body: { name: '主机系统', target: 'host', url: 'https://hooks.example.com/crm', event_types: ['webhook.ping'] } })).body.data;
    // Each of these reaches the local receiver if connected to (0.0.0.0 and ::ffff:127.0.0.1 are loopback too).
    const stored = [
      `http://127.0.0.1:${port}/literal`,
      `http://localhost:${port}/localhost`,
      `http://0x7f000001:${port}/hex`,
      `http://2130706433:${port}/decimal`,
      `http://0177.0.0.1:${port}/octal`,
      `http://0.0.0.0:${port}/unspecified`,
      `http://[::ffff:127.0.0.1]:${port}/mapped`,
      `http://[::1]:${port}/v6`,
      `http://127.0.0.1.nip.io:${port}/nip`,
      `http://rebound.example:${port}/rebound`,
      `http://mixed.example:${port}/mixed`,
    ];
    for (const url of stored) {
      // As if the row had been written before the check existed, or behind the API's back.
      await t.ctx.handle.db.update(webhookSubscriptions).set({ url }).where(eq(webhookSubscriptions.id, hook.id));
      const ping = await t.post(`/api/v1/webhooks/${hook.id}/ping`, { as: 'admin' });
      expect(ping.status).toBe(202);
      lookups.length = 0;
      await run();
      expect(reached, url).toEqual([]);
      const [delivery] = (await t.get(`/api/v1/webhooks/${hook.id}/deliveries`, { as: 'admin' })).body.data.items;
      expect(delivery, url).toMatchObject({ id: ping.body.data.id, status: 'pending', attempts: 1, last_status_code: null, last_error: 'refused: private address' });
      const host = new URL(url).hostname;
      if (dnsAnswers.has(host)) expect(lookups, url).toContain(host);
    }
  });
});
