import { describe, expect, it } from 'vitest';
import { fieldsOf, parseRule, RuleSyntaxError } from './segment-rules.ts';

const errorOf = (text: string): RuleSyntaxError => {
  try {
    parseRule(text);
  } catch (error) {
    if (error instanceof RuleSyntaxError) return error;
    throw error;
  }
  throw new Error(`parsed: ${text}`);
};

describe('parseRule', () => {
  it('parses the full example with precedence: not > and > or, parentheses first', () => {
    const rule = parseRule(
      'level >= 3 and industry in ("制造业", "金融") and (health_band = "red" or revenue_12m > 100000) and last_contact_days > 30 and contract_end_days <= 90 and tag = "重点客户" and value_tier = "champion"',
    );
    expect(rule).toEqual({
      type: 'and',
      children: [
        { type: 'compare', field: 'level', op: '>=', value: 3 },
        { type: 'in', field: 'industry', negated: false, values: ['制造业', '金融'] },
        { type: 'or', children: [{ type: 'compare', field: 'health_band', op: '=', value: 'red' }, { type: 'compare', field: 'revenue_12m', op: '>', value: 100000 }] },
        { type: 'compare', field: 'last_contact_days', op: '>', value: 30 },
        { type: 'compare', field: 'contract_end_days', op: '<=', value: 90 },
        { type: 'compare', field: 'tag', op: '=', value: '重点客户' },
        { type: 'compare', field: 'value_tier', op: '=', value: 'champion' },
      ],
    });
  });

  it('reads not, not in, is [not] null, <>, escaped quotes and keywords in any case', () => {
    expect(parseRule('NOT region = "上海" OR nps IS NULL')).toEqual({
      type: 'or',
      children: [{ type: 'not', child: { type: 'compare', field: 'region', op: '=', value: '上海' } }, { type: 'null', field: 'nps', negated: false }],
    });
    expect(parseRule('size not in ("50-99人") and industry is not null and status <> "lost"')).toEqual({
      type: 'and',
      children: [
        { type: 'in', field: 'size', negated: true, values: ['50-99人'] },
        { type: 'null', field: 'industry', negated: true },
        { type: 'compare', field: 'status', op: '!=', value: 'lost' },
      ],
    });
    expect(parseRule('tag = "say \\"hi\\""')).toEqual({ type: 'compare', field: 'tag', op: '=', value: 'say "hi"' });
    expect(parseRule('health_score < -1.5')).toEqual({ type: 'compare', field: 'health_score', op: '<', value: -1.5 });
  });

  it('names an unknown field with its position and the known fields', () => {
    const error = errorOf('level >= 3 and colour = "red"');
    expect(error.position).toBe(16);
    expect(error.en).toMatch(/Unknown field 'colour'; known fields: level, industry/);
    expect(error.zh).toMatch(/未知字段「colour」/);
    expect(error.extra).toMatchObject({ field: 'colour', known_fields: expect.arrayContaining(['tag', 'value_tier']) });
  });

  it('refuses values of the wrong type and ordering of text fields', () => {
    expect(errorOf('level >= "3"')).toMatchObject({ position: 10, en: expect.stringMatching(/numeric: expected a number/) });
    expect(errorOf('industry = 3')).toMatchObject({ position: 12, en: expect.stringMatching(/put the value in double quotes/) });
    expect(errorOf('industry > "A"')).toMatchObject({ position: 10, en: expect.stringMatching(/not numeric/) });
    expect(errorOf('health_band = "purple"')).toMatchObject({ position: 15, en: 'Field health_band takes one of green, yellow, red' });
  });

  it('reports syntax errors where they are', () => {
    expect(errorOf('level >= 3 and (tag = "A"')).toMatchObject({ position: 26, en: "Expected ')', found the end of the rule" });
    expect(errorOf('level 3')).toMatchObject({ position: 7, en: expect.stringMatching(/^Expected an operator/) });
    expect(errorOf('tag = "open')).toMatchObject({ position: 7, zh: '字符串缺少结束的双引号' });
    expect(errorOf('level >= 3 level')).toMatchObject({ position: 12 });
    expect(errorOf('level >= 3 & tag = "A"')).toMatchObject({ position: 12, en: "Unexpected character '&'" });
    expect(errorOf('   ')).toMatchObject({ position: 1, en: 'The rule is empty' });
    expect(errorOf('nps is 3')).toMatchObject({ position: 8 });
  });

  it('lists the fields a rule reads', () => {
    expect([...fieldsOf(parseRule('not (nps <= 6 or tag in ("A")) and level = 1'))].sort()).toEqual(['level', 'nps', 'tag']);
  });
});
