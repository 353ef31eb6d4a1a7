import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { newCustomer, useTestTenant } from '../../../test-support/index.ts';

// Customer names an attacker (or a careless import) can put into the CRM, which a spreadsheet would run. (A
// leading tab or carriage return is trimmed from a name; spreadsheet-csv.test.ts covers those cells.)
const HOSTILE_NAMES = ['=HYPERLINK("http://x","click")', '@SUM(1+1)', '+1+1 cmd', '-2+3 test', '＝1+1 全角'];

const t = useTestTenant(['admin']);
let segmentId: number;

beforeAll(async () => {
  for (const customer_name of [...HOSTILE_NAMES, '正常的客户有限公司']) await newCustomer(t, { customer_name, industry: '公式注入' });
  const segment = await t.post('/api/v1/segments', { as: 'admin', body: { name: '注入测试', rule_text: 'industry = "公式注入"' } });
  expect(segment.body.data.member_count).toBe(HOSTILE_NAMES.length + 1);
  segmentId = segment.body.data.id;
});

const exportOf = (format: 'csv' | 'xlsx') => t.ctx.app.request(`/api/v1/segments/${segmentId}/export?format=${format}`, { headers: { Authorization: `Bearer ${t.as.admin}` } });

describe('segment exports never carry a formula', () => {
  it('CSV: every cell a spreadsheet would run starts with a quote; the text is otherwise kept', async () => {
    const text = (await (await exportOf('csv')).text()).replace(/^\uFEFF/, '');
    const names = (parse(text, { columns: true }) as Record<string, string>[]).map((row) => row['客户名称']!);
    for (const name of HOSTILE_NAMES) expect(names).toContain(`'${name}`);
    expect(names).toContain('正常的客户有限公司');
    expect(names.filter((name) => /^[=+\-@\t\r＝＋－＠]/.test(name))).toEqual([]);
  });

  it('XLSX: the names stay text cells, never formulas', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await (await exportOf('xlsx')).arrayBuffer());
    const sheet = workbook.worksheets[0]!;
    const cells = Array.from({ length: sheet.rowCount - 1 }, (_, i) => sheet.getRow(i + 2).getCell(2));
    expect(cells.map((cell) => cell.type)).toEqual(cells.map(() => ExcelJS.ValueType.String));
    expect(cells.map((cell) => cell.value)).toEqual(expect.arrayContaining(HOSTILE_NAMES));
  });
});
