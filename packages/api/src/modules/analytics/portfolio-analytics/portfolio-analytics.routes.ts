import { ok } from '../../../platform/http/envelope.ts';
import { scopeOf } from '../../../platform/request-context.ts';
import { createRouter } from '../../../platform/router.ts';
import { portfolioReportRoute, XLSX_TYPE } from './portfolio-analytics.contract.ts';
import { portfolioReport } from './portfolio-analytics.service.ts';
import { portfolioCsv, portfolioXlsx } from './portfolio-export.ts';

/** REQ-016 §2 and REQ-016-004: the portfolio's KPIs by period and segment, as JSON, CSV or XLSX. */
export const portfolioAnalyticsRoutes = createRouter().openapi(portfolioReportRoute, async function portfolioReportHandler(c) {
  const { format, ...query } = c.req.valid('query');
  const report = await portfolioReport(scopeOf(c), query, new Date());
  const file = `portfolio-${report.periods[0]}-${report.periods[report.periods.length - 1]}`;
  if (format === 'csv') {
    return c.body(portfolioCsv(report), 200, { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${file}.csv"` });
  }
  if (format === 'xlsx') {
    const bytes = await portfolioXlsx(report);
    return c.body(new Uint8Array(bytes), 200, { 'Content-Type': XLSX_TYPE, 'Content-Disposition': `attachment; filename="${file}.xlsx"` });
  }
  return ok(c, report, { zh: '分析成功', en: 'Analysis complete' }, 200);
});
