import { eq } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from '../../app.ts';
import { users } from '../identity/users.schema.ts';
import { seedDemo } from '../../seed/seed.ts';
import { knownErrorCodes } from '../errors.ts';
import { call, createTestContext, type TestContext } from '../../test-support/index.ts';
import { FuzzRequest, requestArbitrary, resourceOf, type Caller, type IdPool } from '../../test-support/openapi-arbitraries.ts';
import { contractOperations, type ContractOperation, type OpenApiDocument } from '../../test-support/openapi-operations.ts';

/**
 * The whole contract under generated and hostile input: for every operation of `/openapi.json`,
 * requests built from its schemas, now and then with NUL, lone surrogates, 1 MiB strings, deep nesting,
 * huge and negative numbers, bad enums and cursors, impossible dates and wrong types, sent by every kind
 * of caller. No answer may be a 5xx, and every answer must be the envelope (or the CSV/XLSX/iCalendar
 * or probe body that the operation declares).
 *
 * `CRM_FUZZ_RUNS` sets the number of requests (about 2,500 by default, on a new tenant), `CRM_FUZZ_DEMO=1`
 * runs them against the seeded demo tenant, `CRM_FUZZ_SEED` replays a run: a failure prints the seed.
 * `pnpm --filter @crm/api fuzz` is the long run: 20,000 requests on the demo tenant.
 */

const TOTAL_RUNS = Number(process.env.CRM_FUZZ_RUNS ?? 2_500);
/** A request still unanswered after this is a finding too (a lock never released, a loop). */
const ANSWER_WITHIN_MS = 30_000;
const ON_DEMO_TENANT = process.env.CRM_FUZZ_DEMO === '1';
const BASE_SEED = Number(process.env.CRM_FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
const callers = fc.oneof(
  { arbitrary: fc.constant<Caller>('admin'), weight: 4 },
  { arbitrary: fc.constantFrom<Caller>('manager', 'support', 'analyst'), weight: 3 },
  { arbitrary: fc.constant<Caller>('customer'), weight: 2 },
  { arbitrary: fc.constant<Caller>('api_key'), weight: 2 },
  { arbitrary: fc.constant<Caller>('anonymous'), weight: 1 },
);

let ctx: TestContext;
let doc: OpenApiDocument;
/** A fresh integration key: generated requests revoke keys too (DELETE /api-keys/{id}). */
let newApiKey: () => Promise<string>;
const tokens = new Map<Caller, string>();
/** Ids of records seen in answers, by resource and all together: generated paths and bodies pick from them. */
const idPools = new Map<string, number[]>();
const ids: IdPool = {
  pick(resource, n) {
    const own = idPools.get(resource) ?? [];
    const all = idPools.get('*') ?? [];
    // Mostly an id of the right kind, now and then any id (another kind's, or another resource's).
    if (own.length > 0 && n % 5 !== 0) return own[n % own.length]!;
    return all.length > 0 ? all[n % all.length]! : 1 + (n % 5);
  },
};
const statuses = new Map<number, number>();
let requests = 0;
const startedAt = Date.now();

function remember(resource: string, id: number): void {
  const pool = idPools.get(resource) ?? [];
  if (pool.includes(id)) return;
  pool.push(id);
  if (pool.length > 200) pool.shift();
  idPools.set(resource, pool);
}

const isId = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value > 0 && value < 2 ** 31;

/** Every `id` and `…_id` in a value: `contact_id` joins `contacts`, and every id joins `*`. */
function harvestIds(value: unknown, key = ''): void {
  if (Array.isArray(value)) return value.forEach((item) => harvestIds(item, key));
  if (value && typeof value === 'object') return Object.entries(value).forEach(([k, v]) => harvestIds(v, k));
  if (!isId(value) || !(key === 'id' || key.endsWith('_id'))) return;
  if (key !== 'id') remember(resourceOf(key), value);
  remember('*', value);
}

/** The ids of an answer: the records it is about (`data.id`, `data.items[].id`) belong to the resources of its path. */
function harvestAnswer(envelope: { data?: unknown } | null, resources: string[]): void {
  const data = envelope?.data as { id?: unknown; items?: { id?: unknown }[] } | undefined;
  const records = Array.isArray(data?.items) ? data.items : [data];
  for (const record of records) if (isId(record?.id)) resources.forEach((resource) => remember(resource, record.id as number));
  harvestIds(data);
}

/** The static segments of a request's path, as pool names: `/api/v1/tag-groups/7` → `tag_groups`. */
const resourcesOf = (url: string) =>
  url
    .split('?')[0]!
    .split('/')
    .filter((segment) => /^[a-z][a-z-]*$/.test(segment) && segment !== 'api')
    .map((segment) => segment.replaceAll('-', '_'));

type Answer = { status: number; type: string; text: string };

async function send(request: FuzzRequest): Promise<Answer> {
  const headers = { ...request.headers };
  const token = tokens.get(request.caller);
  if (token) headers.Authorization = `Bearer ${token}`;
  let timer: NodeJS.Timeout | undefined;
  const silence = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ANSWER_WITHIN_MS / 1000} s`)), ANSWER_WITHIN_MS);
  });
  const res = await Promise.race([ctx.app.request(request.url, { method: request.method, headers, body: request.body }), silence]).finally(() => clearTimeout(timer));
  const answer = { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text() };
  requests++;
  statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
  if (request.caller === 'api_key' && answer.status === 401) tokens.set('api_key', await newApiKey());
  return answer;
}

/** What is wrong with an answer, or null: never a 5xx, always the envelope unless the operation declares otherwise. */
function answerProblem(operation: ContractOperation, answer: Answer): string | null {
  if (answer.status >= 500) return `answered ${answer.status}`;
  if (answer.status < 300 && operation.rawSuccessTypes.some((type) => answer.type.startsWith(type))) return null;
  if (!answer.type.startsWith('application/json')) return `answered ${answer.status} as ${answer.type || 'no content type'}, not the JSON envelope`;
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(answer.text);
  } catch {
    return 'answered invalid JSON';
  }
  if (operation.bareJsonStatuses.includes(answer.status)) return null;
  if (body?.code !== answer.status) return `envelope code ${String(body?.code)} is not the status ${answer.status}`;
  if (typeof body.message !== 'string' || body.message === '') return 'envelope without a message';
  if (answer.status < 400) return 'data' in body ? null : 'success envelope without data';
  if (typeof body.error !== 'string' || !knownErrorCodes().some((code) => code === body.error)) return `error code ${String(body.error)} is not in the catalogue`;
  if (typeof body.request_id !== 'string' || body.request_id === '') return 'error envelope without request_id';
  return null;
}

/** A new tenant with one customer and a user of each role: quick, for `pnpm test`. */
async function freshTenant(): Promise<void> {
  const tenant = await ctx.createTenant();
  const admin = await tenant.token('admin');
  const customer = await call(ctx.app, 'POST', '/api/v1/customers', {
    token: admin,
    body: { customer_name: '模糊测试科技有限公司', level: 3, contacts: [{ contact_name: '张测试', mobile: '13800138000', email: 'zhang@fuzz.example', is_primary: 1 }] },
  });
  expect(customer.status).toBe(200);
  harvestAnswer(customer.body, ['customers']);
  tokens.set('admin', admin);
  for (const role of ['manager', 'support', 'analyst'] as const) tokens.set(role, await tenant.token(role));
  tokens.set('customer', await tenant.token('customer', { customer_id: customer.body.data.customer_id }));
  newApiKey = () => tenant.integrationKey('模糊测试');
}

/** The demo tenant (`seedDemo`: ~240 customers with contracts, tickets, surveys, health) and its own users: for the long run. */
async function demoTenant(): Promise<void> {
  const seeded = await seedDemo(ctx.handle.db, ctx.keyRing);
  const tenantId = seeded.tenants.find((t) => t.code === 'demo')!.id;
  const demoUsers = await ctx.handle.db.select().from(users).where(eq(users.tenant_id, tenantId));
  for (const caller of ['admin', 'manager', 'support', 'analyst', 'customer'] as const) {
    const user = demoUsers.find((u) => u.username === `${caller}@demo`)!;
    tokens.set(caller, (await ctx.tokens.issue({ sub: String(user.id), tenant_id: tenantId, roles: user.roles, customer_id: user.customer_id })).access_token);
  }
  newApiKey = async () => (await call(ctx.app, 'POST', '/api/v1/api-keys', { token: tokens.get('admin'), body: { name: '模糊测试', scopes: ['integration:write'] } })).body.data.secret;
}

beforeAll(async () => {
  ctx = await createTestContext();
  await (ON_DEMO_TENANT ? demoTenant() : freshTenant());
  tokens.set('api_key', await newApiKey());
  doc = (await call(ctx.app, 'GET', '/openapi.json')).body as OpenApiDocument;
  // One plain read of every list, so that generated requests can name real records from the start.
  for (const operation of contractOperations(doc).filter((op) => op.method === 'GET' && !op.path.includes('{'))) {
    const answer = await send(new FuzzRequest(operation.id, 'GET', operation.path, 'admin', {}, undefined));
    if (answer.type.startsWith('application/json') && answer.status < 300) harvestAnswer(JSON.parse(answer.text), resourcesOf(operation.path));
  }
}, 180_000);

afterAll(async () => {
  const seconds = ((Date.now() - startedAt) / 1000).toFixed(1);
  const byStatus = [...statuses.entries()].sort(([a], [b]) => a - b).map(([status, n]) => `${status}×${n}`).join(' ');
  console.log(`contract fuzz (seed ${BASE_SEED}): ${requests} requests in ${seconds} s; ${byStatus}`);
  await ctx?.close();
});

// `it` needs the operations before the app runs: the same document, built without a database.
const operations = contractOperations(buildOpenApiDocument() as unknown as OpenApiDocument);
const runsPerOperation = Math.max(2, Math.round(TOTAL_RUNS / operations.length));

describe(`every operation of the contract, ${runsPerOperation} generated requests each (CRM_FUZZ_SEED=${BASE_SEED})`, () => {
  it('covers every operation of the served document', () => {
    expect(contractOperations(doc).map((op) => op.id).sort()).toEqual(operations.map((op) => op.id).sort());
  });

  operations.forEach((operation, index) => {
    it(`${operation.method} ${operation.path} never answers 5xx or outside the envelope`, async () => {
      const requests = fc.oneof(
        requestArbitrary(doc, operation, { ids, taint: 'none', callers }),
        { arbitrary: requestArbitrary(doc, operation, { ids, taint: 'one', callers }), weight: 2 },
        requestArbitrary(doc, operation, { ids, taint: 'many', callers }),
      );
      try {
        await fc.assert(
          fc.asyncProperty(requests, async (request) => {
            const answer = await send(request);
            const problem = answerProblem(operation, answer);
            if (problem) throw new Error(`${problem}: ${answer.text.slice(0, 500)}`);
            if (answer.status < 300 && answer.type.startsWith('application/json')) harvestAnswer(JSON.parse(answer.text), resourcesOf(request.url));
          }),
          { numRuns: runsPerOperation, seed: BASE_SEED + index, includeErrorInReport: true },
        );
      } catch (error) {
        throw new Error(`replay with CRM_FUZZ_SEED=${BASE_SEED}\n${error instanceof Error ? error.message : String(error)}`);
      }
    }, 60_000 + runsPerOperation * 3_000);
  });
});
