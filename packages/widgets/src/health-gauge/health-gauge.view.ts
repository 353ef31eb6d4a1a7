import type { CustomerHealth } from '@crm/sdk';
import { html, nothing, svg, type TemplateResult } from 'lit';
import { formatPercent, type CrmLocale } from '../i18n/i18n.js';
import {
  GAUGE,
  clampScore,
  formatPoints,
  gaugeArc,
  gaugePoint,
  signedNumber,
  sparklinePoints,
  topFactors,
  type HealthBand,
} from './health-gauge.format.js';
import type { HealthGaugeMessages } from './health-gauge.messages.js';

/** A customer's health as `GET /api/v1/customers/{id}/health` answers, and the `detail` of `crm-health-gauge-loaded`. */
export type CustomerHealthData = CustomerHealth;

/** How the gauge presents loaded data. */
export type HealthGaugeView = {
  data: CustomerHealthData;
  locale: CrmLocale;
  t: HealthGaugeMessages;
  headingLevel: number;
  /** Factors to list, largest contribution first. */
  factorCount: number;
};

/** The loaded gauge: the meter, the 30-day trend, the churn risk and the main factors. */
export function renderHealthGauge(view: HealthGaugeView): TemplateResult {
  const { data, t, locale, headingLevel } = view;
  const sub = Math.min(headingLevel + 1, 6);
  return html`
    <article part="base" class="gauge-panel band-${data.band}" lang=${locale} aria-labelledby="gauge-title">
      <div part="title" class="title" role="heading" aria-level=${headingLevel} id="gauge-title">${t.title}</div>
      <div class="summary">
        ${renderMeter(view)}
        <div class="side">
          ${renderTrend(view)} ${renderChurn(view)}
          <p part="stage" class="muted small">${t.stage}：${t.stages[data.stage] ?? data.stage}</p>
        </div>
      </div>
      ${renderFactors(view, sub)}
    </article>
  `;
}

/** Score and band as the meter's spoken value: "72 分，健康" / "72, healthy". */
export function meterValueText(score: number, band: HealthBand, locale: CrmLocale, t: HealthGaugeMessages): string {
  return t.valueText(new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(score), t.band[band]);
}

function renderMeter({ data, locale, t }: HealthGaugeView) {
  const score = clampScore(data.score);
  const valueText = meterValueText(score, data.band, locale, t);
  const track = gaugeArc(100);
  const ticks = [data.thresholds.yellow, data.thresholds.green].map((threshold) => {
    const inner = gaugePoint(threshold, GAUGE.r - GAUGE.stroke / 2 - 2);
    const outer = gaugePoint(threshold, GAUGE.r + GAUGE.stroke / 2 + 2);
    return svg`<line class="tick" x1=${inner.x} y1=${inner.y} x2=${outer.x} y2=${outer.y}></line>`;
  });
  return html`
    <div
      part="meter"
      class="meter"
      role="meter"
      aria-label=${t.gaugeLabel}
      aria-valuemin="0"
      aria-valuemax="100"
      aria-valuenow=${score}
      aria-valuetext=${valueText}
    >
      <svg part="gauge" class="dial" viewBox="0 0 200 110" aria-hidden="true" focusable="false">
        <path class="track" d=${track}></path>
        <path part="gauge-value" class="value" d=${gaugeArc(score)}></path>
        ${ticks}
      </svg>
      <div class="reading" aria-hidden="true">
        <span part="score" class="score">${new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(score)}</span>
        <span part="band" class="band-label">${t.band[data.band]}</span>
      </div>
    </div>
  `;
}

function renderTrend({ data, locale, t }: HealthGaugeView) {
  const { delta_30d: delta, direction, history } = data.trend;
  const text = delta === null ? t.trendUnknown : t.trendText(signedNumber(delta, locale));
  const points = sparklinePoints(history);
  return html`
    <div part="trend" class="trend ${direction}">
      ${points
        ? html`<svg part="sparkline" class="sparkline" viewBox="0 0 120 32" preserveAspectRatio="none" aria-hidden="true" focusable="false">
            <polyline points=${points}></polyline>
          </svg>`
        : nothing}
      <span part="trend-text" class="trend-text" title=${t.trend}>${text}</span>
      ${delta === null ? nothing : html`<span class="visually-hidden">${t.direction[direction] ?? direction}</span>`}
    </div>
  `;
}

function renderChurn({ data, locale, t }: HealthGaugeView) {
  if (!data.churn_risk) return nothing;
  const probability = data.churn_probability === null ? '' : t.churnProbability(formatPercent(locale, Math.round(data.churn_probability * 100)));
  return html`<p part="churn-risk" class="churn">
    <span class="muted">${t.churnRisk}</span>
    <span part="badge churn-badge" class="badge churn-${data.churn_risk}">${t.churn[data.churn_risk] ?? data.churn_risk}${probability}</span>
  </p>`;
}

function renderFactors(view: HealthGaugeView, level: number) {
  const { data, locale, t } = view;
  const factors = topFactors(data.contributions, view.factorCount);
  if (factors.length === 0) return nothing;
  return html`
    <div class="factors-block">
      <div part="factors-title" class="subheading" role="heading" aria-level=${level} id="factors-title">${t.factors}</div>
      <ul part="factors" class="factors" aria-labelledby="factors-title">
        ${factors.map((factor) => {
          const measured = factor.score !== null;
          return html`<li part="factor" class="factor" data-factor=${factor.factor}>
            <span part="factor-label" class="factor-label">${locale === 'en' ? factor.label.en : factor.label.zh}</span>
            <span part="factor-points" class="factor-points">${t.points(formatPoints(factor.points, locale))}</span>
            <span part="factor-score" class="factor-score muted small">${measured ? t.factorScore(formatPoints(factor.score!, locale)) : t.noValue}</span>
            <span class="bar" aria-hidden="true"><span class="fill" style="inline-size: ${measured ? clampScore(factor.score!) : 0}%"></span></span>
          </li>`;
        })}
      </ul>
    </div>
  `;
}
