import { parse } from 'csv-parse/sync';
import type { ChurnExample } from './churn-model.ts';
import { HEALTH_FEATURE_NAMES, type HealthFeatures } from './health-features.ts';

/** Features that may be left empty (the data does not exist for that customer); the rest are required. */
const NULLABLE = new Set<string>([
  'tickets_trend', 'p1_share_90d', 'breach_rate_90d', 'rating_90d', 'rating_trend', 'overdue_ratio', 'revenue_trend',
  'login_trend', 'days_since_contact', 'days_to_contract_end', 'availability_90d', 'tenure_days',
]);
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export type ChurnCsvIssue = { row: number; column: string; value: string; reason: string };

/** A CSV that cannot be trained on; `issues` names every bad cell by file line and column. */
export class ChurnCsvError extends Error {
  readonly issues: ChurnCsvIssue[];
  constructor(issues: ChurnCsvIssue[]) {
    const shown = issues.slice(0, 10).map((i) => `row ${i.row}, column ${i.column}: ${i.reason}${i.value ? ` (got "${i.value}")` : ''}`);
    super(`Invalid churn CSV, ${issues.length} problem(s):\n${shown.join('\n')}${issues.length > 10 ? `\n… and ${issues.length - 10} more` : ''}`);
    this.name = 'ChurnCsvError';
    this.issues = issues;
  }
}

/**
 * Parses historical customers, one row each (several rows per customer are allowed: snapshots): `customer_code`,
 * `churned` (true/false/1/0), optional `churned_on` and `as_of` (YYYY-MM-DD; with both, the lead time is known)
 * and one column per health feature. Rows are numbered as file lines (the header is row 1). Extra columns are
 * ignored. Throws `ChurnCsvError` listing every bad cell.
 * @example
 * parseChurnCsv('customer_code,churned,tickets_90d,…\nC001,true,14,…')[0].churned // true
 */
export function parseChurnCsv(text: string): ChurnExample[] {
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    records = parse(text, { columns: true, skip_empty_lines: true, trim: true, bom: true, info: true });
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 0;
    throw new ChurnCsvError([{ row: line, column: '-', value: '', reason: `unreadable CSV: ${(error as Error).message}` }]);
  }
  const header = records.length > 0 ? Object.keys(records[0]!.record) : firstLine(text);
  const missing = ['customer_code', 'churned', ...HEALTH_FEATURE_NAMES].filter((name) => !header.includes(name));
  if (missing.length > 0) throw new ChurnCsvError(missing.map((column) => ({ row: 1, column, value: '', reason: 'column missing from the header' })));
  if (records.length === 0) throw new ChurnCsvError([{ row: 2, column: '-', value: '', reason: 'no customer rows' }]);

  const issues: ChurnCsvIssue[] = [];
  const examples = records.map(({ record, info }) => {
    const row = info.lines;
    const bad = (column: string, reason: string) => issues.push({ row, column, value: record[column] ?? '', reason });
    const customer = record.customer_code ?? '';
    if (!customer) bad('customer_code', 'required');
    const churnedText = (record.churned ?? '').toLowerCase();
    const churned = churnedText === 'true' || churnedText === '1';
    if (!['true', 'false', '1', '0'].includes(churnedText)) bad('churned', 'must be true, false, 1 or 0');
    const churnedOn = dateCell(record, 'churned_on', bad);
    const asOf = dateCell(record, 'as_of', bad);
    if (churnedOn !== null && !churned) bad('churned_on', 'given but churned is false');
    const features = {} as Record<string, number | null>;
    for (const name of HEALTH_FEATURE_NAMES) {
      const cell = record[name] ?? '';
      if (cell === '') {
        if (!NULLABLE.has(name)) bad(name, 'required (only features that may not exist can be empty)');
        features[name] = null;
        continue;
      }
      const value = Number(cell);
      if (!Number.isFinite(value)) bad(name, 'not a number');
      else if (value < 0 && !name.endsWith('_trend') && name !== 'days_to_contract_end') bad(name, 'must not be negative');
      features[name] = Number.isFinite(value) ? value : null;
    }
    const daysToChurn = churnedOn !== null && asOf !== null ? Math.round((Date.parse(churnedOn) - Date.parse(asOf)) / 86_400_000) : null;
    return { features: features as HealthFeatures, churned, customer, days_to_churn: daysToChurn } satisfies ChurnExample;
  });
  if (issues.length > 0) throw new ChurnCsvError(issues);
  return examples;
}

function dateCell(record: Record<string, string>, column: string, bad: (column: string, reason: string) => void): string | null {
  const cell = record[column] ?? '';
  if (cell === '') return null;
  if (!DATE.test(cell) || Number.isNaN(Date.parse(cell))) {
    bad(column, 'must be a date YYYY-MM-DD');
    return null;
  }
  return cell;
}

function firstLine(text: string): string[] {
  return (text.replace(/^\uFEFF/, '').split(/\r?\n/)[0] ?? '').split(',').map((s) => s.trim());
}
