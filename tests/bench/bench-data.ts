import { base, en, Faker, zh_CN } from '@faker-js/faker';
import { assessCompleteness } from '../../packages/api/src/modules/customers/customers/customer-completeness.ts';
import { normaliseCustomerName, pinyinKeys, websiteDomain } from '../../packages/api/src/modules/customers/customers/customer-name.ts';
import { sealField } from '../../packages/api/src/platform/crypto/field-crypto.ts';
import type { KeyRing } from '../../packages/api/src/platform/crypto/key-ring.ts';
import { unifiedCreditCode } from '../../packages/api/src/seed/credit-code.ts';
import { assignCustomerCodes } from '../../packages/api/src/seed/customer-codes.ts';
import { toPinyin } from '../../packages/api/src/seed/demo-companies.ts';
import { demoLandline, demoMobile } from '../../packages/api/src/seed/demo-contacts.ts';
import { BRANDS, INDUSTRIES, SOURCES, type IndustryProfile, type NameStem } from '../../packages/api/src/seed/demo-industries.ts';
import { ORG_TEMPLATES, type DeptKey } from '../../packages/api/src/seed/demo-org.ts';
import { DEMO_REGIONS, regionLabel } from '../../packages/api/src/seed/demo-regions.ts';

const DAY_MS = 86_400_000;
const COMPANY = ORG_TEMPLATES.company;
const PERSON_SHARE = 0.05;

/** Per customer, what its contacts will be: decided up front so completeness can be computed with the customer row. */
export type BenchPlan = {
  customers: number;
  contactCount: Uint8Array;
  /** Bit 1: individual; bit 2: no decision maker; bit 4: nobody reachable. */
  flags: Uint8Array;
  /** Id of the first contact and first department of each customer (ids are dense, in customer order). */
  firstContactId: Int32Array;
  firstDepartmentId: Int32Array;
  departmentCount: Uint8Array;
  /** Creation instants, ascending with id over the last three years, and the codes they get. */
  createdAt: Date[];
  codes: string[];
  /** `code_sequences` rows: scope → last value of the day. */
  sequences: Map<string, number>;
  tenantId: number;
  managerIds: number[];
  now: Date;
};

const PERSON = 1;
const NO_DECISION_MAKER = 2;
const UNREACHABLE = 4;

/** Departments a customer with `count` contacts needs (the staffed roles' departments, parents included). */
function departmentsFor(count: number): DeptKey[] {
  const keys = new Set(COMPANY.roles.slice(0, count).map((r) => r.dept));
  if (keys.has('ops')) keys.add('it');
  return COMPANY.departments.filter((d) => keys.has(d.key)).map((d) => d.key);
}

/** A seeded Faker in zh-CN, as the demo seed uses. */
export function benchFaker(seed: number): Faker {
  const f = new Faker({ locale: [zh_CN, en, base] });
  f.seed(seed);
  return f;
}

/**
 * Draws contact counts (1–6, summing exactly to `contacts`) and the gaps each customer has, and lays out
 * dense ids for contacts and departments.
 */
export function planBench(f: Faker, options: { customers: number; contacts: number; tenantId: number; managerIds: number[]; now: Date }): BenchPlan {
  const n = options.customers;
  const contactCount = new Uint8Array(n);
  const flags = new Uint8Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    if (f.datatype.boolean(PERSON_SHARE)) flags[i] = PERSON;
    contactCount[i] = flags[i]! & PERSON ? 1 : f.helpers.weightedArrayElement([
      { weight: 15, value: 1 }, { weight: 25, value: 2 }, { weight: 25, value: 3 },
      { weight: 17, value: 4 }, { weight: 10, value: 5 }, { weight: 8, value: 6 },
    ]);
    if (f.datatype.boolean(0.02)) flags[i]! |= NO_DECISION_MAKER;
    if (f.datatype.boolean(0.015)) flags[i]! |= UNREACHABLE;
    total += contactCount[i]!;
  }
  // Nudge companies up or down one contact at a time until the total is exact.
  for (let i = 0; total !== options.contacts; i = (i + 7919) % n) {
    if (flags[i]! & PERSON) continue;
    if (total < options.contacts && contactCount[i]! < 6) (contactCount[i]!++, total++);
    else if (total > options.contacts && contactCount[i]! > 1) (contactCount[i]!--, total--);
  }
  const firstContactId = new Int32Array(n);
  const firstDepartmentId = new Int32Array(n);
  const departmentCount = new Uint8Array(n);
  for (let i = 0, c = 1, d = 1; i < n; i++) {
    firstContactId[i] = c;
    c += contactCount[i]!;
    firstDepartmentId[i] = d;
    departmentCount[i] = flags[i]! & PERSON ? 0 : departmentsFor(contactCount[i]!).length;
    d += departmentCount[i]!;
  }
  const span = 3 * 365 * DAY_MS;
  const start = options.now.getTime() - span;
  const createdAt = Array.from({ length: n }, (_, i) => new Date(start + Math.floor(((i + f.number.float({ min: 0, max: 1 })) * span) / n)));
  const { codes, sequences } = assignCustomerCodes(createdAt);
  return {
    customers: n, contactCount, flags, firstContactId, firstDepartmentId, departmentCount, createdAt, codes, sequences,
    tenantId: options.tenantId, managerIds: options.managerIds, now: options.now,
  };
}

type CompanyName = { name: string; website: string; profile: IndustryProfile; stem: NameStem; regionIndex: number };

/**
 * The i-th company name of a permutation of (region × brand × business line × naming pattern): unique
 * strings for ~150k companies, in an order that mixes cities and industries.
 */
export function companyNamer(): (i: number) => CompanyName {
  const lines = INDUSTRIES.filter((p) => p.kind === 'company').flatMap((profile) => profile.stems.map((stem) => ({ profile, stem })));
  const brandPinyin = BRANDS.map(toPinyin);
  const total = 2 * DEMO_REGIONS.length * BRANDS.length * lines.length;
  // A multiplier coprime to the total makes i → (a·i) mod total a permutation.
  let a = 7_919;
  const gcd = (x: number, y: number): number => (y === 0 ? x : gcd(y, x % y));
  while (gcd(a, total) !== 1) a += 2;
  return (i) => {
    let k = (a * (i % total)) % total;
    const pattern = k % 2;
    k = Math.floor(k / 2);
    const regionIndex = k % DEMO_REGIONS.length;
    k = Math.floor(k / DEMO_REGIONS.length);
    const brandIndex = k % BRANDS.length;
    const { profile, stem } = lines[Math.floor(k / BRANDS.length)]!;
    const region = DEMO_REGIONS[regionIndex]!;
    const brand = BRANDS[brandIndex]!;
    const city = region.city.replace(/市$/, '');
    const legal = profile.legalForms[(brandIndex + regionIndex) % profile.legalForms.length]!;
    const name = pattern === 0 ? `${region.namePrefix}${brand}${stem.word}${legal}` : `${brand}${stem.word}（${city}）有限公司`;
    const host = pattern === 0 ? `www.${region.cityPinyin.slice(0, 2)}${brandPinyin[brandIndex]}-${stem.domain}.com` : `www.${brandPinyin[brandIndex]}${stem.domain}-${region.cityPinyin}.cn`;
    return { name, website: `https://${host}`, profile, stem, regionIndex };
  };
}

/** Column order of the customers COPY; completeness columns are appended when the schema has them. */
export const CUSTOMER_COLUMNS = [
  'tenant_id', 'id', 'customer_code', 'customer_name', 'customer_type', 'industry', 'scale', 'address', 'website',
  'description', 'status', 'level', 'source', 'assigned_manager_id', 'credit_code', 'region', 'parent_customer_id',
  'name_normalized', 'name_pinyin', 'website_domain', 'created_at', 'updated_at',
];

/**
 * Customer rows in id order, created over the last three years (ids and codes grow with time); every
 * 250th customer heads a group that some later customers join as subsidiaries.
 */
export function* customerRows(f: Faker, plan: BenchPlan, withCompleteness: boolean): Generator<unknown[]> {
  const name = companyNamer();
  const { createdAt, codes } = plan;
  let company = 0;
  for (let i = 0; i < plan.customers; i++) {
    const person = (plan.flags[i]! & PERSON) !== 0;
    const c = person ? null : name(company++);
    const profile = c?.profile ?? INDUSTRIES.find((p) => p.kind === 'person')!;
    const region = DEMO_REGIONS[c?.regionIndex ?? f.number.int(DEMO_REGIONS.length - 1)]!;
    const district = f.helpers.arrayElement(region.districts);
    const customerName = c?.name ?? f.person.fullName();
    const website = c && f.datatype.boolean(0.9) ? c.website : null;
    const scale = person ? null : f.helpers.weightedArrayElement(profile.scales);
    const row = {
      customer_type: person ? 3 : 1,
      industry: f.datatype.boolean(0.06) ? null : profile.industry,
      scale,
      address: f.datatype.boolean(0.05) ? null : `${regionLabel(region)}${district.name}${f.helpers.arrayElement(district.roads)}${f.number.int({ min: 1, max: 999 })}号`,
      website,
      description: f.datatype.boolean(0.15) ? null : person ? f.helpers.arrayElement(profile.business ?? ['个人客户']) : `主营${c!.stem.business}。`,
      source: f.datatype.boolean(0.05) ? null : f.helpers.weightedArrayElement(SOURCES),
      assigned_manager_id: f.datatype.boolean(0.08) ? null : f.helpers.arrayElement(plan.managerIds),
      credit_code: person || f.datatype.boolean(0.4) ? null : unifiedCreditCode('91', district.division, f.string.numeric(8)),
      region: regionLabel(region),
    };
    const parent = i > 250 && !person && i % 250 !== 0 && f.datatype.boolean(0.01) ? f.number.int({ min: 1, max: Math.floor(i / 250) }) * 250 + 1 : null;
    const values: unknown[] = [
      plan.tenantId, i + 1, codes[i], customerName, row.customer_type, row.industry, row.scale, row.address, row.website,
      row.description,
      f.helpers.weightedArrayElement([{ weight: 2, value: 1 }, { weight: 7, value: 2 }, { weight: 1, value: 3 }]),
      f.helpers.weightedArrayElement([{ weight: 35, value: 1 }, { weight: 35, value: 2 }, { weight: 20, value: 3 }, { weight: 10, value: 4 }]),
      row.source, row.assigned_manager_id, row.credit_code, row.region, parent,
      normaliseCustomerName(customerName), pinyinKeys(customerName), websiteDomain(website),
      createdAt[i], new Date(Math.min(plan.now.getTime(), createdAt[i]!.getTime() + f.number.int(90) * DAY_MS)),
    ];
    if (withCompleteness) {
      const { score, missing } = assessCompleteness({ ...row, contacts: contactFacts(plan, i) });
      values.push(score, missing);
    }
    yield values;
  }
}

/** What completeness needs to know of a customer's contacts, straight from the plan. */
function contactFacts(plan: BenchPlan, i: number) {
  const flags = plan.flags[i]!;
  const reachable = (flags & UNREACHABLE) === 0;
  const roles = flags & PERSON ? [{ decisionMaker: true }] : COMPANY.roles.slice(0, plan.contactCount[i]);
  return roles.map((r, k) => ({ is_primary: k === 0, is_decision_maker: r.decisionMaker && (flags & NO_DECISION_MAKER) === 0, reachable }));
}

export const DEPARTMENT_COLUMNS = ['tenant_id', 'id', 'customer_id', 'parent_id', 'name', 'sort_order', 'created_at', 'updated_at'];

/** The departments each company customer's contacts sit in (运维组 under 信息技术部). */
export function* departmentRows(plan: BenchPlan): Generator<unknown[]> {
  const at = plan.now;
  for (let i = 0; i < plan.customers; i++) {
    if (plan.departmentCount[i] === 0) continue;
    const keys = departmentsFor(plan.contactCount[i]!);
    const idOf = (key: DeptKey) => plan.firstDepartmentId[i]! + keys.indexOf(key);
    for (const key of keys) {
      const dept = COMPANY.departments.find((d) => d.key === key)!;
      yield [plan.tenantId, idOf(key), i + 1, dept.parent ? idOf(dept.parent) : null, dept.name, keys.indexOf(key) + 1, at, at];
    }
  }
}

export const CONTACT_COLUMNS = [
  'tenant_id', 'id', 'customer_id', 'contact_name', 'position', 'department', 'department_id', 'reports_to_id',
  'phone_enc', 'phone_bidx', 'mobile_enc', 'mobile_bidx', 'email_enc', 'email_bidx', 'wechat_enc', 'wechat_bidx',
  'is_primary', 'is_decision_maker', 'created_at', 'updated_at',
];

/**
 * Contact rows, every channel sealed with the real key ring (unique ciphertexts and blind indexes), the
 * first contact primary and reachable, decision makers by title as in the demo seed.
 */
export function* contactRows(f: Faker, plan: BenchPlan, ring: KeyRing): Generator<unknown[]> {
  const companyOf = companyNamer();
  let company = 0;
  const at = plan.now;
  for (let i = 0; i < plan.customers; i++) {
    const flags = plan.flags[i]!;
    const person = (flags & PERSON) !== 0;
    const c = person ? null : companyOf(company++);
    const domain = c ? c.website.slice('https://www.'.length) : 'qq.com';
    const areaCode = DEMO_REGIONS[c?.regionIndex ?? 0]!.areaCode;
    const reachable = (flags & UNREACHABLE) === 0;
    const roles = COMPANY.roles.slice(0, plan.contactCount[i]);
    const keys = person ? [] : departmentsFor(plan.contactCount[i]!);
    for (let k = 0; k < plan.contactCount[i]!; k++) {
      const role = roles[k]!;
      const bossIndex = role.reportsTo.map((title) => roles.findIndex((r) => r.position === title)).find((j) => j >= 0);
      const mustReach = reachable && (k === 0 || role.decisionMaker);
      const mobile = reachable && (mustReach || f.datatype.boolean(0.8)) ? demoMobile(f) : null;
      const phone = reachable && f.datatype.boolean(0.6) ? demoLandline(f, areaCode) : null;
      const email = reachable && f.datatype.boolean(0.75) ? `u${plan.firstContactId[i]! + k}@${domain}` : null;
      const wechat = reachable && f.datatype.boolean(0.4) ? `wx${f.string.alphanumeric({ length: 10, casing: 'lower' })}` : null;
      const sealed = [sealField(ring, 'phone', phone), sealField(ring, 'mobile', mobile), sealField(ring, 'email', email), sealField(ring, 'wechat', wechat)];
      yield [
        plan.tenantId, plan.firstContactId[i]! + k, i + 1, f.person.fullName(),
        person ? null : role.position,
        person ? null : COMPANY.departments.find((d) => d.key === role.dept)!.name,
        person ? null : plan.firstDepartmentId[i]! + keys.indexOf(role.dept),
        person || bossIndex === undefined ? null : plan.firstContactId[i]! + bossIndex,
        ...sealed.flatMap((s) => [s.enc, s.bidx]),
        k === 0, person ? (flags & NO_DECISION_MAKER) === 0 : role.decisionMaker && (flags & NO_DECISION_MAKER) === 0,
        at, at,
      ];
    }
  }
}

export const CUSTOMER_TAG_COLUMNS = ['tenant_id', 'customer_id', 'tag_id', 'created_at'];

/** Zero to two tags per customer, drawn from the tenant's tags. */
export function* customerTagRows(f: Faker, plan: BenchPlan, tagIds: number[]): Generator<unknown[]> {
  for (let i = 0; i < plan.customers; i++) {
    const count = f.helpers.weightedArrayElement([{ weight: 4, value: 0 }, { weight: 4, value: 1 }, { weight: 2, value: 2 }]);
    for (const tagId of f.helpers.arrayElements(tagIds, count)) yield [plan.tenantId, i + 1, tagId, plan.createdAt[i]];
  }
}
