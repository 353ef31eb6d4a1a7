import { createRoute, z } from '@hono/zod-openapi';
import { errorResponses, envelopeOf } from '../../../platform/http/envelope.ts';
import { KPI_KEYS } from './portfolio-kpis.ts';
import { GRANULARITIES, MAX_PERIODS, SEGMENTS } from './portfolio-periods.ts';
import { isoMonth } from '../../../platform/time/iso-time.ts';
import { permission } from '../../../platform/auth/route-permission.ts';

export const PORTFOLIO_FORMATS = ['json', 'csv', 'xlsx'] as const;
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const PortfolioQuery = z.strictObject({
  granularity: z.enum(GRANULARITIES).default('month').openapi({ description: '`month` (default) or `quarter`' }),
  from: isoMonth.optional().openapi({ description: 'First month (a quarter report starts at its quarter); default: 11 months before `to`', example: '2026-01' }),
  to: isoMonth.optional().openapi({ description: 'Last month; default: this month (Beijing)', example: '2026-12' }),
  segment: z.enum(SEGMENTS).default('none').openapi({ description: '`none` (default): the whole portfolio; `level`: by customer level (1 普通 … 4 战略); `industry`: by industry (`unknown` when empty)' }),
  forecast: z.coerce.number().int().min(0).max(3).default(3).openapi({ description: 'Periods to forecast for revenue, ticket_volume and churn_rate (0–3, default 3)' }),
  format: z.enum(PORTFOLIO_FORMATS).default('json').openapi({ description: '`json` (default); `csv` (UTF-8 with BOM, one row per segment × KPI × period); `xlsx` (one sheet per segment)' }),
});
export type PortfolioQuery = z.infer<typeof PortfolioQuery>;

export const KpiForecastPoint = z
  .object({ period: z.string().openapi({ example: '2027-01' }), value: z.number(), low: z.number().openapi({ description: '80% prediction interval, lower bound' }), high: z.number() })
  .openapi('KpiForecastPoint');

export const KpiSeries = z
  .object({
    values: z.array(z.number().nullable()).openapi({ description: 'One value per period (null: nothing to measure)' }),
    trend: z.enum(['up', 'down', 'flat']).openapi({ description: 'Fitted change over the periods; under 2% of the level is flat' }),
    forecast: z.array(KpiForecastPoint).optional().openapi({ description: 'revenue, ticket_volume and churn_rate only: linear regression over the periods; empty with fewer than 3 values' }),
  })
  .openapi('KpiSeries');

export const KpiDefinition = z
  .object({ zh: z.string(), en: z.string(), unit: z.string(), note: z.string().optional() })
  .openapi('KpiDefinition');

const kpiShape = Object.fromEntries(KPI_KEYS.map((key) => [key, KpiSeries])) as Record<(typeof KPI_KEYS)[number], typeof KpiSeries>;
const definitionShape = Object.fromEntries(KPI_KEYS.map((key) => [key, KpiDefinition])) as Record<(typeof KPI_KEYS)[number], typeof KpiDefinition>;

export const PortfolioSegment = z
  .object({
    segment: z.string().nullable().openapi({ description: 'null with segment=none; the level (`1`…`4`) or the industry otherwise' }),
    kpis: z.object(kpiShape).openapi('PortfolioKpis'),
  })
  .openapi('PortfolioSegment');

export const PortfolioReport = z
  .object({
    granularity: z.enum(GRANULARITIES),
    segment_by: z.enum(SEGMENTS),
    periods: z.array(z.string()).openapi({ example: ['2026-01', '2026-02'] }),
    segments: z.array(PortfolioSegment),
    definitions: z.object(definitionShape).openapi('PortfolioKpiDefinitions'),
  })
  .openapi('PortfolioReport');
export type PortfolioReport = z.infer<typeof PortfolioReport>;

export const portfolioReportRoute = createRoute({
  method: 'get',
  path: '/api/v1/analytics/portfolio',
  operationId: 'getPortfolioReport',
  ...permission('analysis:read'),
  tags: ['analytics'],
  summary: 'Portfolio KPIs of REQ-016 §2 by period and segment, with trend and forecast',
  description: `Satisfaction, NPS (from survey responses; null in a period without NPS answers), retention, churn, LTV, ARPU and its growth, first response time, resolution rate, data completeness (today's value in every period), renewal and upsell rates, plus invoiced revenue and ticket volume, per month or quarter (at most ${MAX_PERIODS} periods) and by level or industry. revenue, ticket_volume and churn_rate carry a linear forecast of the next 0–3 periods with an 80% prediction interval. \`format=csv\` or \`xlsx\` downloads the same figures. Takes \`analysis:read\` (portal users get 403); 422 \`analytics.range_invalid\` when from is after to or the range exceeds ${MAX_PERIODS} periods.`,
  request: { query: PortfolioQuery },
  responses: {
    200: {
      description: 'The report (JSON), or the file (CSV / XLSX)',
      content: {
        'application/json': { schema: envelopeOf(PortfolioReport, 'PortfolioReport') },
        'text/csv': { schema: z.string().openapi({ example: 'segment,kpi,kpi_name,unit,period,value\n' }) },
        [XLSX_TYPE]: { schema: z.string().openapi({ format: 'binary' }) },
      },
    },
    ...errorResponses,
  },
});
