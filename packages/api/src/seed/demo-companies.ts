import type { Faker } from '@faker-js/faker';
import { pinyin } from 'pinyin-pro';
import { normaliseCustomerName, websiteDomain } from '../modules/customers/customers/customer-name.ts';
import { AGENCIES, BRANDS, HOSPITAL_KINDS, SCHOOL_KINDS, type IndustryProfile } from './demo-industries.ts';
import type { DemoRegion } from './demo-regions.ts';

/** A generated organisation's name, web presence and line of business. */
export type OrgIdentity = { name: string; website: string | null; emailDomain: string | null; business: string };

/**
 * Remembers names and domains already handed out, so generated customers never collide by accident;
 * the duplicates the demo needs are added on purpose, past this registry.
 */
export class NameRegistry {
  private readonly names = new Set<string>();
  private readonly domains = new Set<string>();

  /** Whether the name (by its duplicate key) or domain is taken. */
  taken(name: string, website: string | null): boolean {
    const domain = websiteDomain(website);
    return this.names.has(normaliseCustomerName(name)) || (domain !== null && this.domains.has(domain));
  }

  claim(name: string, website: string | null): void {
    this.names.add(normaliseCustomerName(name));
    const domain = websiteDomain(website);
    if (domain) this.domains.add(domain);
  }
}

/** Pinyin without tones or separators: 云启 → yunqi. */
export function toPinyin(han: string): string {
  return pinyin(han, { toneType: 'none', type: 'array', v: true }).join('').replace(/[^a-z]/g, '');
}

const shortCity = (region: DemoRegion) => region.city.replace(/市$/, '');

function companyIdentity(f: Faker, profile: IndustryProfile, region: DemoRegion): OrgIdentity {
  const brand = f.helpers.arrayElement(BRANDS);
  const stem = f.helpers.arrayElement(profile.stems);
  const legal = f.helpers.arrayElement(profile.legalForms);
  const pattern = f.helpers.weightedArrayElement([
    { weight: 11, value: 'prefixed' },
    { weight: 5, value: 'bracketed' },
    { weight: 4, value: 'national' },
  ]);
  const name =
    pattern === 'prefixed'
      ? `${region.namePrefix}${brand}${stem.word}${legal}`
      : pattern === 'bracketed'
        ? `${brand}${stem.word}（${shortCity(region)}）有限公司`
        : `${brand}${stem.word}${legal}`;
  const brandPy = toPinyin(brand);
  const host = f.helpers.arrayElement([
    `www.${brandPy}-${stem.domain}.com`,
    `www.${brandPy}${stem.domain}.com`,
    `www.${brandPy}${stem.domain}.com.cn`,
    `www.${toPinyin(shortCity(region)).slice(0, 2)}${brandPy}.com`,
  ]);
  return { name, website: `https://${host}`, emailDomain: host.replace(/^www\./, ''), business: stem.business };
}

function hospitalIdentity(f: Faker, region: DemoRegion): OrgIdentity {
  const kind = f.helpers.arrayElement(HOSPITAL_KINDS);
  const withProvince = region.province !== region.city && kind.name.endsWith('人民医院');
  const name = `${withProvince ? region.province : ''}${region.city}${kind.name}`;
  const domain = `${region.cityPinyin}${kind.abbr}.org.cn`;
  return { name, website: `https://www.${domain}`, emailDomain: domain, business: kind.business };
}

function schoolIdentity(f: Faker, region: DemoRegion): OrgIdentity {
  const kind = f.helpers.arrayElement(SCHOOL_KINDS);
  const city = kind.name.endsWith('学院') ? shortCity(region) : region.city;
  const domain = `${region.cityPinyin}${kind.abbr}.edu.cn`;
  return { name: `${city}${kind.name}`, website: `https://www.${domain}`, emailDomain: domain, business: kind.business };
}

function governmentIdentity(f: Faker, region: DemoRegion): OrgIdentity {
  const agency = f.helpers.arrayElement(AGENCIES);
  const domain = `${agency.abbr}.${region.cityPinyin}.gov.cn`;
  return { name: `${region.city}${agency.name}`, website: `https://${domain}`, emailDomain: domain, business: agency.business };
}

/**
 * A fresh organisation name and website for a profile, in a region drawn by `pickRegion`, retried until
 * the registry has neither; individuals get a person's name and no website.
 * @example organisationIdentity(f, INDUSTRIES[0], () => DEMO_REGIONS[0], registry) // { name: '北京云启科技有限公司', … }
 */
export function organisationIdentity(
  f: Faker,
  profile: IndustryProfile,
  pickRegion: () => DemoRegion,
  registry: NameRegistry,
): OrgIdentity & { region: DemoRegion } {
  for (let attempt = 0; attempt < 50; attempt++) {
    const region = pickRegion();
    const identity =
      profile.kind === 'person'
        ? { name: f.person.fullName(), website: null, emailDomain: null, business: f.helpers.arrayElement(profile.business ?? ['个人客户']) }
        : profile.kind === 'hospital'
          ? hospitalIdentity(f, region)
          : profile.kind === 'school'
            ? schoolIdentity(f, region)
            : profile.kind === 'government'
              ? governmentIdentity(f, region)
              : companyIdentity(f, profile, region);
    if (!registry.taken(identity.name, identity.website)) {
      registry.claim(identity.name, identity.website);
      return { ...identity, region };
    }
  }
  throw new Error(`demo data: no free name for ${profile.industry}`);
}
