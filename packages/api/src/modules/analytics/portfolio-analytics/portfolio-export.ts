import ExcelJS from 'exceljs';
import { spreadsheetCsv } from '../../../platform/spreadsheet-csv.ts';
import type { PortfolioReport } from './portfolio-analytics.contract.ts';
import { KPI_KEYS } from './portfolio-kpis.ts';

const LEVEL_NAMES: Record<string, string> = { '1': '普通', '2': '重要', '3': 'VIP', '4': '战略' };

/** A segment as a reader sees it: 全部客户, 等级-VIP, 行业-制造业. */
export function segmentLabel(report: PortfolioReport, segment: string | null): string {
  if (segment === null) return '全部客户';
  if (report.segment_by === 'level') return `等级-${LEVEL_NAMES[segment] ?? segment}`;
  return `行业-${segment === 'unknown' ? '未填写' : segment}`;
}

/**
 * The report as CSV: a BOM (so Excel reads the Chinese right), a header, then one row per segment × KPI × period,
 * forecasts as rows of their own with the interval.
 * @example portfolioCsv(report).startsWith('\uFEFF分群') // true
 */
export function portfolioCsv(report: PortfolioReport): string {
  const rows: (string | number | null)[][] = [];
  for (const { segment, kpis } of report.segments) {
    for (const kpi of KPI_KEYS) {
      const definition = report.definitions[kpi];
      const series = kpis[kpi];
      report.periods.forEach((period, i) => rows.push([segmentLabel(report, segment), kpi, definition.zh, definition.unit, period, 'actual', series.values[i] ?? null, null, null, series.trend]));
      for (const point of series.forecast ?? []) rows.push([segmentLabel(report, segment), kpi, definition.zh, definition.unit, point.period, 'forecast', point.value, point.low, point.high, series.trend]);
    }
  }
  const header = ['分群', '指标代码', '指标', '单位', '周期', '类型', '数值', '预测下限(80%)', '预测上限(80%)', '趋势'];
  return spreadsheetCsv([header, ...rows]);
}

const TREND_NAMES = { up: '上升', down: '下降', flat: '持平' } as const;

/** Sheet names: at most 31 characters, none of `[]:*?/\`, unique. */
const sheetName = (label: string, used: Set<string>) => {
  const base = label.replace(/[[\]:*?/\\]/g, '_').slice(0, 28);
  let name = base;
  for (let i = 2; used.has(name); i += 1) name = `${base}_${i}`;
  used.add(name);
  return name;
};

/**
 * The report as an XLSX workbook: one sheet per segment, a row per KPI, a column per period, then the forecast
 * periods (value and 80% interval) and the trend, headers in Chinese.
 * @example const bytes = await portfolioXlsx(report) // a Buffer to send
 */
export async function portfolioXlsx(report: PortfolioReport): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'CRM REQ-016';
  const used = new Set<string>();
  for (const { segment, kpis } of report.segments) {
    const sheet = workbook.addWorksheet(sheetName(segmentLabel(report, segment), used));
    const forecastPeriods = [...new Set(KPI_KEYS.flatMap((kpi) => (kpis[kpi].forecast ?? []).map((p) => p.period)))];
    sheet.addRow(['指标', '单位', ...report.periods, ...forecastPeriods.map((p) => `${p} 预测（80%区间）`), '趋势', '说明']);
    sheet.getRow(1).font = { bold: true };
    for (const kpi of KPI_KEYS) {
      const definition = report.definitions[kpi];
      const series = kpis[kpi];
      const forecast = forecastPeriods.map((period) => {
        const point = series.forecast?.find((p) => p.period === period);
        return point ? `${point.value} (${point.low}–${point.high})` : null;
      });
      sheet.addRow([definition.zh, definition.unit, ...series.values, ...forecast, TREND_NAMES[series.trend], definition.note ?? null]);
    }
    sheet.getColumn(1).width = 28;
    sheet.views = [{ state: 'frozen', xSplit: 1, ySplit: 1 }];
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
