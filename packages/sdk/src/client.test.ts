import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { addRequirementManager, createTestContext, REQUIREMENT_EXAMPLE, TEST_PASSWORD, type TestContext, type TestTenant } from '@crm/api/test-support';
import committed from '../openapi.json' with { type: 'json' };
import { createCrmClient, CrmError, type CrmClientOptions, type CustomerCreate, type CustomerSummary, type TokenGrant } from './index.ts';

/** The request example of REQ-016 §8, typed as the SDK user would write it. */
const requirementExample: CustomerCreate = { ...REQUIREMENT_EXAMPLE, contacts: [...REQUIREMENT_EXAMPLE.contacts] };

let ctx: TestContext;
let tenant: TestTenant;
let adminToken: string;

/** A client whose requests go straight into the real app, in process. */
const clientFor = (options: Partial<CrmClientOptions> = {}) =>
  createCrmClient({ baseUrl: 'http://crm.test', fetch: (request) => ctx.app.fetch(request), ...options });

beforeAll(async () => {
  ctx = await createTestContext();
  tenant = await ctx.createTenant();
  adminToken = await tenant.token('admin');
  await addRequirementManager(ctx.handle.db, tenant.id);
});
afterAll(() => ctx?.close());

describe('contract', () => {
  it('the running app serves the paths and schemas the SDK was generated from', async () => {
    const { data: served, error } = await clientFor().GET('/openapi.json' as never);
    if (error) throw error;
    const shape = (doc: { paths: unknown; components: { schemas: unknown } }) => ({ paths: doc.paths, schemas: doc.components.schemas });
    expect(shape(served as never)).toEqual(shape(committed));
  });
});

describe('login', () => {
  it('returns the token grant and signs later calls with it', async () => {
    const crm = clientFor();
    const grant = await crm.login(`admin@${tenant.code}`, TEST_PASSWORD);
    expectTypeOf(grant).toEqualTypeOf<TokenGrant>();
    expect(grant.token_type).toBe('Bearer');
    expect(grant.user.roles).toEqual(['admin']);

    const { data, error } = await crm.GET('/api/v1/auth/me');
    expect(error).toBeUndefined();
    expect(data?.username).toBe(`admin@${tenant.code}`);
  });

  it('throws a CrmError for wrong credentials, in the client locale', async () => {
    const failure = await clientFor({ locale: 'en' }).login(`admin@${tenant.code}`, 'wrong-password').catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(CrmError);
    expect(failure).toMatchObject({ status: 401, code: 'auth.invalid_credentials', message: 'Wrong username or password' });
  });
});

describe('customers', () => {
  it('creates the requirement example and reads it back, typed and unwrapped', async () => {
    const crm = clientFor({ token: adminToken });
    const created = await crm.POST('/api/v1/customers', { body: requirementExample });
    expect(created.error).toBeUndefined();
    const customer = created.data!;
    expectTypeOf(customer.customer_id).toEqualTypeOf<number>();
    expect(customer.customer_id).toBeGreaterThan(0);
    expect(customer.customer_code).toMatch(/^CUST\d{12}$/);
    expect(customer).toMatchObject({ customer_name: 'ABC科技有限公司', status: 1 });

    const { data, error, response } = await crm.GET('/api/v1/customers/{id}', { params: { path: { id: customer.customer_id } } });
    if (error) throw error;
    expect(response.headers.get('ETag')).toMatch(/^"customer-\d+-v1"$/);
    expect(data.level).toBe(2);
    expect(data.contacts[0]).toMatchObject({ contact_name: '张总', is_primary: 1, is_decision_maker: 1 });
    expectTypeOf(data.contacts[0]!.contact_name).toEqualTypeOf<string>();
  });

  it('returns a typed CrmError with code and request id for an unknown customer', async () => {
    const { data, error, response } = await clientFor({ token: adminToken }).GET('/api/v1/customers/{id}', { params: { path: { id: 987654321 } } });
    expect(data).toBeUndefined();
    expect(error).toBeInstanceOf(CrmError);
    expect(error).toMatchObject({ status: 404, code: 'customer.not_found', message: '客户不存在' });
    expect(error?.requestId).toBeTruthy();
    expect(error?.requestId).toBe(response.headers.get('X-Request-Id'));
  });

  it('reports a missing token as 401 auth.missing_token', async () => {
    const { error } = await clientFor().GET('/api/v1/customers', {});
    expect(error).toMatchObject({ status: 401, code: 'auth.missing_token' });
  });

  it('asks for English messages when the locale is en', async () => {
    const english = await clientFor({ token: adminToken, locale: 'en' }).GET('/api/v1/customers/{id}', { params: { path: { id: 987654321 } } });
    expect(english.error?.message).toBe('Customer not found');
    expect(english.response.headers.get('Content-Language')).toBe('en');
  });

  it('carries validation issues in details', async () => {
    const { error } = await clientFor({ token: adminToken }).POST('/api/v1/customers', { body: { customer_name: '' } });
    expect(error).toMatchObject({ status: 400, code: 'request.invalid' });
    expect((error?.details as { issues: { path: string }[] }).issues.map((issue) => issue.path)).toContain('customer_name');
  });

  it('passes the Idempotency-Key through: a retried create replays the first result', async () => {
    const crm = clientFor({ token: adminToken });
    const init = {
      params: { header: { 'idempotency-key': `sdk-retry-${Date.now()}` }, query: { force: 'true' as const } },
      body: { customer_name: '幂等重试测试网络科技有限公司' },
    };
    const first = await crm.POST('/api/v1/customers', init);
    const retry = await crm.POST('/api/v1/customers', init);
    expect(first.error).toBeUndefined();
    expect(retry.data?.customer_id).toBe(first.data?.customer_id);
    expect(retry.response.headers.get('Idempotent-Replayed')).toBe('true');
  });
});

describe('paginate', () => {
  it('walks every page and yields each customer exactly once', async () => {
    const own = await ctx.createTenant();
    const token = await own.token('admin');
    const requests: string[] = [];
    const crm = clientFor({
      token,
      fetch: (request) => {
        requests.push(new URL(request.url).search);
        return ctx.app.fetch(request);
      },
    });
    const names = ['北京', '上海', '广州', '深圳', '杭州', '成都', '武汉'].map((city) => `${city}分页测试信息技术有限公司`);
    const ids: number[] = [];
    for (const customer_name of names) {
      const { data, error } = await crm.POST('/api/v1/customers', { params: { query: { force: 'true' } }, body: { customer_name } });
      if (error) throw error;
      ids.push(data.customer_id);
    }
    requests.length = 0;

    const seen: CustomerSummary[] = [];
    for await (const customer of crm.paginate('/api/v1/customers', { params: { query: { limit: 3 } } })) {
      expectTypeOf(customer).toEqualTypeOf<CustomerSummary>();
      seen.push(customer);
    }
    expect(seen.map((c) => c.id).sort((a, b) => a - b)).toEqual([...ids].sort((a, b) => a - b));
    expect(requests).toHaveLength(3);
    expect(requests[0]).not.toContain('cursor=');
    expect(requests.slice(1).every((search) => search.includes('cursor=') && search.includes('limit=3'))).toBe(true);
  });

  it('throws the CrmError of a failed page', async () => {
    const failure = await (async () => {
      for await (const _ of clientFor().paginate('/api/v1/customers')) expect.unreachable();
    })().catch((e: unknown) => e);
    expect(failure).toMatchObject({ status: 401, code: 'auth.missing_token' });
  });
});

describe('transport', () => {
  it('calls an async getToken before every request', async () => {
    let calls = 0;
    const crm = clientFor({
      token: 'ignored-when-getToken-is-set',
      getToken: async () => {
        calls += 1;
        await new Promise((resolve) => setTimeout(resolve, 1));
        return adminToken;
      },
    });
    for (let i = 0; i < 3; i++) {
      const { error } = await crm.GET('/api/v1/auth/me');
      expect(error).toBeUndefined();
    }
    expect(calls).toBe(3);
  });

  it('reports a failing getToken as auth.token_unavailable instead of throwing', async () => {
    const { error } = await clientFor({ getToken: () => Promise.reject(new Error('refresh failed')) }).GET('/api/v1/auth/me');
    expect(error).toMatchObject({ status: 0, code: 'auth.token_unavailable' });
    expect((error?.cause as Error).message).toBe('refresh failed');
  });

  it('returns network failures as CrmError network.error instead of throwing', async () => {
    const crm = createCrmClient({ baseUrl: 'http://crm.test', locale: 'en', fetch: () => Promise.reject(new TypeError('fetch failed')) });
    const { data, error, response } = await crm.GET('/api/v1/auth/me');
    expect(data).toBeUndefined();
    expect(error).toMatchObject({ status: 0, code: 'network.error', message: 'Network error: the server could not be reached' });
    expect(response.type).toBe('error');
  });

  it('returns an aborted request as CrmError request.aborted', async () => {
    // As the platform fetch does: a request whose signal already fired rejects with the signal's reason.
    const crm = clientFor({ token: adminToken, fetch: (request) => (request.signal.aborted ? Promise.reject(request.signal.reason) : ctx.app.fetch(request)) });
    const { error } = await crm.GET('/api/v1/auth/me', { signal: AbortSignal.abort() });
    expect(error).toMatchObject({ status: 0, code: 'request.aborted', message: '请求已取消' });
  });

  it('leaves responses outside the envelope as they are', async () => {
    const { data } = await clientFor().GET('/healthz');
    expect(data).toEqual({ status: 'ok' });
  });
});
