import { CrmError } from '@crm/sdk';
import { Task } from '@lit/task';
import { LitElement, html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { CrmConfigController } from '../config/config.controller.js';
import { describeLoadFailure, NotConfiguredError } from '../config/load-failure.js';
import type { CrmWidgetConfig } from '../config/config.js';
import { normalizeLocale, type CrmLocale } from '../i18n/i18n.js';
import { stateStyles } from '../theme/states.styles.js';
import { themeStyles } from '../theme/theme.styles.js';
import { healthGaugeMessages, type HealthGaugeMessages } from './health-gauge.messages.js';
import { healthGaugeStyles } from './health-gauge.styles.js';
import { renderHealthGauge, type CustomerHealthData } from './health-gauge.view.js';

export type { CustomerHealthData };

/** `detail` of `crm-health-gauge-loaded`: the health the gauge shows. */
export type CrmHealthGaugeLoadedDetail = CustomerHealthData;


/**
 * A customer's health score (issue 5) for the customer page and the CSM workbench: a semicircle gauge in the
 * band's colour (`role="meter"`, its value spoken as "72 分，健康"), the 30-day trend as a sparkline with its
 * delta, the churn risk when the model gives one, and the factors that weigh most. For staff only: the API
 * answers portal users 403, which the gauge shows as a friendly "no permission" note.
 * Loads `GET /api/v1/customers/{id}/health` through the SDK.
 *
 * @summary Customer health score gauge with trend, churn risk and main factors.
 *
 * @fires {CustomEvent<CrmHealthGaugeLoadedDetail>} crm-health-gauge-loaded - The gauge loaded (again) for a
 * customer and shows it. Bubbles and crosses shadow roots; `detail` is the API's health object.
 *
 * @csspart base - The gauge's root element (also in loading, error and empty states).
 * @csspart title - The heading.
 * @csspart meter - The `role="meter"` element holding the dial and the reading.
 * @csspart gauge - The dial's SVG.
 * @csspart gauge-value - The arc up to the score, in the band's colour.
 * @csspart score - The score in figures.
 * @csspart band - The band's name.
 * @csspart trend - The 30-day trend block.
 * @csspart sparkline - The trend's SVG line (absent without history).
 * @csspart trend-text - The trend as text ("30 天 +5").
 * @csspart churn-risk - The churn risk line (only when the model gives one).
 * @csspart badge - The churn risk badge; also `churn-badge`.
 * @csspart churn-badge - The churn risk badge.
 * @csspart stage - The lifecycle stage whose weights applied.
 * @csspart factors-title - The factors' heading.
 * @csspart factors - The list of the main factors.
 * @csspart factor - Each factor.
 * @csspart factor-label - Its name.
 * @csspart factor-points - Its points in the score.
 * @csspart factor-score - Its own 0–100 score.
 * @csspart message - The text of the loading, empty and error states.
 * @csspart retry - The retry button of the error state.
 *
 * @cssproperty [--crm-health-green=#15803d] - Colour of the green band (healthy).
 * @cssproperty [--crm-health-yellow=#b45309] - Colour of the yellow band (needs attention).
 * @cssproperty [--crm-health-red=#b91c1c] - Colour of the red band (at risk).
 * @cssproperty [--crm-font-family=system-ui, …] - Font stack.
 * @cssproperty [--crm-font-size=0.875rem] - Base font size.
 * @cssproperty [--crm-color-text=#1f2937] - Text colour.
 * @cssproperty [--crm-color-text-muted=#4b5563] - Labels, threshold ticks and secondary text.
 * @cssproperty [--crm-color-surface=#ffffff] - Background.
 * @cssproperty [--crm-color-surface-muted=#f3f4f6] - The dial's track, factor bars, skeletons.
 * @cssproperty [--crm-color-border=#d1d5db] - Border.
 * @cssproperty [--crm-color-accent=#1d4ed8] - Factor bars, retry button.
 * @cssproperty [--crm-color-danger=#b91c1c] - Errors.
 * @cssproperty [--crm-radius=0.5rem] - Corner radius.
 * @cssproperty [--crm-space=1rem] - Padding and gaps.
 * @cssproperty [--crm-shadow=0 1px 2px rgb(0 0 0 / 0.06)] - Panel shadow.
 * @cssproperty [--crm-focus-ring=0 0 0 3px rgb(29 78 216 / 0.45)] - Focus indicator.
 */
export class CrmHealthGauge extends LitElement {
  static override styles = [themeStyles, stateStyles, healthGaugeStyles];

  /** Id of the customer whose health to show. Changing it loads the other customer. */
  @property({ attribute: 'customer-id', reflect: true }) customerId = '';

  /** Overrides the provider's locale for this gauge (`zh-CN` or `en`). */
  @property() locale: string | undefined;

  /** ARIA level of the heading, to fit the host page's outline; the factors' heading uses the next level. */
  @property({ attribute: 'heading-level', type: Number }) headingLevel = 3;

  /** How many of the weightiest factors to list (0 hides them). */
  @property({ attribute: 'factor-count', type: Number }) factorCount = 3;

  private readonly config = new CrmConfigController(this);

  private readonly healthTask = new Task(this, {
    args: () => [this.customerId, this.config.value] as const,
    task: async ([customerId, config], { signal }): Promise<CustomerHealthData | null> => {
      if (!customerId) return null;
      if (!config) throw new NotConfiguredError();
      const id = Number(customerId);
      // Ids are positive integers: anything else cannot name a customer, so say so without asking the API.
      if (!Number.isSafeInteger(id) || id <= 0) {
        throw new CrmError({ status: 404, code: 'customer.not_found', message: `customer-id="${customerId}"` });
      }
      return loadHealth(config, id, signal);
    },
    onComplete: (data) => {
      if (data) void this.announceLoaded(data);
    },
  });

  /** The locale in force: the gauge's own, else the provider's or `configure()`'s, else zh-CN. */
  get effectiveLocale(): CrmLocale {
    return normalizeLocale(this.locale ?? this.config.value?.locale);
  }

  protected override render() {
    const locale = this.effectiveLocale;
    const t = healthGaugeMessages(locale);
    return this.healthTask.render({
      initial: () => this.renderLoading(t, locale),
      pending: () => this.renderLoading(t, locale),
      complete: (data) =>
        data
          ? renderHealthGauge({ data, locale, t, headingLevel: this.headingLevel, factorCount: Math.max(0, Math.trunc(this.factorCount) || 0) })
          : this.renderEmpty(t, locale),
      error: (error) => this.renderError(error, t, locale),
    });
  }

  private renderLoading(t: HealthGaugeMessages, locale: CrmLocale) {
    return html`<div part="base" class="gauge-panel loading" lang=${locale} aria-busy="true">
      <span part="message" class="visually-hidden" role="status">${t.loading}</span>
      <div class="skeleton wide"></div>
      <div class="skeleton dial-skeleton"></div>
      <div class="skeleton"></div>
    </div>`;
  }

  private renderEmpty(t: HealthGaugeMessages, locale: CrmLocale) {
    return html`<div part="base" class="gauge-panel empty" lang=${locale}>
      <p part="message" class="muted">${t.empty}<span class="visually-hidden"> ${t.emptyHint}</span></p>
    </div>`;
  }

  private renderError(error: unknown, t: HealthGaugeMessages, locale: CrmLocale) {
    const { text, retryable, requestId, kind } = describeLoadFailure(error, t);
    // "No permission" is an expected answer for some users, not a failure: a note rather than an alert.
    return html`<div part="base" class="gauge-panel ${kind}" lang=${locale} role=${kind === 'forbidden' ? 'note' : 'alert'}>
      <p part="message" class=${kind === 'forbidden' ? 'muted' : 'error-message'}>${text}</p>
      ${requestId && kind !== 'forbidden' ? html`<p class="muted">request_id: ${requestId}</p>` : nothing}
      ${retryable
        ? html`<button part="retry" class="retry" type="button" @click=${() => this.healthTask.run()}>${t.retry}</button>`
        : nothing}
    </div>`;
  }

  /** Fires once the loaded data is on screen, so listeners can read the rendered gauge. */
  private async announceLoaded(data: CustomerHealthData): Promise<void> {
    await this.updateComplete;
    this.dispatchEvent(new CustomEvent<CrmHealthGaugeLoadedDetail>('crm-health-gauge-loaded', { bubbles: true, composed: true, detail: data }));
  }
}

async function loadHealth(config: CrmWidgetConfig, id: number, signal: AbortSignal): Promise<CustomerHealthData> {
  const { data, error } = await config.client.GET('/api/v1/customers/{id}/health', { params: { path: { id } }, signal });
  if (error) throw error;
  return data;
}
