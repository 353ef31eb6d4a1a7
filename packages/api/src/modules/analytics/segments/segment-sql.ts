/**
 * # Segment rules as SQL
 *
 * Compiles a parsed rule (`segment-rules.ts`) to one predicate over the `customer_directory` read model plus
 * the joins of the metrics it reads — only those, each built by the module that owns the metric. Every value
 * is a bound parameter (the drizzle `sql` template); operators come from a fixed table, so a tampered AST can
 * add no SQL either. Semantics worth knowing:
 * - A comparison with a missing value (no industry, no health score, never contacted …) is false, except
 *   `!=` and `not in`, which include the customers without a value; `is null` finds them.
 * - `tag = "X"` means "has the tag X", `tag != "X"` "has not", `tag is null` "has no tag at all";
 *   `tag_group = "G"` means "has a tag of the group G", the same way.
 * - Days are Beijing calendar days relative to `today`; revenue is the non-void invoices issued in the
 *   twelve months up to `today`; the contract in force is active or expiring and covers `today`.
 */
import { sql, type SQL } from 'drizzle-orm';
import { addMonths, type IsoDate } from '../../../platform/time/calendar-date.ts';
import type { RequestScope } from '../../../platform/request-context.ts';
import { contractDirectory } from '../../contracts-sla/contracts/contracts.public.ts';
import { customerDirectory } from '../../customers/customers/customers.public.ts';
import { customerHasTagSql } from '../../customers/tags/tags.public.ts';
import { invoicedRevenueSql } from '../../integrations/finance/finance.public.ts';
import { lastContacts } from '../../service/communications/communications.public.ts';
import { currentHealthScores } from '../../success/health/health.public.ts';
import { latestNpsSql } from '../../success/surveys/surveys.public.ts';
import { CUSTOMER_STATUSES, fieldsOf, type CompareOp, type Literal, type RuleField, type RuleNode } from './segment-rules.ts';

type Metric = 'health' | 'revenue' | 'nps' | 'contact' | 'contract' | 'tier';

const OPS: Record<CompareOp, SQL> = { '=': sql.raw('='), '!=': sql.raw('is distinct from'), '>': sql.raw('>'), '>=': sql.raw('>='), '<': sql.raw('<'), '<=': sql.raw('<=') };

const METRIC_OF: Partial<Record<RuleField, Metric>> = {
  health_band: 'health',
  health_score: 'health',
  revenue_12m: 'revenue',
  nps: 'nps',
  last_contact_days: 'contact',
  contract_end_days: 'contract',
  value_tier: 'tier',
};

/**
 * The join that yields one metric per customer (columns named as `expressionOf` reads them). Invoices, survey
 * answers and contracts are probed per customer through their (tenant, customer, …) indexes — linear in the
 * customers whatever the planner estimates. The last contact comes from `customer_contact_recency`, which a
 * trigger keeps: grouping 5M communications per preview took 1.5 s, and a probe per customer of that
 * month-partitioned table looks into every partition (22 s for 100,000 customers on Postgres 15).
 */
function metricJoin(scope: RequestScope, metric: Metric, today: IsoDate): SQL {
  const on = (alias: string) => sql`${sql.raw(alias)}.customer_id = ${customerDirectory.id}`;
  switch (metric) {
    case 'health':
      return sql`left join ${currentHealthScores(scope).as('m_health')} on ${on('m_health')}`;
    case 'tier':
      return sql`left join customer_value_tiers m_tier on m_tier.tenant_id = ${customerDirectory.tenant_id} and ${on('m_tier')}`;
    case 'revenue':
      return sql`left join lateral (select ${invoicedRevenueSql(scope, customerDirectory.id, addMonths(today, -12), today)} as value) m_revenue on true`;
    case 'nps':
      return sql`left join lateral (select ${latestNpsSql(scope, customerDirectory.id)} as value) m_nps on true`;
    case 'contact':
      return sql`left join (select customer_id, ${today}::date - (last_contact_at at time zone 'Asia/Shanghai')::date as value from ${lastContacts(scope).as('recency')}) m_contact on ${on('m_contact')}`;
    case 'contract':
      return sql`left join lateral (select min(k.end_date) - ${today}::date as value from ${contractDirectory} k where k.tenant_id = ${customerDirectory.tenant_id} and k.customer_id = ${customerDirectory.id} and k.state in ('active', 'expiring') and k.start_date <= ${today}::date and k.end_date >= ${today}::date) m_contract on true`;
  }
}

/** The SQL value of a field (all but `tag` and `tag_group`, which are sets and compile to `exists`). */
function expressionOf(field: Exclude<RuleField, 'tag' | 'tag_group'>): SQL {
  switch (field) {
    case 'level':
      return sql`${customerDirectory.level}`;
    case 'industry':
      return sql`${customerDirectory.industry}`;
    case 'size':
      return sql`${customerDirectory.scale}`;
    case 'region':
      return sql`${customerDirectory.region}`;
    case 'status':
      return sql`${customerDirectory.status}`;
    case 'health_band':
      return sql`m_health.band`;
    case 'health_score':
      return sql`m_health.score`;
    case 'revenue_12m':
      return sql`coalesce(m_revenue.value, 0)`;
    case 'nps':
      return sql`m_nps.value`;
    case 'last_contact_days':
      return sql`m_contact.value`;
    case 'contract_end_days':
      return sql`m_contract.value`;
    case 'value_tier':
      return sql`m_tier.tier`;
  }
}

/** A literal as a typed parameter; statuses are stored as numbers (1 potential, 2 formal, 3 lost). */
function param(field: RuleField, value: Literal): SQL {
  if (field === 'status') return sql`${CUSTOMER_STATUSES.indexOf(value as (typeof CUSTOMER_STATUSES)[number]) + 1}::smallint`;
  return typeof value === 'number' ? sql`${value}::numeric` : sql`${value}::text`;
}

const list = (field: RuleField, values: readonly Literal[]) => sql.join(values.map((v) => param(field, v)), sql`, `);

/**
 * Whether the customer has a tag whose name (or whose group's name, for `tag_group`) passes `names`; without
 * `names`, any tag (any tag in a group, for `tag_group`). The tags module owns the tag tables.
 */
const hasTag = (scope: RequestScope, field: 'tag' | 'tag_group', names?: SQL): SQL => customerHasTagSql(scope, customerDirectory.id, field === 'tag' ? 'tag' : 'group', names);

/** `tag` and `tag_group` are sets: `=` is "has one", `!=` "has none", `is null` "has none at all". */
function tagPredicate(scope: RequestScope, field: 'tag' | 'tag_group', node: Exclude<RuleNode, { type: 'and' | 'or' | 'not' }>): SQL {
  if (node.type === 'null') return node.negated ? hasTag(scope, field) : sql`not ${hasTag(scope, field)}`;
  if (node.type === 'in') {
    const any = hasTag(scope, field, sql`in (${list(field, node.values)})`);
    return node.negated ? sql`not ${any}` : any;
  }
  const has = hasTag(scope, field, sql`= ${param(field, node.value)}`);
  if (node.op === '=') return has;
  if (node.op === '!=') return sql`not ${has}`;
  throw new Error(`${field} cannot take ${node.op}`);
}

function predicateOf(scope: RequestScope, node: RuleNode): SQL {
  switch (node.type) {
    case 'and':
    case 'or':
      return sql`(${sql.join(node.children.map((child) => predicateOf(scope, child)), node.type === 'and' ? sql` and ` : sql` or `)})`;
    case 'not':
      return sql`not coalesce(${predicateOf(scope, node.child)}, false)`;
    default: {
      if (node.field === 'tag' || node.field === 'tag_group') return tagPredicate(scope, node.field, node);
      const value = expressionOf(node.field);
      if (node.type === 'null') return node.negated ? sql`${value} is not null` : sql`${value} is null`;
      if (node.type === 'in') return node.negated ? sql`(${value} is null or ${value} not in (${list(node.field, node.values)}))` : sql`${value} in (${list(node.field, node.values)})`;
      const op = OPS[node.op];
      if (!op) throw new Error(`unknown operator ${String(node.op)}`);
      return sql`${value} ${op} ${param(node.field, node.value)}`;
    }
  }
}

/**
 * The metric joins and the predicate of a rule over the customers of the caller's tenant, evaluated on the
 * Beijing day `today`. The caller supplies the FROM (`from ${customerDirectory}`) and the tenant and
 * visibility filter.
 * @example
 * const { joins, predicate } = compileRule(scope, parseRule('health_band = "red"'), '2026-05-04');
 * await tx.execute(sql`select ${customerDirectory.id} from ${customerDirectory} ${joins} where ${visibleCustomers(scope, customerDirectory)} and ${predicate}`);
 */
export function compileRule(scope: RequestScope, rule: RuleNode, today: IsoDate): { joins: SQL; predicate: SQL } {
  const metrics = new Set<Metric>();
  for (const field of fieldsOf(rule)) {
    const metric = METRIC_OF[field];
    if (metric) metrics.add(metric);
  }
  return { joins: sql.join([...metrics].map((m) => metricJoin(scope, m, today)), sql` `), predicate: sql`coalesce(${predicateOf(scope, rule)}, false)` };
}
