import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customerContacts } from '../modules/customers/contacts/contacts.schema.ts';
import { customers } from '../modules/customers/customers/customers.schema.ts';
import { sealField } from '../platform/crypto/field-crypto.ts';
import { createKeyRing } from '../platform/crypto/key-ring.ts';
import { PII_FIELDS, type PiiField } from '../platform/crypto/pii.ts';
import { call, createTestContext, TEST_SECRETS, type TestContext } from '../test-support/index.ts';
import { encryptedTables, rotateEncryptionKeys } from './key-rotation.ts';

// The same key material as the test app's ring (t2 active, t1 retired), so the app reads what this seeds.
const K1 = Buffer.alloc(32, 1).toString('base64');
const K2 = Buffer.alloc(32, 2).toString('base64');
const oldRing = createKeyRing({ keys: `t1:${K1}`, blindIndexKey: TEST_SECRETS.blindIndexKey });
const newRing = createKeyRing({ keys: `t2:${K2},t1:${K1}`, blindIndexKey: TEST_SECRETS.blindIndexKey });
const onlyNewKey = createKeyRing({ keys: `t2:${K2}`, blindIndexKey: TEST_SECRETS.blindIndexKey });

type Plain = Partial<Record<PiiField, string>>;
const seeded: { id: number; tenantId: number; plain: Plain }[] = [];
let ctx: TestContext;
let tenantIds: number[];
let firstCustomer: number;

async function seed(tenantId: number, name: string, contacts: Plain[], ring = oldRing) {
  const db = ctx.handle.db;
  const [customer] = await db.insert(customers).values({ tenant_id: tenantId, customer_code: `K${name}`, customer_name: name, name_normalized: name }).returning({ id: customers.id });
  for (const plain of contacts) {
    const sealed: Record<string, string | null> = {};
    for (const field of PII_FIELDS) {
      const { enc, bidx } = sealField(ring, field, plain[field]);
      sealed[`${field}_enc`] = enc;
      sealed[`${field}_bidx`] = bidx;
    }
    const [row] = await db.insert(customerContacts).values({ tenant_id: tenantId, customer_id: customer!.id, contact_name: name, ...sealed }).returning({ id: customerContacts.id });
    seeded.push({ id: row!.id, tenantId, plain });
  }
  return customer!.id;
}

const stored = () => ctx.handle.db.select().from(customerContacts).where(inArray(customerContacts.id, seeded.map((s) => s.id)));

beforeAll(async () => {
  ctx = await createTestContext();
  const a = await ctx.createTenant();
  const b = await ctx.createTenant();
  tenantIds = [a.id, b.id];
  firstCustomer = await seed(a.id, '轮换甲', [
    { mobile: '13811112222', email: 'a1@rotate.cn' },
    { phone: '010-66668888', wechat: 'rotate_wx01' },
    { mobile: '13833334444' },
  ]);
  await seed(b.id, '轮换乙', [{ email: 'b1@rotate.cn', mobile: '13955556666' }, {}]);
  await seed(b.id, '轮换丙', [{ mobile: '13977778888' }], newRing);
});
afterAll(() => ctx.close());

describe('rotateEncryptionKeys', () => {
  it('finds the encrypted columns and, in a dry run, counts without changing anything', async () => {
    expect(await encryptedTables(ctx.handle.db)).toContainEqual({ table: 'customer_contacts', columns: ['email_enc', 'mobile_enc', 'phone_enc', 'wechat_enc'] });
    const before = await stored();
    const dry = await rotateEncryptionKeys(ctx.handle.db, newRing, { dryRun: true });
    expect(dry).toMatchObject({ dryRun: true, activeKeyId: 't2', rows: 4, values: 7 });
    expect(await stored()).toEqual(before);
  });

  it('re-encrypts every value under the active key, tenant by tenant in batches, keeping plaintext, blind indexes and versions', async () => {
    const before = new Map((await stored()).map((row) => [row.id, row]));
    const progress: { tenantId: number; rows: number }[] = [];
    const report = await rotateEncryptionKeys(ctx.handle.db, newRing, { batchSize: 2, onProgress: (p) => progress.push(p) });
    expect(report).toMatchObject({ dryRun: false, rows: 4, values: 7 });
    expect(report.tenants).toBeGreaterThanOrEqual(2);
    expect(progress.map((p) => [p.tenantId, p.rows])).toEqual([[tenantIds[0], 2], [tenantIds[0], 1], [tenantIds[1], 1]]);

    for (const row of await stored()) {
      const { plain } = seeded.find((s) => s.id === row.id)!;
      const old = before.get(row.id)!;
      for (const field of PII_FIELDS) {
        const enc = row[`${field}_enc`];
        expect(row[`${field}_bidx`]).toBe(old[`${field}_bidx`]);
        if (!plain[field]) {
          expect(enc).toBeNull();
          continue;
        }
        expect(newRing.keyIdOf(enc!)).toBe('t2');
        expect(onlyNewKey.decrypt(enc!)).toBe(plain[field]);
      }
      expect(row.version).toBe(old.version);
      expect(row.updated_at).toEqual(old.updated_at);
    }
  });

  it('changes nothing on a second run', async () => {
    const before = await stored();
    expect(await rotateEncryptionKeys(ctx.handle.db, newRing)).toMatchObject({ rows: 0, values: 0 });
    expect(await stored()).toEqual(before);
  });

  it('leaves data the app still reads and finds by phone', async () => {
    const tenant = { id: tenantIds[0]! };
    const token = (await ctx.tokens.issue({ sub: 'rotation-check', tenant_id: tenant.id, roles: ['admin'], customer_id: null })).access_token;
    const detail = await call(ctx.app, 'GET', `/api/v1/customers/${firstCustomer}`, { token });
    expect(detail.body.data.contacts.map((c: { mobile: string | null }) => c.mobile)).toContain('13811112222');
    const found = await call(ctx.app, 'GET', '/api/v1/customers?q=13833334444', { token });
    expect(found.body.data.items.map((c: { id: number }) => c.id)).toEqual([firstCustomer]);
    const [row] = await ctx.handle.db.select().from(customerContacts).where(eq(customerContacts.id, seeded[0]!.id));
    expect(row!.mobile_enc).not.toContain('13811112222');
  });
});
