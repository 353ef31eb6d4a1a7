/**
 * # The segment rule language
 *
 * A rule is a boolean expression over customer attributes and metrics, e.g.
 * `level >= 3 and industry in ("制造业", "金融") and (health_band = "red" or revenue_12m > 100000)`.
 * `parseRule` turns the text into a small AST (stored as `segments.rule`) or throws a `RuleSyntaxError` with the
 * position (1-based character offset into the text) and a message in zh and en. Pure: no database here; the
 * AST is compiled to SQL by `segment-sql.ts`.
 *
 * Grammar (keywords case-insensitive):
 * ```
 * rule       := or
 * or         := and ("or" and)*
 * and        := unary ("and" unary)*
 * unary      := "not" unary | "(" or ")" | comparison
 * comparison := field ("=" | "!=" | "<>" | ">" | ">=" | "<" | "<=") literal
 *             | field ["not"] "in" "(" literal ("," literal)* ")"
 *             | field "is" ["not"] "null"
 * literal    := "double-quoted string" | number
 * ```
 */

/** How a field compares: numbers order; strings and enums only compare for equality. */
export type FieldKind = 'number' | 'string' | 'enum';
export type FieldSpec = { kind: FieldKind; values?: readonly string[]; zh: string; en: string };

export const CUSTOMER_STATUSES = ['potential', 'formal', 'lost'] as const;
export const VALUE_TIERS = ['champion', 'loyal', 'big_spender', 'at_risk', 'hibernating', 'potential'] as const;
export type ValueTier = (typeof VALUE_TIERS)[number];

/** Every field a rule may name, its type and what it means. */
export const RULE_FIELDS = {
  level: { kind: 'number', zh: '客户等级（1 普通，2 重要，3 VIP，4 战略）', en: 'Customer level (1 normal, 2 important, 3 VIP, 4 strategic)' },
  industry: { kind: 'string', zh: '行业', en: 'Industry' },
  size: { kind: 'string', zh: '企业规模', en: 'Company size' },
  region: { kind: 'string', zh: '地区（省/市）', en: 'Region (province / city)' },
  status: { kind: 'enum', values: CUSTOMER_STATUSES, zh: '客户状态（potential 潜在，formal 正式，lost 流失）', en: 'Customer status (potential, formal, lost)' },
  health_band: { kind: 'enum', values: ['green', 'yellow', 'red'], zh: '健康度等级', en: 'Health band' },
  health_score: { kind: 'number', zh: '健康度得分（0–100）', en: 'Health score (0–100)' },
  revenue_12m: { kind: 'number', zh: '近 12 个月开票金额（作废除外）', en: 'Invoiced revenue over the last 12 months (void excluded)' },
  nps: { kind: 'number', zh: '最近一次 NPS 评分（0–10）', en: 'Latest NPS score (0–10)' },
  last_contact_days: { kind: 'number', zh: '距最近一次沟通的天数', en: 'Days since the last communication' },
  contract_end_days: { kind: 'number', zh: '距生效合同到期的天数', en: 'Days until the contract in force ends' },
  tag: { kind: 'string', zh: '客户标签（名称）', en: 'Customer tag (by name)' },
  tag_group: { kind: 'string', zh: '标签组（有该组中任一标签）', en: 'Tag group (has any tag of the group)' },
  value_tier: { kind: 'enum', values: VALUE_TIERS, zh: '客户价值分层', en: 'Value tier' },
} as const satisfies Record<string, FieldSpec>;

export type RuleField = keyof typeof RULE_FIELDS;
export type Literal = string | number;
export type CompareOp = '=' | '!=' | '>' | '>=' | '<' | '<=';

/** The parsed rule, as stored in `segments.rule`. */
export type RuleNode =
  | { type: 'and' | 'or'; children: RuleNode[] }
  | { type: 'not'; child: RuleNode }
  | { type: 'compare'; field: RuleField; op: CompareOp; value: Literal }
  | { type: 'in'; field: RuleField; negated: boolean; values: Literal[] }
  | { type: 'null'; field: RuleField; negated: boolean };

/** A rule that does not parse or does not type-check; `position` is the 1-based character offset. */
export class RuleSyntaxError extends Error {
  constructor(
    readonly position: number,
    readonly zh: string,
    readonly en: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(en);
  }
}

export const MAX_RULE_LENGTH = 4_000;
const MAX_NODES = 200;
const MAX_IN_VALUES = 500;
const KNOWN = Object.keys(RULE_FIELDS).join(', ');

type Token =
  | { t: 'ident'; v: string; pos: number }
  | { t: 'string'; v: string; pos: number }
  | { t: 'number'; v: number; pos: number }
  | { t: 'op'; v: string; pos: number }
  | { t: 'end'; pos: number };

/** Splits the text into tokens; positions are 1-based. */
function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (/\s/.test(ch)) {
      i += 1;
    } else if (ch === '"') {
      const start = i;
      let value = '';
      i += 1;
      while (i < text.length && text[i] !== '"') {
        if (text[i] === '\\' && i + 1 < text.length) i += 1;
        value += text[i];
        i += 1;
      }
      if (i >= text.length) throw new RuleSyntaxError(start + 1, '字符串缺少结束的双引号', 'Unterminated string: a closing double quote is missing');
      i += 1;
      tokens.push({ t: 'string', v: value, pos: start + 1 });
    } else if (/[0-9]/.test(ch) || (ch === '-' && /[0-9]/.test(text[i + 1] ?? ''))) {
      const match = /^-?[0-9]+(\.[0-9]+)?/.exec(text.slice(i))!;
      tokens.push({ t: 'number', v: Number(match[0]), pos: i + 1 });
      i += match[0].length;
    } else if (/[A-Za-z_]/.test(ch)) {
      const match = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i))!;
      tokens.push({ t: 'ident', v: match[0], pos: i + 1 });
      i += match[0].length;
    } else {
      const two = text.slice(i, i + 2);
      const op = ['>=', '<=', '!=', '<>'].includes(two) ? two : ['=', '>', '<', '(', ')', ','].includes(ch) ? ch : null;
      if (!op) throw new RuleSyntaxError(i + 1, `无法识别的字符「${ch}」`, `Unexpected character '${ch}'`);
      tokens.push({ t: 'op', v: op === '<>' ? '!=' : op, pos: i + 1 });
      i += op.length;
    }
  }
  tokens.push({ t: 'end', pos: text.length + 1 });
  return tokens;
}

const describe = (token: Token) => (token.t === 'end' ? { zh: '规则结尾', en: 'the end of the rule' } : { zh: `「${String(token.v)}」`, en: `'${String(token.v)}'` });

class Parser {
  private at = 0;
  private nodes = 0;
  constructor(private readonly tokens: Token[]) {}

  private peek(): Token {
    return this.tokens[this.at]!;
  }
  private next(): Token {
    return this.tokens[this.at++]!;
  }
  private isKeyword(word: string, token = this.peek()): boolean {
    return token.t === 'ident' && token.v.toLowerCase() === word;
  }
  private isOp(op: string, token = this.peek()): boolean {
    return token.t === 'op' && token.v === op;
  }
  private fail(token: Token, zh: string, en: string): never {
    const seen = describe(token);
    throw new RuleSyntaxError(token.pos, `${zh}，实际为${seen.zh}`, `${en}, found ${seen.en}`);
  }
  private expectOp(op: string): void {
    const token = this.next();
    if (!this.isOp(op, token)) this.fail(token, `此处应为「${op}」`, `Expected '${op}'`);
  }
  private count(token: Token): void {
    this.nodes += 1;
    if (this.nodes > MAX_NODES) throw new RuleSyntaxError(token.pos, `规则过于复杂（最多 ${MAX_NODES} 个条件）`, `The rule is too complex (at most ${MAX_NODES} conditions)`);
  }

  parse(): RuleNode {
    const node = this.or();
    const rest = this.peek();
    if (rest.t !== 'end') this.fail(rest, '此处应为 and、or 或规则结尾', "Expected 'and', 'or' or the end of the rule");
    return node;
  }

  private or(): RuleNode {
    const children = [this.and()];
    while (this.isKeyword('or')) {
      this.next();
      children.push(this.and());
    }
    return children.length === 1 ? children[0]! : { type: 'or', children };
  }

  private and(): RuleNode {
    const children = [this.unary()];
    while (this.isKeyword('and')) {
      this.next();
      children.push(this.unary());
    }
    return children.length === 1 ? children[0]! : { type: 'and', children };
  }

  private unary(): RuleNode {
    if (this.isKeyword('not')) {
      this.count(this.next());
      return { type: 'not', child: this.unary() };
    }
    if (this.isOp('(')) {
      this.next();
      const inner = this.or();
      this.expectOp(')');
      return inner;
    }
    return this.comparison();
  }

  private comparison(): RuleNode {
    const token = this.next();
    if (token.t !== 'ident' || ['and', 'or', 'not', 'in', 'is', 'null'].includes(token.v.toLowerCase())) {
      this.fail(token, '此处应为字段名或「(」', "Expected a field name or '('");
    }
    this.count(token);
    const name = token.v.toLowerCase();
    if (!(name in RULE_FIELDS)) {
      throw new RuleSyntaxError(token.pos, `未知字段「${token.v}」，可用字段：${KNOWN}`, `Unknown field '${token.v}'; known fields: ${KNOWN}`, { field: token.v, known_fields: Object.keys(RULE_FIELDS) });
    }
    const field = name as RuleField;
    const opToken = this.next();
    if (this.isKeyword('is', opToken)) {
      const negated = this.isKeyword('not');
      if (negated) this.next();
      const nullToken = this.next();
      if (!this.isKeyword('null', nullToken)) this.fail(nullToken, '「is」之后应为 null 或 not null', "Expected 'null' or 'not null' after 'is'");
      return { type: 'null', field, negated };
    }
    if (this.isKeyword('in', opToken) || this.isKeyword('not', opToken)) {
      const negated = this.isKeyword('not', opToken);
      if (negated) {
        const inToken = this.next();
        if (!this.isKeyword('in', inToken)) this.fail(inToken, '「not」之后应为 in', "Expected 'in' after 'not'");
      }
      this.expectOp('(');
      const values = [this.literal(field)];
      while (this.isOp(',')) {
        this.next();
        values.push(this.literal(field));
      }
      this.expectOp(')');
      if (values.length > MAX_IN_VALUES) throw new RuleSyntaxError(opToken.pos, `in 列表最多 ${MAX_IN_VALUES} 个值`, `An 'in' list takes at most ${MAX_IN_VALUES} values`);
      return { type: 'in', field, negated, values };
    }
    if (opToken.t !== 'op' || !['=', '!=', '>', '>=', '<', '<='].includes(opToken.v)) {
      this.fail(opToken, '此处应为比较运算符（= != > >= < <= in、not in、is null）', 'Expected an operator (= != > >= < <= in, not in, is null)');
    }
    const op = opToken.v as CompareOp;
    const spec: FieldSpec = RULE_FIELDS[field];
    if (op !== '=' && op !== '!=' && spec.kind !== 'number') {
      throw new RuleSyntaxError(opToken.pos, `字段 ${field} 不是数值，不能使用「${op}」`, `Field ${field} is not numeric and cannot take '${op}'`, { field });
    }
    return { type: 'compare', field, op, value: this.literal(field) };
  }

  /** A literal of the field's type: a number for numeric fields, a string (one of the allowed values for enums) otherwise. */
  private literal(field: RuleField): Literal {
    const token = this.next();
    const spec: FieldSpec = RULE_FIELDS[field];
    if (token.t !== 'string' && token.t !== 'number') this.fail(token, '此处应为带双引号的字符串或数字', 'Expected a double-quoted string or a number');
    if (spec.kind === 'number' && token.t !== 'number') {
      throw new RuleSyntaxError(token.pos, `字段 ${field} 是数值，应为数字而不是字符串`, `Field ${field} is numeric: expected a number, not a string`, { field });
    }
    if (spec.kind !== 'number' && token.t !== 'string') {
      throw new RuleSyntaxError(token.pos, `字段 ${field} 是文本，值应加双引号`, `Field ${field} is text: put the value in double quotes`, { field });
    }
    if (spec.kind === 'enum' && !spec.values!.includes(token.v as string)) {
      const allowed = spec.values!.join(', ');
      throw new RuleSyntaxError(token.pos, `字段 ${field} 的值应为 ${allowed} 之一`, `Field ${field} takes one of ${allowed}`, { field, allowed_values: spec.values });
    }
    return token.v;
  }
}

/**
 * Parses a rule into its AST, checking field names, operators and value types.
 * @throws RuleSyntaxError with the position and a zh/en message
 * @example parseRule('level >= 3 and tag = "重点客户"')
 * // { type: 'and', children: [{ type: 'compare', field: 'level', op: '>=', value: 3 }, { type: 'compare', field: 'tag', op: '=', value: '重点客户' }] }
 */
export function parseRule(text: string): RuleNode {
  if (text.trim() === '') throw new RuleSyntaxError(1, '规则不能为空', 'The rule is empty');
  if (text.length > MAX_RULE_LENGTH) throw new RuleSyntaxError(MAX_RULE_LENGTH + 1, `规则过长（最多 ${MAX_RULE_LENGTH} 个字符）`, `The rule is too long (at most ${MAX_RULE_LENGTH} characters)`);
  return new Parser(tokenize(text)).parse();
}

/**
 * The fields a rule reads, so the SQL joins only the metrics it needs.
 * @example fieldsOf(parseRule('nps <= 6 or tag = "A"')) // Set { 'nps', 'tag' }
 */
export function fieldsOf(node: RuleNode, into = new Set<RuleField>()): Set<RuleField> {
  if ('children' in node) for (const child of node.children) fieldsOf(child, into);
  else if ('child' in node) fieldsOf(node.child, into);
  else into.add(node.field);
  return into;
}
