import { describe, expect, it } from 'vitest';
import { localDateKey } from '../../../platform/time/local-time.ts';
import { type TestTenant, useTestTenant } from '../../../test-support/index.ts';
import { hasChinaCalendarYear } from './china-calendar.ts';
import type { CalendarYear } from './working-calendar.ts';

const t = useTestTenant(['admin']);

const PATH = '/api/v1/working-calendar';
const read = (token: string) => t.get(PATH, { token });
const etag = (tenant: TestTenant, version: number) => `"working-calendar-${tenant.id}-v${version}"`;
const yearOf = (view: { calendar: { years: CalendarYear[] } }, year: number) => view.calendar.years.find((entry) => entry.year === year);
const deadline = (token: string, query: string) => t.get(`${PATH}/business-time?${query}`, { token });
const between = (token: string, query: string) => t.get(`${PATH}/business-time/between?${query}`, { token });

const YEAR_2030 = {
  holidays: [
    { name: '元旦', start: '2030-01-01', end: '2030-01-01' },
    { name: '春节', start: '2030-02-02', end: '2030-02-09' },
  ],
  adjusted_workdays: [{ date: '2030-01-26', name: '春节' }],
};

describe('GET /api/v1/working-calendar', () => {
  it("starts from mainland China's calendar: 2026 春节 off, its 调休 weekends worked", async () => {
    const res = await read(t.as.admin);
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBe(etag(t.tenant, 0));
    const view = res.body.data;
    expect(view).toMatchObject({ version: 0, override: {}, updated_by: null, updated_at: null });
    expect(view.calendar).toMatchObject({ time_zone: 'Asia/Shanghai', working_hours: [{ start: '09:00', end: '18:00' }], rest_weekdays: [6, 7] });
    const year2026 = yearOf(view, 2026)!;
    expect(year2026.holidays).toContainEqual({ name: '春节', start: '2026-02-15', end: '2026-02-23' });
    expect(year2026.adjusted_workdays).toEqual(expect.arrayContaining([{ date: '2026-02-14', name: '春节' }, { date: '2026-02-28', name: '春节' }]));
    expect(view.known_years).toEqual(expect.arrayContaining([2004, 2025, 2026]));
  });

  it('lists this year and next year as missing while the bundled data lacks them', async () => {
    const thisYear = Number(localDateKey(new Date()).slice(0, 4));
    const view = (await read(t.as.admin)).body.data;
    expect(view.missing_years).toEqual([thisYear, thisYear + 1].filter((year) => !hasChinaCalendarYear(year)));
  });

  it('is readable by every staff role and needs a token', async () => {
    for (const role of ['manager', 'sales', 'csm', 'support', 'analyst', 'auditor']) {
      expect((await read(await t.tenant.token(role))).status).toBe(200);
    }
    expect((await t.get(PATH)).status).toBe(401);
  });
});

describe('PUT /api/v1/working-calendar/years/{year}', () => {
  it('stores a year, shows it in the calendar and the override, and audits it', async () => {
    const fresh = await t.ctx.createTenant();
    const token = await fresh.token('admin');
    const res = await t.put(`${PATH}/years/2030`, { token, body: YEAR_2030 });
    expect(res.status).toBe(200);
    expect(res.body.message).toBe('工作日历已更新');
    expect(res.headers.get('etag')).toBe(etag(fresh, 1));

    const view = (await read(token)).body.data;
    expect(view.version).toBe(1);
    expect(view.override).toEqual({ years: [{ year: 2030, ...YEAR_2030 }] });
    expect(yearOf(view, 2030)).toEqual({ year: 2030, ...YEAR_2030 });
    expect(view.known_years).toContain(2030);
    expect(yearOf(view, 2026)!.holidays).toContainEqual({ name: '春节', start: '2026-02-15', end: '2026-02-23' });
    expect(view.updated_by).toBe(String(await fresh.userIdOf(`admin@${fresh.code}`)));

    // Replacing a bundled year: the tenant sees exactly the list it saved.
    const corrected = { holidays: [{ name: '国庆节', start: '2026-10-01', end: '2026-10-08' }], adjusted_workdays: [] };
    const put2026 = await t.put(`${PATH}/years/2026`, { token, body: corrected, headers: { 'If-Match': etag(fresh, 1) } });
    expect(put2026.status).toBe(200);
    expect(yearOf(put2026.body.data, 2026)).toEqual({ year: 2026, ...corrected });
    expect(put2026.body.data.override.years!.map((y: { year: number }) => y.year)).toEqual([2026, 2030]);

    const log = await t.request('GET', `/api/v1/audit-log?entity_type=working_calendar&entity_id=${fresh.id}`, { token });
    expect(log.status).toBe(200);
    const actions = log.body.data.items.map((e: { action: string }) => e.action);
    expect(actions.filter((a: string) => a === 'working_calendar.year_updated')).toHaveLength(2);
    const first = log.body.data.items.find((e: { after: { year: number } }) => e.after?.year === 2030);
    expect(first).toMatchObject({ before: null, after: { year: 2030, ...YEAR_2030 } });
  });

  it('refuses an invalid year with every issue and changes nothing', async () => {
    const before = (await read(t.as.admin)).body.data;
    const res = await t.put(`${PATH}/years/2030`, {
      token: t.as.admin,
      body: {
        holidays: [{ name: '春节', start: '2030-02-30', end: '2030-03-02' }, { name: '清明', start: '2030-04-06', end: '2030-04-04' }],
        adjusted_workdays: [{ date: '2031-01-05', name: '元旦' }],
      },
    });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 422, error: 'calendar.invalid', message: '工作日历不合法' });
    expect(res.body.request_id).toBeTruthy();
    expect(res.body.details.issues).toHaveLength(3);
    expect(res.body.details.issues.every((issue: { year: number }) => issue.year === 2030)).toBe(true);
    expect((await read(t.as.admin)).body.data).toEqual(before);

    for (const year of ['1969', '20300', 'abcd']) {
      expect((await t.put(`${PATH}/years/${year}`, { as: 'admin', body: YEAR_2030 })).status).toBe(400);
    }
  });
});

describe('PUT /api/v1/working-calendar', () => {
  it('replaces the override, and {} goes back to the bundled calendar', async () => {
    const fresh = await t.ctx.createTenant();
    const token = await fresh.token('admin');
    const override = { working_hours: [{ start: '08:30', end: '12:00' }, { start: '13:00', end: '17:30' }], years: [{ year: 2030, ...YEAR_2030 }] };
    const res = await t.put(PATH, { token, body: override, headers: { 'If-Match': etag(fresh, 0) } });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ version: 1, override });
    expect(res.body.data.calendar.working_hours).toEqual(override.working_hours);

    const reset = await t.put(PATH, { token, body: {} });
    expect(reset.status).toBe(200);
    expect(reset.body.data).toMatchObject({ version: 2, override: {} });
    expect(reset.body.data.calendar.working_hours).toEqual([{ start: '09:00', end: '18:00' }]);
    expect(yearOf(reset.body.data, 2030)).toBeUndefined();
  });

  it('refuses a calendar that would not work, and a malformed body, writing nothing', async () => {
    const fresh = await t.ctx.createTenant();
    const token = await fresh.token('admin');
    const invalid = [
      { working_hours: [{ start: '18:00', end: '09:00' }] },
      { time_zone: 'Mars/Olympus' },
      { rest_weekdays: [0, 8] },
      { years: [{ year: 2030, ...YEAR_2030 }, { year: 2030, holidays: [], adjusted_workdays: [] }] },
      { years: [{ year: 2030, holidays: [{ name: '春节', start: '2030-01-26', end: '2030-01-27' }], adjusted_workdays: [{ date: '2030-01-26', name: '春节' }] }] },
    ];
    for (const body of invalid) {
      const res = await t.put(PATH, { token, body });
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.body.error).toBe('calendar.invalid');
      expect(res.body.details.issues.length).toBeGreaterThan(0);
    }
    const malformed = [{ working_hours: [{ start: '9am', end: '18:00' }] }, { theme: 'dark' }, { years: [{ year: 2030, holidays: [] }] }, []];
    for (const body of malformed) {
      const res = await t.put(PATH, { token, invalidBody: body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error).toBe('request.invalid');
    }
    const view = (await read(token)).body.data;
    expect(view).toMatchObject({ version: 0, override: {} });
    const log = await t.request('GET', `/api/v1/audit-log?entity_type=working_calendar&entity_id=${fresh.id}`, { token });
    expect(log.body.data.items).toEqual([]);
  });

  it('answers 412 to a stale If-Match and keeps the newer change', async () => {
    const fresh = await t.ctx.createTenant();
    const token = await fresh.token('admin');
    const first = await t.put(PATH, { token, body: { rest_weekdays: [7] }, headers: { 'If-Match': etag(fresh, 0) } });
    expect(first.status).toBe(200);
    for (const stale of [etag(fresh, 0), etag(fresh, 5), '"something-else"']) {
      const res = await t.put(PATH, { token, body: { rest_weekdays: [6, 7] }, headers: { 'If-Match': stale } });
      expect(res.status).toBe(412);
      expect(res.body.error).toBe('precondition.failed');
    }
    const stalePut = await t.put(`${PATH}/years/2030`, { token, body: YEAR_2030, headers: { 'If-Match': etag(fresh, 0) } });
    expect(stalePut.status).toBe(412);
    expect((await read(token)).body.data).toMatchObject({ version: 1, override: { rest_weekdays: [7] } });
    expect((await t.put(PATH, { token, body: {}, headers: { 'If-Match': '*' } })).status).toBe(200);
  });

  it('is for admins only', async () => {
    for (const role of ['manager', 'sales', 'csm', 'support', 'auditor']) {
      const token = await t.tenant.token(role);
      const res = await t.put(PATH, { token, body: { rest_weekdays: [7] } });
      expect(res.status).toBe(403);
      expect(res.body.error).toBe('auth.forbidden');
      expect((await t.put(`${PATH}/years/2030`, { token, body: YEAR_2030 })).status).toBe(403);
    }
    expect((await read(t.as.admin)).body.data.version).toBe(0);
  });

  it("changes only the caller's tenant", async () => {
    const other = await t.ctx.createTenant();
    const otherAdmin = await other.token('admin');
    const lunchBreak = { working_hours: [{ start: '09:00', end: '12:00' }, { start: '13:00', end: '18:00' }] };
    expect((await t.put(PATH, { token: otherAdmin, body: lunchBreak })).status).toBe(200);
    expect((await read(otherAdmin)).body.data.calendar.working_hours).toEqual(lunchBreak.working_hours);
    expect((await read(t.as.admin)).body.data).toMatchObject({ version: 0, override: {}, calendar: { working_hours: [{ start: '09:00', end: '18:00' }] } });

    // Monday 2 March 2026, 11:30: one hour is 12:30 in one stretch, 13:30 across the lunch break.
    const query = `from=${encodeURIComponent('2026-03-02T11:30:00+08:00')}&minutes=60`;
    expect((await deadline(t.as.admin, query)).body.data.deadline).toBe('2026-03-02T12:30:00.000+08:00');
    expect((await deadline(otherAdmin, query)).body.data.deadline).toBe('2026-03-02T13:30:00.000+08:00');
  });
});

describe('GET /api/v1/working-calendar/business-time', () => {
  it('counts 5×8 minutes on 调休 weekends and skips 春节', async () => {
    const support = await t.tenant.token('support');
    // Friday 13 Feb 2026 17:30 + 60: half an hour on Friday, the rest on Saturday 14 Feb, a 调休 working day.
    const fri = await deadline(support, `from=${encodeURIComponent('2026-02-13T17:30:00+08:00')}&minutes=60`);
    expect(fri.status).toBe(200);
    expect(fri.body.data).toEqual({ from: '2026-02-13T17:30:00+08:00', minutes: 60, hours: '5x8', deadline: '2026-02-14T09:30:00.000+08:00' });
    // Saturday 14 Feb 17:00 + 120: one hour that day, then 春节 15–23 Feb, then Tuesday 24 Feb.
    const sat = await deadline(support, `from=2026-02-14T09:00:00Z&minutes=120&hours=5x8`);
    expect(sat.body.data.deadline).toBe('2026-02-24T10:00:00.000+08:00');
    const roundTheClock = await deadline(support, `from=2026-02-14T09:00:00Z&minutes=120&hours=7x24`);
    expect(roundTheClock.body.data.deadline).toBe('2026-02-14T19:00:00.000+08:00');

    const span = await between(support, `from=2026-02-14T09:00:00Z&to=${encodeURIComponent('2026-02-24T10:00:00+08:00')}`);
    expect(span.status).toBe(200);
    expect(span.body.data.minutes).toBe(120);
    const backwards = await between(support, `from=${encodeURIComponent('2026-02-24T10:00:00+08:00')}&to=2026-02-14T09:00:00Z&hours=7x24`);
    expect(backwards.body.data.minutes).toBe(-(9 * 24 * 60 + 17 * 60));
  });

  it('puts a deadline that uses up the working day at its closing time, and answers 0 minutes with `from` itself', async () => {
    const support = await t.tenant.token('support');
    const at = async (from: string, minutes: number) => (await deadline(support, `from=${encodeURIComponent(from)}&minutes=${minutes}`)).body.data.deadline;
    // The 调休 Saturday 14 Feb 2026 ends at 18:00; 春节 follows, so the next service minute is Tuesday 24 Feb.
    expect(await at('2026-02-14T09:00:00+08:00', 540)).toBe('2026-02-14T18:00:00.000+08:00');
    expect(await at('2026-02-14T18:00:00+08:00', 0)).toBe('2026-02-14T18:00:00.000+08:00');
    expect(await at('2026-02-14T18:00:00+08:00', 1)).toBe('2026-02-24T09:01:00.000+08:00');
    expect(await at('2026-02-16T20:00:00+08:00', 0)).toBe('2026-02-16T20:00:00.000+08:00');
  });

  it('answers 400 request.invalid to bad input', async () => {
    const bad = [
      deadline(t.as.admin, 'from=yesterday&minutes=60'),
      deadline(t.as.admin, 'from=2026-02-14T17:00:00&minutes=60'),
      deadline(t.as.admin, 'from=2026-02-14T09:00:00Z&minutes=-1'),
      deadline(t.as.admin, 'from=2026-02-14T09:00:00Z&minutes=1.5'),
      deadline(t.as.admin, 'from=2026-02-14T09:00:00Z'),
      deadline(t.as.admin, 'from=2026-02-14T09:00:00Z&minutes=60&hours=24x7'),
      between(t.as.admin, 'from=2026-02-14T09:00:00Z&to=2026-02-31T09:00:00Z'),
      between(t.as.admin, 'from=2000-01-01T00:00:00Z&to=2026-01-01T00:00:00Z'),
    ];
    for (const res of await Promise.all(bad)) {
      expect(res.status, res.text).toBe(400);
      expect(res.body.error).toBe('request.invalid');
    }
    expect((await t.get(`${PATH}/business-time?from=2026-02-14T09:00:00Z&minutes=1`)).status).toBe(401);
  });
});
