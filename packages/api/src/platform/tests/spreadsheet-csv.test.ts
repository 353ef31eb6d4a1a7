import { describe, expect, it } from 'vitest';
import { spreadsheetCsv } from '../spreadsheet-csv.ts';

describe('spreadsheetCsv', () => {
  it.each([
    ['=HYPERLINK("http://x","click")', `"'=HYPERLINK(""http://x"",""click"")"`],
    ['@SUM(1+1)', "'@SUM(1+1)"],
    ['+1+1 cmd', "'+1+1 cmd"],
    ['-2+3 test', "'-2+3 test"],
    ['\t=1', "'\t=1"],
    ['\r=1', `"'\r=1"`],
    ['＝1+1', "'＝1+1"],
    ['华东精密制造有限公司', '华东精密制造有限公司'],
    ['a=b', 'a=b'],
  ])('writes the text cell %j as %j', (cell, written) => {
    expect(spreadsheetCsv([[cell]])).toBe(`\uFEFF${written}\r\n`);
  });

  it('keeps numbers as numbers, negative ones too, and empty cells empty', () => {
    expect(spreadsheetCsv([[-2, 3.5, null, 0]])).toBe('\uFEFF-2,3.5,,0\r\n');
  });
});
