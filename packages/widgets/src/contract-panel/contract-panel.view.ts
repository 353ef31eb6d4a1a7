import type { Contract, CustomerSlaRecommendation, EffectiveSla, SlaVersion } from '@crm/sdk';
import { html, nothing, type TemplateResult } from 'lit';
import { formatPercent, type CrmLocale } from '../i18n/i18n.js';
import { formatAvailability, formatServiceMinutes, renewalCountdown, topReasons } from './contract-panel.format.js';
import type { ContractPanelMessages } from './contract-panel.messages.js';

/**
 * What the panel loads for a customer, and the `detail` of `crm-contract-panel-loaded`: the SLA in force, the
 * recommendation next to it and the customer's contracts. The last two are `null` when their call failed, since
 * the panel still has something to say without them.
 */
export type ContractPanelData = {
  customerId: string;
  effectiveSla: EffectiveSla;
  recommendation: CustomerSlaRecommendation | null;
  contracts: Contract[] | null;
};

/** How the panel presents loaded data. */
export type ContractPanelView = {
  data: ContractPanelData;
  locale: CrmLocale;
  t: ContractPanelMessages;
  headingLevel: number;
  hideRecommendation: boolean;
  now: Date;
};

const PRIORITIES = ['P1', 'P2', 'P3', 'P4'] as const;

/** A loaded panel: the contract in force (or the baseline notice), the SLA with its targets, the recommendation. */
export function renderContractPanel(view: ContractPanelView): TemplateResult {
  const { data, t, locale, headingLevel } = view;
  const { effectiveSla } = data;
  const sub = Math.min(headingLevel + 1, 6);
  const recommendation = data.recommendation;
  const showRecommendation = !view.hideRecommendation && recommendation?.differs === true;
  return html`
    <article part="base" class="panel ${effectiveSla.source}" lang=${locale} aria-labelledby="panel-title">
      <div part="title" class="title" role="heading" aria-level=${headingLevel} id="panel-title">${t.title}</div>
      ${effectiveSla.contract ? renderContract(view, effectiveSla.contract, sub) : renderNoContract(t)}
      ${renderSla(view, effectiveSla.sla, sub)}
      ${showRecommendation ? renderRecommendation(view, recommendation, sub) : nothing}
    </article>
  `;
}

function heading(level: number, part: string, text: unknown, id?: string) {
  return html`<div part=${part} class="subheading" role="heading" aria-level=${level} id=${id ?? nothing}>${text}</div>`;
}

function renderContract(view: ContractPanelView, contract: NonNullable<EffectiveSla['contract']>, level: number) {
  const { t, data } = view;
  const detail = data.contracts?.find((candidate) => candidate.id === contract.id);
  const others = data.contracts ? data.contracts.filter((candidate) => candidate.id !== contract.id).length : 0;
  const countdown = renewalCountdown(contract.end_date, view.now);
  const renewal =
    countdown.band === 'past' ? t.past : countdown.days === 0 ? t.dueToday : t.daysToRenewal(countdown.days);
  return html`
    <div part="contract" class="block">
      ${heading(level, 'contract-title', html`${t.contractInForce}${detail?.title ? html`<span class="muted">${t.titleSeparator}${detail.title}</span>` : nothing}`)}
      <dl class="fields">
        ${field(t.fields.contractNo, html`<span part="contract-no" class="code">${contract.contract_no}</span>`)}
        ${field(
          t.fields.state,
          html`<span part="badge state" class="badge state-${contract.state}">${t.state[contract.state] ?? contract.state}</span>`,
        )}
        ${field(
          t.fields.period,
          html`<span part="period">${t.period(contract.start_date, contract.end_date)}</span>`,
        )}
        ${field(
          t.fields.renewal,
          html`<span part="renewal renewal-${countdown.band}" class="renewal ${countdown.band}" data-days=${countdown.days}
            >${renewal}</span
          >`,
        )}
      </dl>
      ${others > 0 ? html`<p part="other-contracts" class="muted small">${t.otherContracts(others)}</p>` : nothing}
    </div>
  `;
}

function renderNoContract(t: ContractPanelMessages) {
  return html`<div part="no-contract" class="block baseline-note">
    <p class="strong">${t.noContract}</p>
    <p class="muted">${t.baselineApplies}</p>
  </div>`;
}

function renderSla(view: ContractPanelView, sla: SlaVersion, level: number) {
  const { t, locale, data } = view;
  const name = locale === 'en' ? sla.tier_name.en : sla.tier_name.zh;
  const binding = data.effectiveSla.binding;
  return html`
    <div part="sla" class="block">
      ${heading(
        level,
        'sla-title',
        data.effectiveSla.source === 'contract' ? t.slaTier(name, sla.version_no) : t.baselineTier(name, sla.version_no),
        'sla-title',
      )}
      <dl class="fields">
        ${field(t.fields.serviceHours, html`<span part="service-hours">${t.serviceHours[sla.service_hours] ?? sla.service_hours}</span>`)}
        ${field(t.fields.availability, html`<span part="availability">${formatAvailability(sla.availability_target, locale)}</span>`)}
      </dl>
      <table part="targets" class="targets">
        <caption>${t.targets}</caption>
        <thead>
          <tr>
            <th scope="col">${t.priority}</th>
            <th scope="col">${t.response}</th>
            <th scope="col">${t.resolution}</th>
          </tr>
        </thead>
        <tbody>
          ${PRIORITIES.map((priority) => {
            const target = sla.targets[priority];
            return html`<tr>
              <th scope="row">${priority}</th>
              <td>${formatServiceMinutes(target.response_minutes, locale)}</td>
              <td>${formatServiceMinutes(target.resolution_minutes, locale)}</td>
            </tr>`;
          })}
        </tbody>
      </table>
      ${binding
        ? html`<details part="binding" class="binding">
            <summary>${t.binding}</summary>
            <dl class="fields">
              ${field(t.bindingFields.trigger, t.trigger[binding.trigger] ?? binding.trigger)}
              ${field(t.bindingFields.basis, t.basis[binding.basis] ?? binding.basis)}
              ${field(t.bindingFields.effective, t.period(firstDay(binding.effective_from), lastDay(binding.effective_to)))}
            </dl>
            <p part="binding-reason" class="reason">${binding.reason}</p>
          </details>`
        : nothing}
    </div>
  `;
}

function renderRecommendation(view: ContractPanelView, recommendation: CustomerSlaRecommendation, level: number) {
  const { t, locale, data } = view;
  const rec = recommendation.recommendation;
  const message = recommendation.comparison ? recommendation.comparison.message[locale === 'en' ? 'en' : 'zh'] : '';
  return html`
    <div part="recommendation" class="notice ${recommendation.comparison?.change ?? ''}" role="status">
      ${heading(level, 'recommendation-title', t.recommendation)}
      ${message ? html`<p part="recommendation-message" class="message">${capitalize(message)}</p>` : nothing}
      <dl class="fields">
        ${field(t.recommendedTier, html`<span part="recommended-tier">${recommendedTierName(rec, locale)}</span>`)}
        ${field(t.confidence, html`<span part="confidence">${formatPercent(locale, Math.round(rec.confidence * 100))}</span>`)}
      </dl>
      ${rec.reasons.length
        ? html`<p class="muted small" id="reasons-title">${t.reasons}</p>
            <ul part="reasons" class="reasons" aria-labelledby="reasons-title">
              ${topReasons(rec.reasons).map(
                (reason) => html`<li part="reason" class="reason ${reason.effect}">${locale === 'en' ? reason.en : reason.zh}</li>`,
              )}
            </ul>`
        : nothing}
    </div>
  `;
}

/** The recommended tier's name in the panel's language. */
function recommendedTierName(rec: CustomerSlaRecommendation['recommendation'], locale: CrmLocale): string {
  return locale === 'en' ? rec.tier_name.en : rec.tier_name.zh;
}

/** The calendar day a binding starts on (`2026-01-01 00:00:00` → `2026-01-01`). */
function firstDay(localStart: string): string {
  return localStart.slice(0, 10);
}

/** The last day a binding covers: its end is exclusive, so an end at midnight means the day before. */
function lastDay(localEnd: string): string {
  const day = localEnd.slice(0, 10);
  if (localEnd.slice(11) !== '00:00:00') return day;
  return new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function field(label: string, value: unknown) {
  return html`<div class="field"><dt>${label}</dt><dd>${value}</dd></div>`;
}
