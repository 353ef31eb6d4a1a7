import { seededRandom } from '../../../seed/seeded-random.ts';
import type { ChurnExample } from './churn-model.ts';
import type { HealthFeatures } from './health-features.ts';

/** How a simulated customer behaves; kept for analysis, never shown to the model. */
export type ChurnProfile = 'stayer' | 'stayer-with-bad-spell' | 'gradual-churner' | 'late-churner';

/** One customer's monthly feature snapshots until it left (or the history ended). */
export type CustomerHistory = {
  customer_code: string;
  level: number;
  profile: ChurnProfile;
  /** Day (from the start of the history) the customer left, null if it stayed. */
  churned_on_day: number | null;
  churned_on: string | null;
  snapshots: { day: number; as_of: string; features: HealthFeatures }[];
};

export type ChurnHistory = { seed: number; start: string; days: number; customers: CustomerHistory[] };

export type ChurnHistoryOptions = { seed?: number; customers?: number; months?: number; start?: string };

const MONTH = 30;
const WARMUP = 24; // months simulated before the first snapshot, so 12-month windows and trends exist
const LEVEL_SHARES = [0.5, 0.3, 0.15, 0.05];
const ANNUAL_CHURN_BY_LEVEL = [0.19, 0.15, 0.1, 0.06];
const TICKETS_PER_MONTH_BY_LEVEL = [2, 4, 8, 15];
const REVENUE_PER_MONTH_BY_LEVEL = [8_000, 25_000, 80_000, 250_000];
const LOGINS_PER_MONTH_BY_LEVEL = [12, 25, 45, 80];

/**
 * A seeded, realistic history of an MSP's customers for training and backtesting the churn model.
 *
 * Every customer gets a level (1–4, half of them level 1), a size, a contract anniversary and a tenure. Each
 * month a hidden strain `h` drives what the CRM records: tickets (level- and size-dependent volume, seasonal,
 * up with strain), P1 share and SLA breaches, ticket ratings (only ~65% of customers rate), complaints and how
 * long they stay open, invoices paid late (no invoices for ~12% whose billing runs elsewhere), portal logins
 * (Spring-Festival dip, ~10% never log in), contacts, incidents and availability (~25% unmonitored), amendments.
 *
 * Strain comes from: a customer's own baseline (some are always grumpy), slowly wandering noise, bad spells of
 * 2–5 months that recover (a quarter of stayers have one: the false alarms), and — for churners — a
 * gradual, noisy deterioration over their last 3–9 months at a customer-specific intensity. About 1 churner in
 * 12 is a "late churner" whose deterioration starts only 2–7 weeks before leaving (acquired, budget cut): they
 * are the ones no model sees 60 days ahead. Churn is ~6–19% a year by level (higher in the first year), and
 * two thirds of churners leave at a contract anniversary.
 * @example
 * const history = generateChurnHistory({ seed: 1 });
 * history.customers.length // 3000
 */
export function generateChurnHistory(options: ChurnHistoryOptions = {}): ChurnHistory {
  const { seed = 1, customers = 3000, months = 24, start = '2024-01-01' } = options;
  const rng = randomTools(seed);
  const days = months * MONTH;
  const startMs = Date.parse(`${start}T00:00:00Z`);
  const dateOf = (day: number) => new Date(startMs + day * 86_400_000).toISOString().slice(0, 10);
  const list: CustomerHistory[] = [];
  for (let c = 0; c < customers; c++) {
    const customer = simulateCustomer(rng, c, months);
    list.push({
      customer_code: `C${String(c + 1).padStart(5, '0')}`,
      level: customer.level,
      profile: customer.profile,
      churned_on_day: customer.churnDay,
      churned_on: customer.churnDay === null ? null : dateOf(customer.churnDay),
      snapshots: customer.snapshots.map((s) => ({ ...s, as_of: dateOf(s.day) })),
    });
  }
  return { seed, start, days, customers: list };
}

/**
 * Labels every snapshot: churned = the customer left within `horizonDays` after it. Snapshots of stayers whose
 * horizon runs past the end of the history are dropped (we cannot know yet whether they stay).
 * @example churnExamplesFromHistory(generateChurnHistory({ seed: 1 })).length // ≈ 50 000
 */
export function churnExamplesFromHistory(history: ChurnHistory, horizonDays = 180): ChurnExample[] {
  return history.customers.flatMap((customer) =>
    customer.snapshots.flatMap((snapshot) => {
      const daysToChurn = customer.churned_on_day === null ? null : customer.churned_on_day - snapshot.day;
      const churned = daysToChurn !== null && daysToChurn <= horizonDays;
      if (!churned && snapshot.day + horizonDays > history.days) return [];
      return [{ features: snapshot.features, churned, customer: customer.customer_code, days_to_churn: daysToChurn }];
    }),
  );
}

type Rng = ReturnType<typeof randomTools>;

function simulateCustomer(rng: Rng, index: number, months: number) {
  const level = 1 + rng.pick(LEVEL_SHARES);
  const size = Math.exp(rng.normal(0, 0.4));
  const tenureAtStart = Math.round(30 + rng.uniform() ** 1.5 * 2500);
  const anniversary = Math.floor(rng.uniform() * 360);
  const hasContract = rng.uniform() > 0.08;
  const hasInvoices = rng.uniform() > 0.12;
  const rates = rng.uniform() < 0.45 + 0.1 * level;
  const usesPortal = rng.uniform() > 0.1;
  const monitored = rng.uniform() > 0.25;
  const engagement = Math.exp(rng.normal(0, 0.5));
  const baseRating = rng.normal(4.3, 0.3);
  const slaTightness = rng.uniform() * 0.06;
  const baseline = rng.normal(0, 0.15);
  const growth = rng.normal(0.003, 0.012); // monthly: some customers grow, some shrink for reasons of their own
  const days = months * MONTH;

  const yearlyChurn = ANNUAL_CHURN_BY_LEVEL[level - 1]! * (tenureAtStart < 365 ? 1.5 : 1);
  let churnDay: number | null = null;
  if (rng.uniform() < 1 - (1 - yearlyChurn) ** (months / 12)) {
    const anniversaries = [];
    for (let d = anniversary; d <= days; d += 360) if (d >= 45) anniversaries.push(d);
    churnDay = anniversaries.length > 0 && rng.uniform() < 0.67 ? anniversaries[Math.floor(rng.uniform() * anniversaries.length)]! : Math.round(45 + rng.uniform() * (days - 45));
  }
  const late = churnDay !== null && rng.uniform() < 0.08;
  const onset = churnDay === null ? 0 : late ? 15 + rng.uniform() * 35 : 90 + rng.uniform() * 180;
  const intensity = 1 + rng.uniform();
  const spells: { from: number; length: number; severity: number }[] = [];
  if (churnDay === null ? rng.uniform() < 0.25 : rng.uniform() < 0.15) {
    spells.push({ from: -WARMUP + Math.floor(rng.uniform() * (months + WARMUP)), length: 2 + Math.floor(rng.uniform() * 4), severity: 0.3 + rng.uniform() * 0.7 });
  }

  const total = months + WARMUP;
  const strain: number[] = [];
  const deterioration: number[] = [];
  let wander = 0;
  for (let k = -WARMUP; k < months; k++) {
    const middle = k * MONTH + MONTH / 2;
    wander = 0.6 * wander + rng.normal(0, 0.12);
    const progress = churnDay === null ? 0 : Math.min(1, Math.max(0, (middle - (churnDay - onset)) / onset));
    const decline = intensity * progress ** 0.8;
    const spell = spells.reduce((sum, s) => {
      const into = k - s.from;
      return into < 0 || into >= s.length ? sum : sum + s.severity * Math.sin((Math.PI * (into + 0.5)) / s.length);
    }, 0);
    deterioration.push(decline);
    strain.push(baseline + decline + spell + wander);
  }

  const month = Array.from({ length: total }, (_, i) => {
    const k = i - WARMUP;
    const h = strain[i]!;
    const pos = Math.max(0, h);
    const moy = ((k % 12) + 12) % 12;
    const season = 1 + 0.15 * Math.sin((2 * Math.PI * moy) / 12) + (moy === 11 ? 0.2 : 0);
    const tickets = rng.poisson(TICKETS_PER_MONTH_BY_LEVEL[level - 1]! * size * season * Math.max(0.3, 1 + 0.8 * h));
    const p1 = rng.binomial(tickets, clamp(0.06 + 0.12 * h, 0.01, 0.6));
    const targets = tickets * 2;
    const breaches = rng.binomial(targets, clamp(0.06 + slaTightness + 0.18 * h, 0.005, 0.8));
    const ratings = rates ? Array.from({ length: rng.binomial(tickets, 0.4) }, () => clamp(Math.round(baseRating - 1.3 * h + rng.normal(0, 0.9)), 1, 5)) : [];
    const complaints = rng.poisson(0.02 + 0.2 * pos);
    const complaintOpenMonths = Array.from({ length: complaints }, () => rng.geometric(0.5));
    const invoice = hasInvoices ? REVENUE_PER_MONTH_BY_LEVEL[level - 1]! * size * (1 + growth) ** i * (1 - 0.4 * deterioration[i]!) * (1 + rng.normal(0, 0.15)) : 0;
    const lateDays = hasInvoices && rng.uniform() < clamp(0.08 + 0.35 * h, 0.02, 0.9) ? Math.round(rng.exponential(30 + 60 * pos)) : 0;
    const festival = moy === 1 ? 0.6 : moy === 7 ? 0.9 : 1;
    const logins = usesPortal ? rng.poisson(LOGINS_PER_MONTH_BY_LEVEL[level - 1]! * engagement * festival * clamp(1 - 0.5 * h, 0.1, 1.5)) : 0;
    const contacts = rng.poisson(2.5 * clamp(1 - 0.6 * h, 0.1, 1.5));
    const incidents = rng.poisson((0.5 + level * 0.5) * size * (1 + 0.4 * pos));
    const critical = rng.binomial(incidents, clamp(0.08 + 0.08 * h, 0.01, 0.5));
    const amendments = rng.poisson(0.02 + 0.05 * pos);
    return { tickets, p1, targets, breaches, ratings, complaints, complaintOpenMonths, invoice, lateDays, logins, contacts, incidents, critical, amendments };
  });

  const snapshots: { day: number; features: HealthFeatures }[] = [];
  for (let k = 0; k < months; k++) {
    const day = (k + 1) * MONTH;
    if (churnDay !== null && day >= churnDay) break;
    const i = k + WARMUP;
    const window = (from: number, to: number) => month.slice(i - to + 1, i - from + 1);
    const last90 = window(0, 2);
    const prev90 = window(3, 5);
    const sum = (rows: typeof month, pick: (m: (typeof month)[number]) => number) => rows.reduce((s, m) => s + pick(m), 0);
    const tickets = sum(last90, (m) => m.tickets);
    const prevTickets = sum(prev90, (m) => m.tickets);
    const targets = sum(last90, (m) => m.targets);
    const ratingsNow = last90.flatMap((m) => m.ratings);
    const ratingsBefore = prev90.flatMap((m) => m.ratings);
    const rating = ratingsNow.length ? average(ratingsNow) : null;
    const ratingBefore = ratingsBefore.length ? average(ratingsBefore) : null;
    let openComplaints = 0;
    window(0, 11).forEach((m, j) => m.complaintOpenMonths.forEach((open) => { if (open > 11 - j) openComplaints++; }));
    const revenue12 = sum(window(0, 11), (m) => m.invoice);
    const revenuePrev12 = sum(window(12, 23), (m) => m.invoice);
    let overdue = 0;
    let maxOverdue = 0;
    window(0, 11).forEach((m, j) => {
      const due = (k - (11 - j) + 2) * MONTH;
      if (due < day && due + m.lateDays > day) { overdue += m.invoice; maxOverdue = Math.max(maxOverdue, day - due); }
    });
    let lastContact: number | null = null;
    for (let back = 0; back <= 11 && lastContact === null; back++) if (month[i - back]!.contacts > 0) lastContact = back * MONTH + Math.floor(rng.uniform() * MONTH);
    const loginsNow = month[i]!.logins;
    const loginsBefore = month[i - 1]!.logins;
    const nextAnniversary = anniversary + 360 * Math.ceil((day - anniversary) / 360);
    snapshots.push({
      day,
      features: {
        tickets_90d: tickets,
        tickets_trend: prevTickets > 0 ? round(tickets / prevTickets) : null,
        p1_share_90d: tickets > 0 ? round(sum(last90, (m) => m.p1) / tickets) : null,
        breach_rate_90d: targets > 0 ? round(sum(last90, (m) => m.breaches) / targets) : null,
        rating_90d: rating === null ? null : round(rating),
        rating_trend: rating !== null && ratingBefore !== null ? round(rating - ratingBefore) : null,
        open_complaints: openComplaints,
        complaints_90d: sum(last90, (m) => m.complaints),
        overdue_ratio: hasInvoices && revenue12 > 0 ? round(overdue / revenue12) : null,
        max_days_overdue: maxOverdue,
        revenue_trend: hasInvoices && revenuePrev12 > 0 ? round(revenue12 / revenuePrev12) : null,
        logins_30d: loginsNow,
        login_trend: loginsBefore > 0 ? round(loginsNow / loginsBefore) : null,
        days_since_contact: lastContact,
        days_to_contract_end: hasContract ? nextAnniversary - day : null,
        amendments_12m: sum(window(0, 11), (m) => m.amendments),
        incidents_90d: sum(last90, (m) => m.incidents),
        critical_incidents_90d: sum(last90, (m) => m.critical),
        availability_90d: monitored ? round(Math.min(100, 99.95 - 0.15 * sum(last90, (m) => m.critical) - 0.02 * sum(last90, (m) => m.incidents) + rng.normal(0, 0.03)), 3) : null,
        level,
        tenure_days: index % 20 === 7 ? null : tenureAtStart + day,
      },
    });
  }
  const profile: ChurnProfile = churnDay === null ? (spells.length ? 'stayer-with-bad-spell' : 'stayer') : late ? 'late-churner' : 'gradual-churner';
  return { level, churnDay, profile, snapshots };
}

function randomTools(seed: number) {
  const uniform = seededRandom(seed);
  const normal = (mu: number, sigma: number) => mu + sigma * Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
  return {
    uniform,
    normal,
    exponential: (mean: number) => -mean * Math.log(1 - uniform()),
    geometric: (p: number) => Math.ceil(Math.log(1 - uniform()) / Math.log(1 - p)),
    pick: (shares: readonly number[]) => {
      let r = uniform();
      for (let i = 0; i < shares.length; i++) if ((r -= shares[i]!) < 0) return i;
      return shares.length - 1;
    },
    poisson: (lambda: number) => {
      if (lambda > 30) return Math.max(0, Math.round(normal(lambda, Math.sqrt(lambda))));
      const limit = Math.exp(-lambda);
      let k = 0;
      for (let p = uniform(); p > limit; p *= uniform()) k++;
      return k;
    },
    binomial: (n: number, p: number) => {
      if (n > 40) return clamp(Math.round(normal(n * p, Math.sqrt(n * p * (1 - p)))), 0, n);
      let k = 0;
      for (let t = 0; t < n; t++) if (uniform() < p) k++;
      return k;
    },
  };
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
const average = (values: number[]) => values.reduce((s, v) => s + v, 0) / values.length;
const round = (v: number, digits = 4) => Math.round(v * 10 ** digits) / 10 ** digits;
