import ExcelJS from 'exceljs';
import { spreadsheetCsv } from '../../../platform/spreadsheet-csv.ts';
import type { SegmentMember } from './segments.contract.ts';

const HEADER = ['客户编码', '客户名称', '客户等级', '行业', '地区', '健康度', '近12个月收入', '价值分层'];
const LEVEL_NAMES: Record<number, string> = { 1: '普通', 2: '重要', 3: 'VIP', 4: '战略' };
const BAND_NAMES: Record<string, string> = { green: '健康', yellow: '关注', red: '风险' };
const TIER_NAMES: Record<string, string> = { champion: '核心价值', loyal: '忠诚', big_spender: '高消费', at_risk: '流失风险', hibernating: '沉睡', potential: '潜力' };

/** One export row: the level, band and tier spelled out in Chinese, revenue as a number. */
const rowOf = (m: SegmentMember): (string | number | null)[] => [
  m.customer_code,
  m.customer_name,
  LEVEL_NAMES[m.level] ?? String(m.level),
  m.industry,
  m.region,
  m.health_band ? (BAND_NAMES[m.health_band] ?? m.health_band) : null,
  Number(m.revenue_12m),
  m.value_tier ? (TIER_NAMES[m.value_tier] ?? m.value_tier) : null,
];

/**
 * The members as CSV: a BOM (so Excel reads the Chinese right), a Chinese header, one row per customer.
 * @example segmentCsv(members).startsWith('\uFEFF客户编码') // true
 */
export function segmentCsv(members: readonly SegmentMember[]): string {
  return spreadsheetCsv([HEADER, ...members.map(rowOf)]);
}

/**
 * The members as an XLSX workbook: one sheet named after the segment, bold frozen header.
 * @example const bytes = await segmentXlsx('高价值客户', members) // a Buffer to send
 */
export async function segmentXlsx(segmentName: string, members: readonly SegmentMember[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'CRM REQ-016';
  const sheet = workbook.addWorksheet(segmentName.replace(/[[\]:*?/\\]/g, '_').slice(0, 31) || '客户分群');
  sheet.addRow(HEADER);
  sheet.getRow(1).font = { bold: true };
  for (const member of members) sheet.addRow(rowOf(member));
  sheet.getColumn(2).width = 32;
  sheet.getColumn(7).numFmt = '#,##0.00';
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
