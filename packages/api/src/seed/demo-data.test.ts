import { describe, expect, it } from 'vitest';
import { MOBILE_PATTERN } from '../platform/crypto/pii.ts';
import { generateDemoData } from './demo-data.ts';
import { DEMO_TAG_GROUPS } from './demo-org.ts';

const now = new Date('2026-03-15T04:00:00Z');

describe('generateDemoData', () => {
  it('is deterministic for a given now', () => {
    expect(generateDemoData({ now })).toEqual(generateDemoData({ now }));
  });

  it('draws on every industry and keeps references inside one customer', () => {
    const [demo] = generateDemoData({ now });
    const industries = new Set(demo!.customers.map((c) => c.industry));
    for (const industry of ['软件开发', '金融', '制造', '医疗', '教育', '政府', '零售', '物流', '能源', '电信']) {
      expect(industries).toContain(industry);
    }
    const tagNames = new Set(DEMO_TAG_GROUPS.flatMap((g) => g.tags.map((t) => t.name)));
    for (const c of demo!.customers) {
      const refs = new Set([...c.contacts.map((x) => x.ref), ...c.departments.map((x) => x.ref)]);
      for (const x of c.contacts) {
        if (x.reports_to_ref) expect(refs).toContain(x.reports_to_ref);
        if (x.department_ref) expect(refs).toContain(x.department_ref);
        if (x.mobile) expect(x.mobile).toMatch(MOBILE_PATTERN);
      }
      for (const tag of c.tags) expect(tagNames).toContain(tag);
    }
  });

  it('spells individuals as people and public bodies as type 2', () => {
    const [demo] = generateDemoData({ now });
    const people = demo!.customers.filter((c) => c.customer_type === 3);
    expect(people.length).toBeGreaterThan(3);
    for (const p of people) {
      expect(p.customer_name).toMatch(/^[\u4e00-\u9fff]{2,4}$/);
      expect(p.website).toBeNull();
      expect(p.contacts).toHaveLength(1);
    }
    expect(demo!.customers.some((c) => c.customer_type === 2 && c.customer_name.endsWith('人民医院'))).toBe(true);
    expect(demo!.customers.some((c) => c.customer_type === 2 && c.customer_name.endsWith('局'))).toBe(true);
  });
});
