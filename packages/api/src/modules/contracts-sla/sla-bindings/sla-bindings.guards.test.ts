import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { rawRows } from '../../../db/raw-rows.ts';
import { useTestTenant } from '../../../test-support/index.ts';
import { customerWithContact, fire, signedContract } from '../contracts/contracts-test-helpers.ts';
import { activeContract } from './sla-test-helpers.ts';

/**
 * What the database guards whatever the code does: bindings of a contract never overlap, tile its term
 * at commit, never exist for a contract not in force, only ever get shorter; published SLA versions are
 * immutable. Each statement runs as the superuser, bypassing the API on purpose.
 */
const t = useTestTenant(['admin']);

const db = () => t.ctx.handle.db;
/** The database's own message: drizzle wraps it as the cause of "Failed query: …". */
async function refusal(work: Promise<unknown>): Promise<string> {
  try {
    await work;
  } catch (error) {
    const cause = (error as { cause?: { message?: string } }).cause;
    return cause?.message ?? (error as Error).message;
  }
  throw new Error('the database accepted it');
}
type BindingRow = { id: number; sla_version_id: number; customer_id: number; tier_rank: number; lower: string; upper: string };
const bindingsOf = async (contractId: number) =>
  rawRows<BindingRow>(
    await db().execute(
      sql`select id::int, sla_version_id::int, customer_id::int, tier_rank, lower(effective)::text as lower, upper(effective)::text as upper from contract_sla_bindings where tenant_id = ${t.tenant.id} and contract_id = ${contractId} order by lower(effective)`,
    ),
  );

describe('contract_sla_bindings guards', () => {
  it('refuses an overlapping binding', async () => {
    const { contractId } = await activeContract(t.ctx, t.as.admin, '数据库重叠守卫测试有限公司');
    const [binding] = await bindingsOf(contractId);
    expect(await refusal(db().execute(
        sql`insert into contract_sla_bindings (tenant_id, contract_id, customer_id, sla_version_id, tier_rank, effective, trigger, basis, reason)
            values (${t.tenant.id}, ${contractId}, ${binding!.customer_id}, ${binding!.sla_version_id}, 0, tstzrange('2026-03-01 00:00+08', '2026-04-01 00:00+08'), 'manual', 'manual', 'overlap')`,
      ),)).toMatch(/contract_sla_bindings_no_overlap|conflicting key/);
    expect(await bindingsOf(contractId)).toHaveLength(1);
  });

  it('refuses at commit a gap left by deleting or shortening a binding', async () => {
    const { contractId } = await activeContract(t.ctx, t.as.admin, '数据库缺口守卫测试有限公司');
    const [binding] = await bindingsOf(contractId);
    expect(await refusal(db().transaction(async (tx) => tx.execute(sql`delete from contract_sla_bindings where tenant_id = ${t.tenant.id} and id = ${binding!.id}`)))).toMatch(/must cover its term/);
    expect(await refusal(db().transaction(async (tx) =>
        tx.execute(sql`update contract_sla_bindings set effective = tstzrange(lower(effective), '2027-06-01 00:00+08') where tenant_id = ${t.tenant.id} and id = ${binding!.id}`),
      ),)).toMatch(/must cover its term/);
    expect(await bindingsOf(contractId)).toEqual([binding]);
  });

  it('refuses a binding that grows or changes version', async () => {
    const { contractId } = await activeContract(t.ctx, t.as.admin, '数据库只缩短守卫测试有限公司');
    const [binding] = await bindingsOf(contractId);
    expect(await refusal(db().execute(sql`update contract_sla_bindings set effective = tstzrange(lower(effective), upper(effective) + interval '1 day') where id = ${binding!.id} and tenant_id = ${t.tenant.id}`))).toMatch(/only be shortened/);
    expect(await refusal(db().execute(sql`update contract_sla_bindings set sla_version_id = sla_version_id + 1 where id = ${binding!.id} and tenant_id = ${t.tenant.id}`))).toMatch(/only be shortened/);
  });

  it('refuses a binding of a contract that is not in force', async () => {
    const { customerId, contactId } = await customerWithContact(t.ctx, t.as.admin, '数据库草稿守卫测试有限公司');
    const draft = await t.post(`/api/v1/customers/${customerId}/contracts`, { as: 'admin', body: { ...signedContract(t.as.admin), customer_signatory_id: contactId } });
    const [version] = rawRows<{ id: number }>(await db().execute(sql`select id::int from sla_versions where tenant_id = ${t.tenant.id} limit 1`));
    expect(await refusal(db().execute(
        sql`insert into contract_sla_bindings (tenant_id, contract_id, customer_id, sla_version_id, tier_rank, effective, trigger, basis, reason)
            values (${t.tenant.id}, ${draft.body.data.id}, ${customerId}, ${version!.id}, 0, tstzrange('2025-01-01 00:00+08', '2031-01-01 00:00+08'), 'manual', 'manual', 'draft')`,
      ),)).toMatch(/not in force/);
  });

  it('refuses activating a contract without a binding (the code never does; the database would notice)', async () => {
    const { customerId, contactId } = await customerWithContact(t.ctx, t.as.admin, '数据库激活守卫测试有限公司');
    const created = await t.post(`/api/v1/customers/${customerId}/contracts`, { as: 'admin', body: { ...signedContract(t.as.admin), customer_signatory_id: contactId } });
    expect(await refusal(db().execute(sql`update contracts set state = 'active' where tenant_id = ${t.tenant.id} and id = ${created.body.data.id}`))).toMatch(/must cover its term/);
  });
});

describe('sla_versions guards', () => {
  it('refuses changing or deleting a published version but lets it retire', async () => {
    const [version] = rawRows<{ id: number }>(await db().execute(sql`select v.id::int from sla_versions v join sla_tiers t on t.tenant_id = v.tenant_id and t.id = v.tier_id where v.tenant_id = ${t.tenant.id} and t.code = 'premium' and v.version_no = 1`));
    expect(await refusal(db().execute(sql`update sla_versions set targets = '{}'::jsonb where tenant_id = ${t.tenant.id} and id = ${version!.id}`))).toMatch(/cannot be changed/);
    expect(await refusal(db().execute(sql`update sla_versions set availability_target = 99 where tenant_id = ${t.tenant.id} and id = ${version!.id}`))).toMatch(/cannot be changed/);
    expect(await refusal(db().execute(sql`delete from sla_versions where tenant_id = ${t.tenant.id} and id = ${version!.id}`))).toMatch(/cannot be deleted/);
    let retired: string | undefined;
    await db()
      .transaction(async (tx) => {
        await tx.execute(sql`update sla_versions set status = 'retired', retired_at = now() where tenant_id = ${t.tenant.id} and id = ${version!.id}`);
        retired = rawRows<{ status: string }>(await tx.execute(sql`select status from sla_versions where tenant_id = ${t.tenant.id} and id = ${version!.id}`))[0]!.status;
        tx.rollback();
      })
      .catch(() => undefined);
    expect(retired).toBe('retired');
  });
});

describe('service_records partitions', () => {
  it('stores a record in the partition of its month (Beijing time)', async () => {
    const { customerId } = await customerWithContact(t.ctx, t.as.admin, '服务记录分区测试有限公司');
    const rows = rawRows<{ part: string }>(
      await db().execute(
        sql`insert into service_records (tenant_id, opened_at, customer_id, source, external_id, title, priority, status)
            values (${t.tenant.id}, '2026-03-31 23:30+08', ${customerId}, 'itsm', 'T-1', '分区测试', 'P3', 'open') returning tableoid::regclass::text as part`,
      ),
    );
    expect(rows[0]!.part).toBe('service_records_202603');
  });
});

describe('concurrency', () => {
  it('of two concurrent approvals of one contract exactly one wins, and one binding is written', async () => {
    const { customerId, contactId } = await customerWithContact(t.ctx, t.as.admin, '并发审批测试有限公司');
    const created = await t.post(`/api/v1/customers/${customerId}/contracts`, { as: 'admin', body: { ...signedContract(t.as.admin), customer_signatory_id: contactId } });
    const id = created.body.data.id;
    await fire(t.ctx, t.as.admin, id, { event: 'submit' });
    const results = await Promise.all([fire(t.ctx, t.as.admin, id, { event: 'approve' }), fire(t.ctx, t.as.admin, id, { event: 'approve' })]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(await bindingsOf(id)).toHaveLength(1);
    const detail = await t.get(`/api/v1/contracts/${id}`, { as: 'admin' });
    expect(detail.body.data.transitions.filter((t: { event: string }) => t.event === 'approve')).toHaveLength(1);
  });

  it('runs concurrent re-bindings of one contract one after the other; the term stays tiled', async () => {
    const { contractId } = await activeContract(t.ctx, t.as.admin, '并发改绑测试有限公司', { start_date: '2025-01-01', end_date: '2030-12-31' });
    const versions = rawRows<{ id: number }>(await db().execute(sql`select id::int from sla_versions where tenant_id = ${t.tenant.id} and status = 'published' order by id limit 3`));
    const results = await Promise.all(
      versions.map((v, i) => t.post(`/api/v1/contracts/${contractId}/sla-bindings`, { as: 'admin', body: { sla_version_id: v.id, reason: `并发${i}`, effective_from: `${2028 + i}-01-01T00:00:00+08:00` } })),
    );
    expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
    const rows = await bindingsOf(contractId);
    for (let i = 1; i < rows.length; i += 1) expect(new Date(rows[i]!.lower)).toEqual(new Date(rows[i - 1]!.upper));
    expect(new Date(rows[0]!.lower)).toEqual(new Date('2025-01-01T00:00:00+08:00'));
    expect(new Date(rows.at(-1)!.upper)).toEqual(new Date('2031-01-01T00:00:00+08:00'));
  });
});
