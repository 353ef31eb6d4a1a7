import type { OrgKind } from './demo-industries.ts';

/** The functional slot a department fills, shared by every kind of organisation. */
export type DeptKey = 'head' | 'it' | 'ops' | 'procurement' | 'finance';

/** A department of a customer's org chart; `parent` nests it (运维组 under 信息技术部). */
export type DeptTemplate = { key: DeptKey; name: string; parent?: DeptKey };

/** A title a contact can hold, where it sits and whom it reports to (first present wins). */
export type RoleTemplate = {
  position: string;
  dept: DeptKey;
  reportsTo: string[];
  decisionMaker: boolean;
};

/** The org chart and titles for one kind of organisation; `roles` are in the order they are staffed. */
export type OrgTemplate = { departments: DeptTemplate[]; roles: RoleTemplate[] };

const role = (position: string, dept: DeptKey, reportsTo: string[], decisionMaker = false): RoleTemplate => ({
  position,
  dept,
  reportsTo,
  decisionMaker,
});

/**
 * Department trees and titles by kind of organisation. The first role is the usual primary contact of an
 * IT-services vendor (the customer's IT lead); the rest are added as a customer has more contacts.
 */
export const ORG_TEMPLATES: Record<Exclude<OrgKind, 'person'>, OrgTemplate> = {
  company: {
    departments: [
      { key: 'head', name: '总经办' },
      { key: 'it', name: '信息技术部' },
      { key: 'ops', name: '运维组', parent: 'it' },
      { key: 'procurement', name: '采购部' },
      { key: 'finance', name: '财务部' },
    ],
    roles: [
      role('IT经理', 'it', ['CIO', '总经理']),
      role('总经理', 'head', [], true),
      role('运维主管', 'ops', ['IT经理', 'CIO']),
      role('采购经理', 'procurement', ['总经理']),
      role('CIO', 'it', ['总经理'], true),
      role('财务总监', 'finance', ['总经理'], true),
      role('运维工程师', 'ops', ['运维主管', 'IT经理']),
    ],
  },
  government: {
    departments: [
      { key: 'head', name: '办公室' },
      { key: 'it', name: '信息中心' },
      { key: 'ops', name: '网络运维科', parent: 'it' },
      { key: 'procurement', name: '综合科' },
      { key: 'finance', name: '财务科' },
    ],
    roles: [
      role('信息中心主任', 'it', ['副局长']),
      role('副局长', 'head', [], true),
      role('网络运维科科长', 'ops', ['信息中心主任']),
      role('综合科科长', 'procurement', ['副局长']),
      role('财务科科长', 'finance', ['副局长']),
      role('信息中心副主任', 'it', ['信息中心主任']),
      role('系统管理员', 'ops', ['网络运维科科长', '信息中心主任']),
    ],
  },
  hospital: {
    departments: [
      { key: 'head', name: '院办' },
      { key: 'it', name: '信息科' },
      { key: 'ops', name: '运维组', parent: 'it' },
      { key: 'procurement', name: '设备科' },
      { key: 'finance', name: '财务处' },
    ],
    roles: [
      role('信息科科长', 'it', ['副院长'], true),
      role('副院长', 'head', [], true),
      role('运维组组长', 'ops', ['信息科科长']),
      role('设备科科长', 'procurement', ['副院长']),
      role('财务处处长', 'finance', ['副院长']),
      role('网络工程师', 'ops', ['运维组组长', '信息科科长']),
    ],
  },
  school: {
    departments: [
      { key: 'head', name: '校长办公室' },
      { key: 'it', name: '网络信息中心' },
      { key: 'ops', name: '运维科', parent: 'it' },
      { key: 'procurement', name: '资产管理处' },
      { key: 'finance', name: '财务处' },
    ],
    roles: [
      role('网络信息中心主任', 'it', ['副校长'], true),
      role('副校长', 'head', [], true),
      role('运维科科长', 'ops', ['网络信息中心主任']),
      role('资产管理处处长', 'procurement', ['副校长']),
      role('财务处处长', 'finance', ['副校长']),
      role('网络管理员', 'ops', ['运维科科长', '网络信息中心主任']),
    ],
  },
};

/** A tag family and its tags, with colours the workbench shows. */
export type DemoTagGroup = { name: string; tags: { name: string; color: string }[] };

export const DEMO_TAG_GROUPS: DemoTagGroup[] = [
  {
    name: '行业',
    tags: [
      { name: '重点行业', color: '#2563eb' },
      { name: '信创', color: '#b91c1c' },
      { name: '医疗信息化', color: '#0d9488' },
      { name: '金融科技', color: '#7c3aed' },
    ],
  },
  {
    name: '价值',
    tags: [
      { name: '高价值', color: '#ca8a04' },
      { name: '战略合作', color: '#c2410c' },
      { name: '潜力客户', color: '#16a34a' },
      { name: '增购机会', color: '#0891b2' },
    ],
  },
  {
    name: '风险',
    tags: [
      { name: '续约风险', color: '#dc2626' },
      { name: '欠款风险', color: '#9f1239' },
      { name: '投诉升级', color: '#ea580c' },
      { name: '流失预警', color: '#7f1d1d' },
    ],
  },
  {
    name: '来源',
    tags: [
      { name: '新签约', color: '#15803d' },
      { name: '老客户转介绍', color: '#4d7c0f' },
      { name: '展会线索', color: '#6d28d9' },
      { name: '招投标', color: '#334155' },
    ],
  },
];
