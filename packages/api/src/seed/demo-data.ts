import { base, en, Faker, zh_CN } from '@faker-js/faker';
import { NameRegistry, organisationIdentity, type OrgIdentity } from './demo-companies.ts';
import { buildCustomer, type CustomerContext, type CustomerSpec } from './demo-customers.ts';
import { AGENCIES, HOSPITAL_KINDS, INDUSTRIES, SCHOOL_KINDS, type IndustryProfile, type OrgKind } from './demo-industries.ts';
import { DEMO_TAG_GROUPS } from './demo-org.ts';
import { DEMO_REGIONS, type DemoRegion } from './demo-regions.ts';
import type { DemoCustomer, DemoTenant } from './demo-types.ts';
import { ACME_TENANT_USERS, DEMO_ACCOUNT_MANAGERS, DEMO_TENANT_USERS, PORTAL_CUSTOMER_REF } from './demo-users.ts';

/** Fixed seeds: the same `now` always yields the same demo data. */
const DEMO_SEED = 20_240_811;
const ACME_SEED = 4_242;
/** Randomly generated demo customers, on top of the curated showcase, groups and duplicates. */
const GENERATED_DEMO_CUSTOMERS = 214;
const ACME_CUSTOMERS = 20;
/** Generated customers (by index) left without a decision maker, or with no way to reach anyone. */
const NO_DECISION_MAKER = new Set([13, 57, 101, 149, 190]);
const UNREACHABLE = new Set([29, 88, 133, 177]);
/** Where customers are, most in the first (tier-1) cities. */
const REGION_WEIGHTS = [10, 10, 9, 6, 8, 5, 5, 5, 4, 4, 3, 3, 3, 3, 3, 2, 2, 2, 2, 2];

/** Options of {@link generateDemoData}. */
export type DemoDataOptions = { now: Date };

const region = (city: string): DemoRegion => DEMO_REGIONS.find((r) => r.city === city) as DemoRegion;
const profile = (industry: string, kind: OrgKind = 'company'): IndustryProfile =>
  INDUSTRIES.find((p) => p.industry === industry && p.kind === kind) as IndustryProfile;
const businessOf = (p: IndustryProfile, name: string): string =>
  p.stems.find((s) => name.includes(s.word))?.business ??
  [...HOSPITAL_KINDS, ...SCHOOL_KINDS, ...AGENCIES].find((k) => name.endsWith(k.name))?.business ??
  p.stems[0]?.business ??
  '综合业务';
const identity = (name: string, website: string | null, city: string, business: string): OrgIdentity & { region: DemoRegion } => ({
  name,
  website,
  emailDomain: website ? new URL(website).hostname.replace(/^www\./, '') : null,
  business,
  region: region(city),
});

type Curated = Omit<CustomerSpec, 'identity' | 'profile'> & {
  name: string;
  website: string | null;
  city: string;
  industry: string;
  kind?: OrgKind;
  /** 主营, where the name alone does not say it (groups). */
  business?: string;
};

/** Fully filled-in customers the demo walks through; the first is the portal user's company. */
const SHOWCASE: Curated[] = ([
  {
    ref: PORTAL_CUSTOMER_REF, name: '北京云启科技有限公司', website: 'https://www.yunqi-tech.com', city: '北京市', industry: '软件开发',
    daysAgo: 700, contactCount: 6,
    overrides: {
      status: 2, level: 3, scale: '中型企业', source: '老客户推荐', manager_username: 'manager@demo',
      description: '专注于企业级软件开发的科技公司，核心产品为制造业 MES 与供应链协同 SaaS，员工约 360 人。由我司提供 IDC 托管、桌面运维与 7×24 监控服务。',
    },
  },
  {
    ref: 'demo-hero-2', name: '上海华信证券股份有限公司', website: 'https://www.huaxin-sec.com', city: '上海市', industry: '金融',
    daysAgo: 650, contactCount: 5,
    overrides: { status: 2, level: 4, scale: '大型企业', source: '招投标', manager_username: 'manager@demo' },
  },
  {
    ref: 'demo-hero-3', name: '深圳市顺达物流有限公司', website: 'https://www.shunda56.com', city: '深圳市', industry: '物流',
    daysAgo: 520, contactCount: 4,
    overrides: { status: 2, level: 2, scale: '中型企业', source: '展会', manager_username: 'sales@demo' },
  },
  {
    ref: 'demo-hero-4', name: '浙江省杭州市第一人民医院', website: 'https://www.hangzhoudyrmyy.org.cn', city: '杭州市',
    industry: '医疗', kind: 'hospital', daysAgo: 480, contactCount: 5,
    overrides: { status: 2, level: 3, scale: '大型企业', source: '招投标', manager_username: 'wang@demo' },
  },
  {
    ref: 'demo-hero-5', name: '杭州市政务服务数据管理局', website: 'https://zwsj.hangzhou.gov.cn', city: '杭州市',
    industry: '政府', kind: 'government', daysAgo: 400, contactCount: 5,
    overrides: { status: 2, level: 4, scale: '大型企业', source: '招投标', manager_username: 'chen@demo' },
  },
  {
    ref: 'demo-hero-6', name: '博远软件有限公司', website: 'https://www.boyuansoft.com', city: '南京市', industry: '软件开发',
    daysAgo: 300, contactCount: 3,
    overrides: { status: 2, level: 2, scale: '小型企业', source: '网络推广', manager_username: 'liu@demo' },
  },
] satisfies Curated[]).map((c): Curated => ({ ...c, complete: true }));

/** Customer groups: a parent company and its subsidiaries (`parent_customer_id`). */
const GROUPS: { parent: Curated; subsidiaries: [string, string, string, string][] }[] = [
  {
    parent: { ref: 'demo-group-1', name: '东方恒信集团有限公司', website: 'https://www.dfhx.com', city: '北京市', industry: '金融', business: '多元化金融控股', daysAgo: 690, overrides: { scale: '集团', level: 4, status: 2 } },
    subsidiaries: [
      ['东方恒信（北京）信息技术有限公司', 'https://www.dfhx-it.com', '北京市', '软件开发'],
      ['东方恒信融资租赁有限公司', 'https://www.dfhxleasing.com', '上海市', '金融'],
      ['东方恒信物流有限公司', 'https://www.dfhx56.com', '天津市', '物流'],
    ],
  },
  {
    parent: { ref: 'demo-group-2', name: '长江能源集团股份有限公司', website: 'https://www.cjenergy.com.cn', city: '武汉市', industry: '能源', business: '综合能源投资与运营', daysAgo: 620, overrides: { scale: '集团', level: 4, status: 2 } },
    subsidiaries: [
      ['长江电力工程有限公司', 'https://www.cjpower.com.cn', '武汉市', '能源'],
      ['长江新能源科技有限公司', 'https://www.cjne.com.cn', '武汉市', '能源'],
      ['长江燃气有限公司', 'https://www.cjgas.com.cn', '重庆市', '能源'],
      ['长江能源（湖北）售电有限公司', 'https://www.cjsd.com.cn', '武汉市', '能源'],
    ],
  },
  {
    parent: { ref: 'demo-group-3', name: '金桥零售集团有限公司', website: 'https://www.jinqiao-retail.com', city: '上海市', industry: '零售', business: '零售与消费品牌运营', daysAgo: 560, overrides: { scale: '集团', level: 3, status: 2 } },
    subsidiaries: [
      ['金桥超市连锁有限公司', 'https://www.jqmart.com', '上海市', '零售'],
      ['上海金桥电子商务有限公司', 'https://www.jqec.com', '上海市', '互联网'],
    ],
  },
  {
    parent: { ref: 'demo-group-4', name: '瑞康医疗集团有限公司', website: 'https://www.ruikang-med.com', city: '苏州市', industry: '医疗', business: '医疗健康产业投资', daysAgo: 500, overrides: { scale: '集团', level: 3, status: 2 } },
    subsidiaries: [
      ['瑞康医疗器械有限公司', 'https://www.rkmed.com', '苏州市', '医疗'],
      ['瑞康医药连锁有限公司', 'https://www.rkpharmacy.com', '南京市', '医疗'],
      ['苏州瑞康生物医药有限公司', 'https://www.rkbio.com', '苏州市', '医疗'],
    ],
  },
];

/**
 * Near-duplicates of showcase customers, for duplicate detection and merging: the same normalised name
 * (legal form or （中国） differs), or the same website domain under another name.
 */
const NEAR_DUPLICATES = [
  { name: '上海华信证券有限公司', website: null, city: '上海市', of: 'demo-hero-2', daysAgo: 40 },
  { name: '博远软件（中国）有限公司', website: 'https://www.boyuan-soft.cn', city: '南京市', of: 'demo-hero-6', daysAgo: 25 },
  { name: '顺达供应链管理（深圳）有限公司', website: 'http://shunda56.com/', city: '深圳市', of: 'demo-hero-3', daysAgo: 90 },
];

function curatedSpec(c: Curated): CustomerSpec {
  const { name, website, city, industry, kind, business, ...spec } = c;
  const p = profile(industry, kind);
  return { ...spec, profile: p, identity: identity(name, website, city, business ?? businessOf(p, name)) };
}

function demoCustomers(ctx: CustomerContext): DemoCustomer[] {
  const { f } = ctx;
  const registry = new NameRegistry();
  const curated = [...SHOWCASE, ...GROUPS.map((g) => g.parent)];
  for (const c of curated) registry.claim(c.name, c.website);
  for (const g of GROUPS) for (const [name, website] of g.subsidiaries) registry.claim(name, website);

  const customers = SHOWCASE.map((c) => buildCustomer(ctx, curatedSpec(c)));
  for (const group of GROUPS) {
    const parent = buildCustomer(ctx, curatedSpec(group.parent));
    customers.push(parent);
    group.subsidiaries.forEach(([name, website, city, industry], i) => {
      const spec = curatedSpec({ ref: `${group.parent.ref}-sub-${i + 1}`, name, website, city, industry, daysAgo: group.parent.daysAgo - f.number.int({ min: 10, max: 200 }) });
      customers.push(buildCustomer(ctx, { ...spec, overrides: { parent_ref: parent.ref, manager_username: parent.manager_username, status: 2 } }));
    });
  }
  NEAR_DUPLICATES.forEach(({ name, website, city, of, daysAgo }, i) => {
    const original = customers.find((c) => c.ref === of) as DemoCustomer;
    const spec = curatedSpec({ ref: `demo-dup-${i + 1}`, name, website, city, industry: original.industry ?? '软件开发', daysAgo });
    // The same entity entered again by someone else: same credit code where the original has one.
    customers.push(buildCustomer(ctx, { ...spec, contactCount: 1, overrides: { status: 1, level: 1, credit_code: original.credit_code } }));
  });

  const regionWeights = DEMO_REGIONS.map((value, i) => ({ value, weight: REGION_WEIGHTS[i] ?? 1 }));
  const pickRegion = () => f.helpers.weightedArrayElement(regionWeights);
  const industries = INDUSTRIES.map((value) => ({ value, weight: value.weight }));
  for (let i = 0; i < GENERATED_DEMO_CUSTOMERS; i++) {
    const p = f.helpers.weightedArrayElement(industries);
    customers.push(
      buildCustomer(ctx, {
        ref: `demo-${i + 1}`,
        profile: p,
        identity: organisationIdentity(f, p, pickRegion, registry),
        // Skewed towards recent months: the book of business grows.
        daysAgo: Math.floor(730 * (1 - Math.sqrt(f.number.float({ min: 0, max: 1 })))),
        noDecisionMaker: NO_DECISION_MAKER.has(i),
        unreachable: UNREACHABLE.has(i),
      }),
    );
  }
  return customers;
}

function acmeCustomers(ctx: CustomerContext): DemoCustomer[] {
  const registry = new NameRegistry();
  const industries = INDUSTRIES.filter((p) => p.kind === 'company').map((value) => ({ value, weight: value.weight }));
  return Array.from({ length: ACME_CUSTOMERS }, (_, i) => {
    const p = ctx.f.helpers.weightedArrayElement(industries);
    return buildCustomer(ctx, {
      ref: `acme-${i + 1}`,
      profile: p,
      identity: organisationIdentity(ctx.f, p, () => ctx.f.helpers.arrayElement(DEMO_REGIONS), registry),
      daysAgo: ctx.f.number.int({ min: 0, max: 500 }),
    });
  });
}

function seededFaker(seed: number): Faker {
  const f = new Faker({ locale: [zh_CN, en, base] });
  f.seed(seed);
  return f;
}

/**
 * The demo tenants as plain objects: `demo` (演示租户, ~240 customers with contacts, org charts, tags,
 * groups, gaps and near-duplicates) and `acme` (Acme 科技, 20 customers) for isolation checks.
 * Deterministic for a given `now`.
 * @example const [demo, acme] = generateDemoData({ now: new Date() });
 */
export function generateDemoData(options: DemoDataOptions): DemoTenant[] {
  const { now } = options;
  return [
    {
      code: 'demo',
      name: '演示租户',
      users: DEMO_TENANT_USERS,
      tagGroups: DEMO_TAG_GROUPS,
      customers: demoCustomers({ f: seededFaker(DEMO_SEED), now, managers: DEMO_ACCOUNT_MANAGERS }),
    },
    {
      code: 'acme',
      name: 'Acme 科技',
      users: ACME_TENANT_USERS,
      tagGroups: DEMO_TAG_GROUPS,
      customers: acmeCustomers({ f: seededFaker(ACME_SEED), now, managers: [{ value: 'admin@acme', weight: 1 }] }),
    },
  ];
}
