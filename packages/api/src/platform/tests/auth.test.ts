import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../app.ts';
import { createTokenService } from '../auth/tokens.ts';
import { loadConfig } from '../config.ts';
import { createLogger } from '../logger.ts';
import { call, createTestContext, TEST_PASSWORD, TEST_SECRETS, type TestContext, type TestTenant } from '../../test-support/index.ts';

let ctx: TestContext;
let tenant: TestTenant;

beforeAll(async () => {
  ctx = await createTestContext();
  tenant = await ctx.createTenant();
  await tenant.token('manager', { username: 'mgr@auth' });
});
afterAll(() => ctx.close());

describe('built-in issuer', () => {
  it('issues a token that opens the API', async () => {
    const res = await call(ctx.app, 'POST', '/api/v1/auth/token', { body: { username: 'mgr@auth', password: TEST_PASSWORD } });
    expect(res.status).toBe(200);
    expect(res.body.data.token_type).toBe('Bearer');
    expect(res.body.data.user.roles).toEqual(['manager']);
    const me = await call(ctx.app, 'GET', '/api/v1/auth/me', { token: res.body.data.access_token });
    expect(me.body.data).toMatchObject({ username: 'mgr@auth', tenant_id: tenant.id });
    expect(me.body.data.permissions).toContain('pii:read');
  });

  it('refuses a wrong password without saying whether the user exists', async () => {
    const wrong = await call(ctx.app, 'POST', '/api/v1/auth/token', { body: { username: 'mgr@auth', password: 'nope' } });
    const unknown = await call(ctx.app, 'POST', '/api/v1/auth/token', { body: { username: 'ghost@auth', password: 'nope' } });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.error).toBe(unknown.body.error);
    expect(wrong.body.error).toBe('auth.invalid_credentials');
  });
});

describe('token verification', () => {
  it('answers 401 in the envelope for a missing, malformed or expired token', async () => {
    const missing = await call(ctx.app, 'GET', '/api/v1/customers');
    expect(missing.status).toBe(401);
    expect(missing.body).toMatchObject({ code: 401, error: 'auth.missing_token' });
    expect(missing.body.request_id).toBeTruthy();
    const garbage = await call(ctx.app, 'GET', '/api/v1/customers', { token: 'not.a.jwt' });
    expect(garbage.body.error).toBe('auth.invalid_token');
    const expired = await new SignJWT({ tenant_id: tenant.id, roles: ['admin'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('1')
      .setIssuer('crm-module')
      .setExpirationTime(Math.floor(Date.now() / 1000) - 60)
      .sign(new TextEncoder().encode(TEST_SECRETS.jwtSecret));
    expect((await call(ctx.app, 'GET', '/api/v1/customers', { token: expired })).status).toBe(401);
    const forged = await new SignJWT({ tenant_id: tenant.id, roles: ['admin'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('1')
      .setIssuer('crm-module')
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode('another-secret-another-secret-another'));
    expect((await call(ctx.app, 'GET', '/api/v1/customers', { token: forged })).status).toBe(401);
  });

  it('refuses a correctly signed token that never expires', async () => {
    const forever = await new SignJWT({ tenant_id: tenant.id, roles: ['admin'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('1')
      .setIssuer('crm-module')
      .setIssuedAt()
      .sign(new TextEncoder().encode(TEST_SECRETS.jwtSecret));
    const res = await call(ctx.app, 'GET', '/api/v1/customers', { token: forever });
    expect(res.status).toBe(401);
    expect(res.body.error).toBe('auth.invalid_token');
  });

  it('speaks English when asked', async () => {
    const res = await call(ctx.app, 'GET', '/api/v1/customers', { headers: { 'Accept-Language': 'en-US,en;q=0.9' } });
    expect(res.body.message).toBe('An access token is required');
  });

  it('accepts tokens of the portal auth module through its JWKS URL', async () => {
    const { publicKey, privateKey } = await generateKeyPair('RS256');
    const jwk = { ...(await exportJWK(publicKey)), kid: 'portal-1', alg: 'RS256', use: 'sig' };
    const server: Server = createServer((_req, res) => {
      res.setHeader('Content-Type', 'application/json');
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`;
      const config = loadConfig({ CRM_LOG_LEVEL: 'silent', CRM_JWKS_URL: jwksUrl });
      const tokens = createTokenService({ secret: TEST_SECRETS.jwtSecret, issuer: 'crm-module', ttlSeconds: 60, jwksUrl });
      const app = createApp({ db: ctx.handle.db, config, keyRing: ctx.keyRing, tokens, logger: createLogger('silent') });
      const portalToken = await new SignJWT({ tenant_id: tenant.id, roles: ['analyst'] })
        .setProtectedHeader({ alg: 'RS256', kid: 'portal-1' })
        .setSubject('portal-user-77')
        .setExpirationTime('5m')
        .sign(privateKey);
      const res = await call(app, 'GET', '/api/v1/customers', { token: portalToken });
      expect(res.status).toBe(200);
      const forever = await new SignJWT({ tenant_id: tenant.id, roles: ['analyst'] })
        .setProtectedHeader({ alg: 'RS256', kid: 'portal-1' })
        .setSubject('portal-user-78')
        .sign(privateKey);
      const refused = await call(app, 'GET', '/api/v1/customers', { token: forever });
      expect(refused.status).toBe(401);
      expect(refused.body.error).toBe('auth.invalid_token');
      const write = await call(app, 'POST', '/api/v1/customers', { token: portalToken, body: { customer_name: '分析师不能建客户' } });
      expect(write.status).toBe(403);
      expect(write.body.error).toBe('auth.forbidden');
    } finally {
      server.close();
    }
  });
});
