import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ChurnCsvError, parseChurnCsv } from './churn-csv.ts';
import { run } from './churn-train.cli.ts';

const fixture = join(import.meta.dirname, 'fixtures', 'churn-customers.csv');
const text = readFileSync(fixture, 'utf8');
const lines = text.trimEnd().split('\n');
const header = lines[0]!.split(',');

function withCell(line: number, column: string, value: string): string {
  const copy = [...lines];
  const cells = copy[line - 1]!.split(',');
  cells[header.indexOf(column)] = value;
  copy[line - 1] = cells.join(',');
  return copy.join('\n');
}

function issuesOf(csv: string) {
  try {
    parseChurnCsv(csv);
  } catch (error) {
    if (error instanceof ChurnCsvError) return error;
  }
  throw new Error('expected a ChurnCsvError');
}

describe('parseChurnCsv', () => {
  it('reads the 50-customer fixture with churn labels, dates and missing values', () => {
    const examples = parseChurnCsv(text);
    expect(examples).toHaveLength(50);
    expect(examples.filter((e) => e.churned).length).toBe(16);
    expect(examples.filter((e) => e.churned).every((e) => e.days_to_churn! >= 90)).toBe(true);
    expect(examples.some((e) => e.features.overdue_ratio === null)).toBe(true);
  });

  it('names the row and column of every bad value', () => {
    const error = issuesOf(withCell(4, 'tickets_90d', 'abc').replace(lines[6]!, lines[6]!.replace(/^(C\d+),(true|false)/, '$1,maybe')));
    expect(error.issues).toEqual(expect.arrayContaining([
      expect.objectContaining({ row: 4, column: 'tickets_90d', value: 'abc' }),
      expect.objectContaining({ row: 7, column: 'churned', value: 'maybe' }),
    ]));
    expect(error.message).toContain('row 4, column tickets_90d: not a number');
  });

  it('rejects bad dates, empty required features and a missing column', () => {
    expect(issuesOf(withCell(2, 'as_of', '2025/06/24')).message).toContain('row 2, column as_of: must be a date YYYY-MM-DD');
    expect(issuesOf(withCell(3, 'level', '')).message).toContain('row 3, column level: required');
    expect(issuesOf(withCell(3, 'logins_30d', '-4')).message).toContain('row 3, column logins_30d: must not be negative');
    const noLevel = text.replace(',level,', ',grade,');
    expect(issuesOf(noLevel).issues).toEqual([expect.objectContaining({ row: 1, column: 'level' })]);
  });
});

describe('churn:train command', () => {
  const captured = () => {
    const out: string[] = [];
    const err: string[] = [];
    return { out, err, io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t) } };
  };

  it('trains from a CSV and writes the model JSON to --out', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'churn-'));
    const target = join(dir, 'model.json');
    const { out, io } = captured();
    expect(await run(['--', '--csv', fixture, '--out', target], io)).toBe(0);
    const model = JSON.parse(readFileSync(target, 'utf8'));
    expect(model.parameters.kind).toBe('logistic-regression');
    expect(model.parameters.weights).toHaveLength(21);
    expect(model.metrics.test_size + model.metrics.train_size).toBe(50);
    expect(model.trained_on).toMatchObject({ source: 'csv', customers: 50, examples: 50 });
    expect(out.join('\n')).toContain('ROC-AUC');
    expect(out.join('\n')).toContain('not reliable');
  });

  it('prints the JSON on stdout and the backtest on stderr without --out', async () => {
    const { out, err, io } = captured();
    expect(await run(['--csv', fixture], io)).toBe(0);
    expect(JSON.parse(out.join('\n')).parameters.features).toContain('overdue_ratio');
    expect(err.join('\n')).toContain('held-out backtest');
  });

  it('answers bad arguments with the usage and bad data with the row-numbered errors', async () => {
    const usage = captured();
    expect(await run([], usage.io)).toBe(2);
    expect(usage.err.join()).toContain('usage');
    const dir = mkdtempSync(join(tmpdir(), 'churn-'));
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, withCell(5, 'rating_90d', 'good'));
    const badData = captured();
    expect(await run(['--csv', bad], badData.io)).toBe(1);
    expect(badData.err.join()).toContain('row 5, column rating_90d');
  });
});
