import type { Faker } from '@faker-js/faker';
import { pinyin } from 'pinyin-pro';
import type { OrgKind } from './demo-industries.ts';
import { ORG_TEMPLATES, type DeptKey } from './demo-org.ts';
import type { DemoContact, DemoDepartment } from './demo-types.ts';

const MOBILE_PREFIXES = ['134', '135', '136', '137', '138', '139', '150', '151', '152', '158', '159', '182', '187', '188',
  '130', '131', '132', '155', '156', '185', '186', '133', '153', '177', '180', '181', '189', '199', '166', '173'];
const PERSONAL_MAIL = ['qq.com', '163.com', '126.com', 'foxmail.com', 'sina.com'];

/** How the contacts of one customer should come out. */
export type ContactPlan = {
  refPrefix: string;
  kind: OrgKind;
  areaCode: string;
  /** Domain for work e-mail; personal mailboxes are used without one. */
  emailDomain: string | null;
  count: number;
  /** Every contact carries every channel (the showcase customer). */
  complete?: boolean;
  /** Nobody is flagged as decision maker (completeness has something to report). */
  noDecisionMaker?: boolean;
  /** No contact has any phone, mobile, e-mail or WeChat. */
  unreachable?: boolean;
  /** For individuals: the customer is the contact. */
  personName?: string;
};

/** A mainland mobile number, 1[3-9] and nine digits. */
export function demoMobile(f: Faker): string {
  return `${f.helpers.arrayElement(MOBILE_PREFIXES)}${f.string.numeric(8)}`;
}

/** A landline with area code: 010-62581234, 0512-6788123, sometimes with an extension. */
export function demoLandline(f: Faker, areaCode: string): string {
  const digits = areaCode.length === 3 ? 8 : f.helpers.arrayElement([7, 8]);
  const local = `${f.number.int({ min: 2, max: 8 })}${f.string.numeric(digits - 1)}`;
  const extension = f.datatype.boolean(0.15) ? `-${f.number.int({ min: 800, max: 8999 })}` : '';
  return `${areaCode}-${local}${extension}`;
}

function namePinyin(name: string): { full: string; surname: string; given: string; initials: string } {
  const syllables = pinyin(name, { toneType: 'none', type: 'array', v: true }).map((s) => s.replace(/[^a-z]/g, ''));
  // Two-character surnames (欧阳, 司徒) only when the name is long enough to also have a given name.
  const surnameLength = syllables.length >= 4 ? 2 : 1;
  return {
    full: syllables.join(''),
    surname: syllables.slice(0, surnameLength).join(''),
    given: syllables.slice(surnameLength).join(''),
    initials: syllables.map((s) => s[0]).join(''),
  };
}

function localPart(f: Faker, name: string): string {
  const py = namePinyin(name);
  return f.helpers.arrayElement([py.full, `${py.given}.${py.surname}`, `${py.surname}${py.given.slice(0, 1)}`, py.initials + f.string.numeric(3)]);
}

function wechatId(f: Faker, name: string, mobile: string | null): string {
  const py = namePinyin(name);
  if (mobile && f.datatype.boolean(0.25)) return mobile;
  return f.helpers.arrayElement([`${py.full}${f.string.numeric(3)}`, `wxid_${f.string.alphanumeric({ length: 10, casing: 'lower' })}`, `${py.initials}_${f.string.numeric(4)}`]).slice(0, 20);
}

/**
 * Builds a customer's department tree and contacts: titles staffed in the template's order, each placed in
 * its department and reporting to the first superior present, one primary contact (the IT lead).
 */
export function buildOrgAndContacts(f: Faker, plan: ContactPlan): { departments: DemoDepartment[]; contacts: DemoContact[] } {
  if (plan.kind === 'person') return { departments: [], contacts: [personContact(f, plan)] };
  const template = ORG_TEMPLATES[plan.kind];
  const deptRef = (key: DeptKey) => `${plan.refPrefix}-d-${key}`;
  const departments = template.departments.map((d, i) => ({
    ref: deptRef(d.key),
    name: d.name,
    parent_ref: d.parent ? deptRef(d.parent) : null,
    sort_order: i + 1,
  }));
  const [lead, ...others] = template.roles;
  const roles = [lead!, ...f.helpers.arrayElements(others, Math.min(plan.count, template.roles.length) - 1)];
  const usedLocals = new Set<string>();
  const contacts = roles.map((role, index): DemoContact => {
    const name = f.person.fullName();
    const reachable = !plan.unreachable;
    const mobile = reachable && (plan.complete || f.datatype.boolean(index === 0 ? 0.95 : 0.8)) ? demoMobile(f) : null;
    const phone = reachable && (plan.complete || f.datatype.boolean(0.6)) ? demoLandline(f, plan.areaCode) : null;
    let email: string | null = null;
    if (reachable && (plan.complete || f.datatype.boolean(0.75))) {
      let local = localPart(f, name);
      while (usedLocals.has(local)) local = `${local}${f.number.int({ min: 1, max: 9 })}`;
      usedLocals.add(local);
      email = `${local}@${plan.emailDomain ?? f.helpers.arrayElement(PERSONAL_MAIL)}`;
    }
    const wechat = reachable && (plan.complete || f.datatype.boolean(0.4)) ? wechatId(f, name, mobile) : null;
    const dept = template.departments.find((d) => d.key === role.dept)!;
    return {
      ref: `${plan.refPrefix}-c-${index + 1}`,
      contact_name: name,
      position: role.position,
      department: dept.name,
      department_ref: deptRef(role.dept),
      reports_to_ref: null,
      phone,
      mobile,
      email,
      wechat,
      is_primary: index === 0,
      is_decision_maker: role.decisionMaker && !plan.noDecisionMaker,
    };
  });
  roles.forEach((role, i) => {
    const boss = role.reportsTo.map((title) => roles.findIndex((r) => r.position === title)).find((j) => j >= 0);
    if (boss !== undefined) contacts[i]!.reports_to_ref = contacts[boss]!.ref;
  });
  return { departments, contacts };
}

function personContact(f: Faker, plan: ContactPlan): DemoContact {
  const name = plan.personName ?? f.person.fullName();
  const reachable = !plan.unreachable;
  const mobile = reachable ? demoMobile(f) : null;
  return {
    ref: `${plan.refPrefix}-c-1`,
    contact_name: name,
    position: null,
    department: null,
    department_ref: null,
    reports_to_ref: null,
    phone: null,
    mobile,
    email: reachable && f.datatype.boolean(0.6) ? `${localPart(f, name)}@${f.helpers.arrayElement(PERSONAL_MAIL)}` : null,
    wechat: reachable && f.datatype.boolean(0.7) ? wechatId(f, name, mobile) : null,
    is_primary: true,
    is_decision_maker: !plan.noDecisionMaker,
  };
}
