import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../app.ts';
import { loadConfig } from '../../../platform/config.ts';
import { createLogger } from '../../../platform/logger.ts';
import { TEST_PASSWORD, useTestTenant } from '../../../test-support/index.ts';

const t = useTestTenant([]);
let owner: string;

beforeAll(async () => {
  owner = `admin@${t.tenant.code}`;
  await t.tenant.token('admin', { username: owner });
});

/** A fresh app (so a fresh sign-in throttle) over the shared test database. */
const freshApp = (env: Record<string, string> = {}) =>
  createApp({ db: t.ctx.handle.db, config: loadConfig({ CRM_LOG_LEVEL: 'silent', ...env }), keyRing: t.ctx.keyRing, tokens: t.ctx.tokens, logger: createLogger('silent') });

type Client = { peer: string; forwardedFor?: string };

/**
 * `POST /api/v1/auth/token` as it reaches the server from a socket peer: @hono/node-server hands the
 * Node request to the app as `env.incoming`, which is where the client's address comes from.
 */
async function signIn(app: ReturnType<typeof freshApp>, client: Client, username: string, password: string) {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (client.forwardedFor) headers['X-Forwarded-For'] = client.forwardedFor;
  const res = await app.request(
    '/api/v1/auth/token',
    { method: 'POST', headers, body: JSON.stringify({ username, password }) },
    { incoming: { socket: { remoteAddress: client.peer } } },
  );
  return { status: res.status, body: await res.json(), retryAfter: res.headers.get('Retry-After') };
}

describe('sign-in throttling', () => {
  it('slows a client that guesses one account down, while the owner signs in from elsewhere', async () => {
    const app = freshApp();
    const guesser = { peer: '198.51.100.21' };
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await signIn(app, guesser, owner, `guess-${i}`)).status);
    expect(statuses.slice(0, 3)).toEqual([401, 401, 401]);
    expect(statuses.slice(3)).toEqual(Array(7).fill(429));

    // The guesser learns nothing from the right password while it is held back.
    const refused = await signIn(app, guesser, owner, TEST_PASSWORD);
    expect(refused.status).toBe(429);
    expect(refused.body.error).toBe('auth.locked');

    const ownerLogin = await signIn(app, { peer: '192.0.2.44' }, owner, TEST_PASSWORD);
    expect(ownerLogin.status).toBe(200);
    expect(ownerLogin.body.data.user.username).toBe(owner);
  });

  it('30+ wrong tries from one client do not stop the right password from another', async () => {
    const app = freshApp();
    const sprayer = { peer: '198.51.100.22' };
    const statuses: number[] = [];
    for (let i = 0; i < 35; i++) statuses.push((await signIn(app, sprayer, i < 3 ? owner : `nobody${i}@${t.tenant.code}`, `spray-${i}`)).status);
    expect(statuses.slice(0, 30)).toEqual(Array(30).fill(401));
    expect(statuses.slice(30)).toEqual(Array(5).fill(429));

    const ownerLogin = await signIn(app, { peer: '192.0.2.45' }, owner, TEST_PASSWORD);
    expect(ownerLogin.status).toBe(200);
  });

  it('lets no more guesses through when they arrive all at once', async () => {
    const app = freshApp();
    const burst = await Promise.all(Array.from({ length: 12 }, (_, i) => signIn(app, { peer: '198.51.100.23' }, owner, `burst-${i}`)));
    const statuses = burst.map((r) => r.status);
    expect(statuses.filter((s) => s === 401).length).toBe(3);
    expect(statuses.filter((s) => s === 429).length).toBe(9);
  });

  it('keys the client on the socket: rotating X-Forwarded-For from an untrusted peer does not reset the limit', async () => {
    const app = freshApp();
    const statuses: number[] = [];
    for (let i = 0; i < 35; i++) {
      const res = await signIn(app, { peer: '198.51.100.24', forwardedFor: `203.0.113.${i + 1}` }, `ghost${i}@${t.tenant.code}`, 'x');
      statuses.push(res.status);
    }
    expect(statuses.slice(0, 30)).toEqual(Array(30).fill(401));
    expect(statuses.slice(30)).toEqual(Array(5).fill(429));

    const onOneAccount: number[] = [];
    for (let i = 0; i < 5; i++) onOneAccount.push((await signIn(app, { peer: '198.51.100.25', forwardedFor: `203.0.113.${100 + i}` }, owner, 'x')).status);
    expect(onOneAccount).toEqual([401, 401, 401, 429, 429]);
  });

  it('behind a proxy named in CRM_TRUSTED_PROXIES, tells clients apart by the right-most untrusted hop', async () => {
    const app = freshApp({ CRM_TRUSTED_PROXIES: '10.0.0.0/8, 192.0.2.200' });
    const viaProxy = (forwardedFor: string) => ({ peer: '10.0.0.2', forwardedFor });
    for (let i = 0; i < 3; i++) expect((await signIn(app, viaProxy('203.0.113.10'), owner, `wrong-${i}`)).status).toBe(401);
    expect((await signIn(app, viaProxy('203.0.113.10'), owner, 'wrong-3')).status).toBe(429);

    // The same client, putting a made-up address in front of the one the proxy appends, is still itself;
    // so it is behind a second trusted proxy.
    expect((await signIn(app, viaProxy('203.0.113.99, 203.0.113.10'), owner, TEST_PASSWORD)).status).toBe(429);
    expect((await signIn(app, viaProxy('203.0.113.10, 10.0.0.7'), owner, TEST_PASSWORD)).status).toBe(429);
    expect((await signIn(app, { peer: '::ffff:192.0.2.200', forwardedFor: '203.0.113.10' }, owner, TEST_PASSWORD)).status).toBe(429);

    // Another client behind the same proxy is not held back.
    expect((await signIn(app, viaProxy('203.0.113.20'), owner, TEST_PASSWORD)).status).toBe(200);
    expect((await signIn(app, viaProxy('203.0.113.99, 203.0.113.20'), owner, TEST_PASSWORD)).status).toBe(200);
  });

  it('over a real socket, reads the peer address from it (here a trusted proxy on loopback)', async () => {
    const server = serve({ fetch: freshApp({ CRM_TRUSTED_PROXIES: '127.0.0.1' }).fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/auth/token`;
      const tryAs = async (forwardedFor: string, password: string) => {
        const body = JSON.stringify({ username: owner, password });
        return (await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': forwardedFor }, body })).status;
      };
      const distinct: number[] = [];
      for (let i = 0; i < 5; i++) distinct.push(await tryAs(`203.0.113.${i + 1}`, `socket-${i}`));
      expect(distinct).toEqual([401, 401, 401, 401, 401]);
      const same: number[] = [];
      for (let i = 0; i < 4; i++) same.push(await tryAs('203.0.113.50', `socket-${i}`));
      expect(same).toEqual([401, 401, 401, 429]);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('says when to try again, in Retry-After and in the envelope, and means it', async () => {
    const app = freshApp();
    const client = { peer: '198.51.100.26' };
    for (let i = 0; i < 3; i++) await signIn(app, client, owner, `wrong-${i}`);
    const refused = await signIn(app, client, owner, TEST_PASSWORD);
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ code: 429, error: 'auth.locked', details: { retry_after_seconds: 1 } });
    expect(refused.retryAfter).toBe('1');

    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect((await signIn(app, client, owner, TEST_PASSWORD)).status).toBe(200);
  });
});
