import { stringify } from 'csv-stringify/sync';

/** A cell of an export: text, a number, or empty. */
export type CsvCell = string | number | null;

/**
 * The one CSV writer of every export (segments, portfolio, any other): a BOM so Excel reads the Chinese
 * right, CRLF rows, and every text cell that a spreadsheet would run as a formula — one starting with `=`,
 * `+`, `-`, `@`, a tab or a carriage return, or their full-width forms — neutralised with a leading `'`
 * (OWASP's CSV-injection rule, as csv-stringify implements it). Numbers stay numbers, negative ones too.
 * @example spreadsheetCsv([['客户名称'], ['=HYPERLINK("http://x","click")']]) // '\uFEFF客户名称\r\n"\'=HYPERLINK(""http://x"",""click"")"\r\n'
 */
export function spreadsheetCsv(rows: readonly (readonly CsvCell[])[]): string {
  // A lone CR or LF inside a cell is quoted too, or a reader would break the row there.
  return `\uFEFF${stringify(rows as CsvCell[][], { record_delimiter: '\r\n', escape_formulas: true, quoted_match: /[\r\n]/ })}`;
}
