import type { EscalationStep, ServiceCredit, SlaTargets } from './sla-policies.schema.ts';

/** A tier of the catalogue a new tenant starts with, and the terms of its first published version. */
export type DefaultTier = {
  code: string;
  name_zh: string;
  name_en: string;
  rank: number;
  description: string;
  version: {
    service_hours: '7x24' | '5x8';
    targets: SlaTargets;
    availability_target: string;
    escalation: EscalationStep[];
    service_credits: ServiceCredit[];
    reviews_per_year: number;
  };
};

const hours = (h: number) => h * 60;
const escalation = (after: [number, number, number]): EscalationStep[] => [
  { level: 1, after_minutes: after[0], name: '服务台值班经理', role: 'service_desk_lead' },
  { level: 2, after_minutes: after[1], name: '客户成功总监', role: 'csm_director' },
  { level: 3, after_minutes: after[2], name: '交付副总裁', role: 'executive' },
];

/**
 * The four tiers of REQ-016-009 (标准, 高级, 尊享, 战略) with the targets an MSP in mainland China typically
 * offers. 标准 runs on the working calendar (5×8), the others around the clock. Tenants publish their own
 * versions on top; these only make sure every tenant can answer "which SLA applies" from day one.
 */
export const DEFAULT_SLA_CATALOGUE: readonly DefaultTier[] = [
  {
    code: 'standard',
    name_zh: '标准',
    name_en: 'Standard',
    rank: 0,
    description: '工作日 5×8 服务，适合一般业务系统',
    version: {
      service_hours: '5x8',
      targets: {
        P1: { response_minutes: 60, resolution_minutes: hours(8) },
        P2: { response_minutes: 120, resolution_minutes: hours(16) },
        P3: { response_minutes: hours(4), resolution_minutes: hours(40) },
        P4: { response_minutes: hours(8), resolution_minutes: hours(80) },
      },
      availability_target: '99.500',
      escalation: escalation([120, 240, 480]),
      service_credits: [
        { below_availability: 99.5, credit_percent: 5 },
        { below_availability: 99, credit_percent: 10 },
      ],
      reviews_per_year: 1,
    },
  },
  {
    code: 'premium',
    name_zh: '高级',
    name_en: 'Premium',
    rank: 1,
    description: '7×24 服务，适合重要业务系统',
    version: {
      service_hours: '7x24',
      targets: {
        P1: { response_minutes: 30, resolution_minutes: hours(4) },
        P2: { response_minutes: 60, resolution_minutes: hours(8) },
        P3: { response_minutes: hours(4), resolution_minutes: hours(24) },
        P4: { response_minutes: hours(8), resolution_minutes: hours(48) },
      },
      availability_target: '99.900',
      escalation: escalation([60, 120, 240]),
      service_credits: [
        { below_availability: 99.9, credit_percent: 5 },
        { below_availability: 99.5, credit_percent: 10 },
        { below_availability: 99, credit_percent: 20 },
      ],
      reviews_per_year: 2,
    },
  },
  {
    code: 'elite',
    name_zh: '尊享',
    name_en: 'Elite',
    rank: 2,
    description: '7×24 服务、专属服务经理和季度服务回顾',
    version: {
      service_hours: '7x24',
      targets: {
        P1: { response_minutes: 15, resolution_minutes: hours(2) },
        P2: { response_minutes: 30, resolution_minutes: hours(4) },
        P3: { response_minutes: hours(2), resolution_minutes: hours(12) },
        P4: { response_minutes: hours(4), resolution_minutes: hours(24) },
      },
      availability_target: '99.950',
      escalation: escalation([30, 60, 120]),
      service_credits: [
        { below_availability: 99.95, credit_percent: 5 },
        { below_availability: 99.9, credit_percent: 10 },
        { below_availability: 99.5, credit_percent: 25 },
      ],
      reviews_per_year: 4,
    },
  },
  {
    code: 'strategic',
    name_zh: '战略',
    name_en: 'Strategic',
    rank: 3,
    description: '7×24 驻场级保障、月度服务回顾，仅面向战略客户',
    version: {
      service_hours: '7x24',
      targets: {
        P1: { response_minutes: 5, resolution_minutes: 60 },
        P2: { response_minutes: 15, resolution_minutes: hours(3) },
        P3: { response_minutes: 60, resolution_minutes: hours(8) },
        P4: { response_minutes: hours(2), resolution_minutes: hours(16) },
      },
      availability_target: '99.990',
      escalation: escalation([15, 30, 60]),
      service_credits: [
        { below_availability: 99.99, credit_percent: 10 },
        { below_availability: 99.9, credit_percent: 25 },
        { below_availability: 99.5, credit_percent: 50 },
      ],
      reviews_per_year: 12,
    },
  },
];
