import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { rawRows } from '../../../db/raw-rows.ts';
import { addDays, businessDate } from '../../../platform/time/calendar-date.ts';
import { useTestTenant } from '../../../test-support/index.ts';
import { customerWithContact } from '../../contracts-sla/contracts/contracts-test-helpers.ts';
import { runHealthRecompute } from './health.jobs.ts';

const t = useTestTenant([]);
let apiKey: string;
let customerId: number;
let quietId: number;

const today = businessDate(new Date());
const at = (day: string, time: string) => new Date(`${day}T${time}+08:00`);
const run = (now: Date) => runHealthRecompute({ db: t.ctx.handle.db, keyRing: t.ctx.keyRing }, now);
const opened = addDays(today, -3);
const pushTicket = (externalId: string, fields: object = {}) =>
  t.put(`/api/v1/integrations/tickets/itsm/${externalId}`, {
    headers: { 'X-Api-Key': apiKey },
    body: { customer: { id: customerId }, title: '邮件服务器无法收信', priority: 'P3', status: 'resolved', opened_at: `${opened}T09:00:00+08:00`, first_response_at: `${opened}T09:05:00+08:00`, resolved_at: `${opened}T10:00:00+08:00`, satisfaction_rating: 5, ...fields },
  });
const scoreRow = async (id: number) =>
  rawRows<{ score: number; trigger: string }>(await t.ctx.handle.db.execute(sql`select score, trigger from health_scores where tenant_id = ${t.tenant.id} and customer_id = ${id}`))[0];
const cursor = async () => rawRows<{ last_event_id: number }>(await t.ctx.handle.db.execute(sql`select last_event_id::int from health_event_cursors where tenant_id = ${t.tenant.id}`))[0]?.last_event_id;
const lastRelevantEvent = async () =>
  rawRows<{ id: number }>(await t.ctx.handle.db.execute(sql`select max(id)::int as id from events where tenant_id = ${t.tenant.id} and (type like 'service_record.%' or type like 'contract.%' or type like 'usage.%')`))[0]!.id;

beforeAll(async () => {
  const admin = await t.tenant.token('admin');
  apiKey = await t.tenant.integrationKey('工单系统');
  customerId = (await customerWithContact(t.ctx, admin, '事件驱动科技有限公司')).customerId;
  quietId = (await customerWithContact(t.ctx, admin, '安静贸易有限公司')).customerId;
});

describe('runHealthRecompute', () => {
  it('recomputes the customers named by new events, advances the cursor, and a second run does nothing', async () => {
    expect((await pushTicket('INC-1')).status).toBe(200);
    const first = await run(at(today, '01:00:00'));
    expect(first).toMatchObject({ failures: 0, nightly_tenants: 0 });
    expect(first.events).toBeGreaterThanOrEqual(1);
    expect(await scoreRow(customerId)).toMatchObject({ trigger: 'service_record.created' });
    expect(await scoreRow(quietId)).toBeUndefined();
    expect(await cursor()).toBe(await lastRelevantEvent());
    const before = (await scoreRow(customerId))!.score;

    expect(await run(at(today, '01:01:00'))).toMatchObject({ events: 0, recomputed: 0 });

    const breaching = await pushTicket('INC-2', { priority: 'P1', satisfaction_rating: 1, first_response_at: `${opened}T15:00:00+08:00`, resolved_at: `${opened}T23:00:00+08:00` });
    expect(breaching.status).toBe(200);
    const third = await run(at(today, '01:02:00'));
    expect(third).toMatchObject({ events: 2, recomputed: 1 });
    expect((await scoreRow(customerId))!.score).toBeLessThan(before);
    expect(await cursor()).toBe(await lastRelevantEvent());
  });

  it('runs the nightly full recompute once per business day, after 02:00', async () => {
    const nightly = await run(at(today, '03:00:00'));
    expect(nightly).toMatchObject({ nightly_tenants: 1, nightly_customers: 2, failures: 0 });
    expect(await scoreRow(quietId)).toMatchObject({ trigger: 'nightly' });
    expect(await run(at(today, '04:00:00'))).toMatchObject({ nightly_tenants: 0, nightly_customers: 0 });
    const history = rawRows<{ n: number }>(await t.ctx.handle.db.execute(sql`select count(*)::int as n from health_score_history where tenant_id = ${t.tenant.id} and day = ${today}`));
    expect(history[0]!.n).toBe(2);
    const tomorrow = addDays(today, 1);
    expect(await run(at(tomorrow, '01:30:00'))).toMatchObject({ nightly_tenants: 0 });
    expect(await run(at(tomorrow, '02:30:00'))).toMatchObject({ nightly_tenants: 1, nightly_customers: 2 });
  });
});
