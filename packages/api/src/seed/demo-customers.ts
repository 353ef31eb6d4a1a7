import type { Faker } from '@faker-js/faker';
import { unifiedCreditCode } from './credit-code.ts';
import type { OrgIdentity } from './demo-companies.ts';
import { buildOrgAndContacts } from './demo-contacts.ts';
import { SOURCES, type IndustryProfile } from './demo-industries.ts';
import { regionLabel, type DemoRegion } from './demo-regions.ts';
import type { DemoCustomer } from './demo-types.ts';
import { shanghaiDay } from './customer-codes.ts';

const DAY_MS = 86_400_000;
const BUILDINGS = ['科技大厦', '国际中心', '创新大厦', '软件园', '金融中心', '商务中心', '产业园', '智慧谷'];
const COMPOUNDS = ['阳光花园', '锦绣家园', '翠湖苑', '金色港湾', '万科城', '碧桂园', '龙湖春江郦城'];
const RELATIONSHIP_NOTES = [
  '已采购桌面运维与机房托管服务。',
  '关注等保 2.0 合规与数据备份。',
  '计划明年上云，正在评估混合云运维方案。',
  '核心业务系统 7×24 小时运行，对 SLA 要求高。',
  '分支机构多，需要统一的远程运维与资产管理。',
  '去年发生过一次数据库宕机，对响应时效非常敏感。',
];
const STAFF_BY_SCALE: Record<string, [number, number]> = {
  小型企业: [20, 99],
  中型企业: [100, 999],
  大型企业: [1000, 20_000],
  集团: [5_000, 80_000],
};

/** Shared state of one tenant's generation run. */
export type CustomerContext = { f: Faker; now: Date; managers: { value: string; weight: number }[] | null };

/** What to build; every field left out is drawn at random, with some left empty unless `complete`. */
export type CustomerSpec = {
  ref: string;
  profile: IndustryProfile;
  identity: OrgIdentity & { region: DemoRegion };
  daysAgo: number;
  complete?: boolean;
  contactCount?: number;
  noDecisionMaker?: boolean;
  unreachable?: boolean;
  overrides?: Partial<Pick<DemoCustomer, 'status' | 'level' | 'source' | 'scale' | 'manager_username' | 'parent_ref' | 'credit_code' | 'industry' | 'description'>>;
};

/**
 * A working-hours instant (Shanghai time) `daysAgo` days before `now`, never later than `now`.
 * @example demoInstant(f, new Date(), 0) // earlier today, 09:00–18:00 in Shanghai
 */
export function demoInstant(f: Faker, now: Date, daysAgo: number): Date {
  const day = shanghaiDay(new Date(now.getTime() - daysAgo * DAY_MS));
  const midnight = Date.UTC(Number(day.slice(0, 4)), Number(day.slice(4, 6)) - 1, Number(day.slice(6, 8))) - 8 * 3_600_000;
  const at = midnight + (9 * 60 + f.number.int({ min: 0, max: 540 })) * 60_000;
  return new Date(Math.min(at, now.getTime() - 60_000));
}

function address(f: Faker, region: DemoRegion, person: boolean): string {
  const district = f.helpers.arrayElement(region.districts);
  const city = region.province === region.city ? region.city : `${region.province}${region.city}`;
  const road = `${district.name}${f.helpers.arrayElement(district.roads)}${f.number.int({ min: 1, max: 999 })}号`;
  if (person) return `${city}${road}${f.helpers.arrayElement(COMPOUNDS)}${f.number.int({ min: 1, max: 30 })}栋${f.number.int({ min: 101, max: 2802 })}室`;
  return `${city}${road}${f.helpers.arrayElement(BUILDINGS)}${f.helpers.arrayElement(['A座', 'B座', '1号楼', ''])}${f.number.int({ min: 2, max: 32 })}层`;
}

function description(f: Faker, profile: IndustryProfile, business: string, scale: string | null): string {
  const note = f.helpers.arrayElement(RELATIONSHIP_NOTES);
  const large = scale === '大型企业' || scale === '集团';
  switch (profile.kind) {
    case 'person':
      return business;
    case 'hospital':
      return `${business}，开放床位约 ${large ? f.number.int({ min: 800, max: 3000 }) : f.number.int({ min: 200, max: 799 })} 张。${note}`;
    case 'school':
      return `${business}，在校生约 ${large ? f.number.int({ min: 8000, max: 30000 }) : f.number.int({ min: 1200, max: 7999 })} 人。${note}`;
    case 'government':
      return `${business}。${note}`;
    default: {
      const range = scale ? STAFF_BY_SCALE[scale] : undefined;
      const staff = range ? `，员工约 ${f.number.int({ min: range[0], max: range[1] })} 人` : '';
      return `主营${business}${staff}。${note}`;
    }
  }
}

function customerType(profile: IndustryProfile): 1 | 2 | 3 {
  if (profile.kind === 'person') return 3;
  return profile.kind === 'company' ? 1 : 2;
}

/**
 * One demo customer with its org chart and contacts. Unless `complete`, a few optional fields stay empty
 * at realistic rates, so completeness scoring has gaps to show.
 */
export function buildCustomer(ctx: CustomerContext, spec: CustomerSpec): DemoCustomer {
  const { f, now } = ctx;
  const { profile, identity, complete = false } = spec;
  const gap = (p: number) => !complete && f.datatype.boolean(p);
  const person = profile.kind === 'person';
  const createdAt = demoInstant(f, now, spec.daysAgo);
  const age = now.getTime() - createdAt.getTime();
  const updatedAt = new Date(createdAt.getTime() + Math.floor(f.number.float({ min: 0, max: 1 }) * age));
  const status = spec.overrides?.status ?? f.helpers.weightedArrayElement([
    { weight: 2, value: 1 as const }, { weight: 7, value: 2 as const }, { weight: 1, value: 3 as const },
  ]);
  const publicBody = profile.kind !== 'company' && !person;
  const levels = [
    { weight: person ? 8 : 7, value: 1 as const }, { weight: 7, value: 2 as const },
    { weight: publicBody ? 6 : 4, value: 3 as const }, { weight: person ? 0 : publicBody ? 3 : 2, value: 4 as const },
  ].filter((l) => l.weight > 0);
  const level = spec.overrides?.level ?? f.helpers.weightedArrayElement(levels);
  const scale = person ? null : spec.overrides?.scale ?? (gap(0.04) ? null : f.helpers.weightedArrayElement(profile.scales));
  const customer: DemoCustomer = {
    ref: spec.ref,
    customer_name: identity.name,
    customer_type: customerType(profile),
    industry: spec.overrides?.industry !== undefined ? spec.overrides.industry : gap(0.06) ? null : profile.industry,
    scale,
    address: gap(0.05) ? null : address(f, identity.region, person),
    website: person || gap(0.1) ? null : identity.website,
    description: spec.overrides?.description !== undefined ? spec.overrides.description : gap(0.12) ? null : description(f, profile, identity.business, scale),
    status,
    level,
    source: spec.overrides?.source ?? (gap(0.05) ? null : f.helpers.weightedArrayElement(SOURCES)),
    manager_username:
      spec.overrides?.manager_username !== undefined
        ? spec.overrides.manager_username
        : !ctx.managers || gap(0.08) ? null : f.helpers.weightedArrayElement(ctx.managers),
    credit_code:
      spec.overrides?.credit_code !== undefined
        ? spec.overrides.credit_code
        : person || gap(0.3) ? null : unifiedCreditCode(profile.creditKind, f.helpers.arrayElement(identity.region.districts).division, f.string.numeric(8)),
    region: regionLabel(identity.region),
    parent_ref: spec.overrides?.parent_ref ?? null,
    created_at: createdAt,
    updated_at: updatedAt,
    departments: [],
    contacts: [],
    tags: [],
  };
  const count = spec.contactCount ?? (person ? 1 : f.helpers.weightedArrayElement([
    { weight: status === 1 ? 4 : 1, value: 1 }, { weight: 2, value: 2 }, { weight: 3, value: 3 },
    { weight: 2, value: 4 }, { weight: 1.2, value: 5 }, { weight: 0.8, value: 6 },
  ]));
  const org = buildOrgAndContacts(f, {
    refPrefix: spec.ref,
    kind: profile.kind,
    areaCode: identity.region.areaCode,
    emailDomain: identity.emailDomain,
    count,
    complete,
    noDecisionMaker: spec.noDecisionMaker,
    unreachable: spec.unreachable,
    personName: person ? identity.name : undefined,
  });
  customer.departments = org.departments;
  customer.contacts = org.contacts;
  customer.tags = tagsFor(f, customer, now);
  return customer;
}

/** Tags that follow from what a customer is (value, risk, industry, source), with some chance. */
export function tagsFor(f: Faker, c: DemoCustomer, now: Date): string[] {
  const tags = new Set<string>();
  const maybe = (p: number, tag: string) => f.datatype.boolean(p) && tags.add(tag);
  if (c.level === 4) tags.add('战略合作');
  if (c.level >= 3) maybe(0.7, '高价值');
  if (c.status === 1) maybe(0.4, '潜力客户');
  if (c.status === 3) tags.add('流失预警');
  if (c.status === 2) {
    maybe(0.12, '续约风险');
    maybe(0.05, '欠款风险');
    maybe(0.04, '投诉升级');
    if (c.level >= 2) maybe(0.15, '增购机会');
    if (now.getTime() - c.created_at.getTime() < 90 * DAY_MS) tags.add('新签约');
  }
  if (c.industry === '金融') maybe(0.5, '金融科技');
  if (c.industry === '医疗' && c.customer_type === 2) maybe(0.7, '医疗信息化');
  if (c.industry === '政府') maybe(0.6, '信创');
  if (c.industry && ['金融', '政府', '能源', '电信'].includes(c.industry)) maybe(0.5, '重点行业');
  if (c.source === '老客户推荐') maybe(0.6, '老客户转介绍');
  if (c.source === '展会') maybe(0.6, '展会线索');
  if (c.source === '招投标') maybe(0.6, '招投标');
  return [...tags];
}
