import { CrmError } from '@crm/sdk';
import { Task } from '@lit/task';
import { LitElement, html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { CrmConfigController } from '../config/config.controller.js';
import { describeLoadFailure, NotConfiguredError } from '../config/load-failure.js';
import type { CrmWidgetConfig } from '../config/config.js';
import { normalizeLocale, type CrmLocale } from '../i18n/i18n.js';
import { contractPanelMessages, type ContractPanelMessages } from './contract-panel.messages.js';
import { stateStyles } from '../theme/states.styles.js';
import { themeStyles } from '../theme/theme.styles.js';
import { contractPanelStyles } from './contract-panel.styles.js';
import { renderContractPanel, type ContractPanelData } from './contract-panel.view.js';

export type { ContractPanelData };

/** `detail` of `crm-contract-panel-loaded`: everything the panel loaded. */
export type CrmContractPanelLoadedDetail = ContractPanelData;


/**
 * A customer's contract in force and the SLA bound to it (REQ-016-002/009), for the customer page and for the
 * SLA and ticket modules: contract number, title, state, term and days to renewal; the SLA tier and version,
 * service hours, availability and the P1–P4 response and resolution targets, with the reason of the binding;
 * and, when the recommended tier differs from the bound one, the recommendation as a notice. Without a contract
 * in force it says so and shows the baseline SLA that applies.
 * Loads `GET /api/v1/customers/{id}/effective-sla`, `…/sla-recommendation` and `…/contracts` through the SDK.
 *
 * @summary Contract in force and its SLA, with renewal countdown and recommendation.
 *
 * @fires {CustomEvent<CrmContractPanelLoadedDetail>} crm-contract-panel-loaded - The panel loaded (again) for a
 * customer and shows it. Bubbles and crosses shadow roots; `detail` holds the effective SLA, the recommendation
 * and the contracts.
 *
 * @csspart base - The panel's root element (also in loading, error and empty states).
 * @csspart title - The panel's heading.
 * @csspart contract - The block of the contract in force.
 * @csspart contract-title - Its heading, with the contract's title.
 * @csspart contract-no - The contract number.
 * @csspart badge - The state badge; also `state`.
 * @csspart state - The contract state badge.
 * @csspart period - The contract term.
 * @csspart renewal - The days-to-renewal text; also `renewal-soon` (≤ 30 days), `renewal-past` or `renewal-later`.
 * @csspart other-contracts - How many other contracts the customer has.
 * @csspart no-contract - The notice that no contract is in force and the baseline applies.
 * @csspart sla - The SLA block.
 * @csspart sla-title - Its heading: tier name and version.
 * @csspart service-hours - 7×24 or 5×8.
 * @csspart availability - The availability target.
 * @csspart targets - The table of P1–P4 targets.
 * @csspart binding - The details element with the binding's trigger, basis and reason.
 * @csspart binding-reason - The binding's reason.
 * @csspart recommendation - The recommendation notice (only when it differs from the bound tier).
 * @csspart recommendation-title - Its heading.
 * @csspart recommendation-message - The comparison message.
 * @csspart recommended-tier - The recommended tier's name.
 * @csspart confidence - The recommendation's confidence.
 * @csspart reasons - The list of the main reasons (up to three).
 * @csspart reason - Each reason.
 * @csspart message - The text of the loading, empty and error states.
 * @csspart retry - The retry button of the error state.
 *
 * @cssproperty [--crm-font-family=system-ui, …] - Font stack.
 * @cssproperty [--crm-font-size=0.875rem] - Base font size.
 * @cssproperty [--crm-color-text=#1f2937] - Text colour.
 * @cssproperty [--crm-color-text-muted=#4b5563] - Labels and secondary text.
 * @cssproperty [--crm-color-surface=#ffffff] - Panel background.
 * @cssproperty [--crm-color-surface-muted=#f3f4f6] - Table header, skeletons.
 * @cssproperty [--crm-color-border=#d1d5db] - Panel and table borders.
 * @cssproperty [--crm-color-accent=#1d4ed8] - Recommendation notice, retry button.
 * @cssproperty [--crm-color-danger=#b91c1c] - Errors, expired contracts.
 * @cssproperty [--crm-color-warning=#b45309] - Renewal due within 30 days.
 * @cssproperty [--crm-color-success=#15803d] - Active contract state.
 * @cssproperty [--crm-radius=0.5rem] - Corner radius.
 * @cssproperty [--crm-space=1rem] - Padding and gaps.
 * @cssproperty [--crm-shadow=0 1px 2px rgb(0 0 0 / 0.06)] - Panel shadow.
 * @cssproperty [--crm-focus-ring=0 0 0 3px rgb(29 78 216 / 0.45)] - Focus indicator.
 */
export class CrmContractPanel extends LitElement {
  static override styles = [themeStyles, stateStyles, contractPanelStyles];

  /** Id of the customer whose contract and SLA to show. Changing it loads the other customer. */
  @property({ attribute: 'customer-id', reflect: true }) customerId = '';

  /** Overrides the provider's locale for this panel (`zh-CN` or `en`). */
  @property() locale: string | undefined;

  /** ARIA level of the panel's heading, to fit the host page's outline; its sections use the next level. */
  @property({ attribute: 'heading-level', type: Number }) headingLevel = 3;

  /** Leaves the recommendation out, e.g. for customer portal users, to whom it is internal. */
  @property({ attribute: 'hide-recommendation', type: Boolean }) hideRecommendation = false;

  private readonly config = new CrmConfigController(this);

  private readonly panelTask = new Task(this, {
    args: () => [this.customerId, this.config.value] as const,
    task: async ([customerId, config], { signal }): Promise<ContractPanelData | null> => {
      if (!customerId) return null;
      if (!config) throw new NotConfiguredError();
      const id = Number(customerId);
      // Ids are positive integers: anything else cannot name a customer, so say so without asking the API.
      if (!Number.isSafeInteger(id) || id <= 0) {
        throw new CrmError({ status: 404, code: 'customer.not_found', message: `customer-id="${customerId}"` });
      }
      return loadContractPanel(config, customerId, id, signal);
    },
    onComplete: (data) => {
      if (data) void this.announceLoaded(data);
    },
  });

  /** The locale in force: the panel's own, else the provider's or `configure()`'s, else zh-CN. */
  get effectiveLocale(): CrmLocale {
    return normalizeLocale(this.locale ?? this.config.value?.locale);
  }

  protected override render() {
    const locale = this.effectiveLocale;
    const t = contractPanelMessages(locale);
    return this.panelTask.render({
      initial: () => this.renderLoading(t, locale),
      pending: () => this.renderLoading(t, locale),
      complete: (data) =>
        data
          ? renderContractPanel({ data, locale, t, headingLevel: this.headingLevel, hideRecommendation: this.hideRecommendation, now: new Date() })
          : this.renderEmpty(t, locale),
      error: (error) => this.renderError(error, t, locale),
    });
  }

  private renderLoading(t: ContractPanelMessages, locale: CrmLocale) {
    return html`<div part="base" class="panel loading" lang=${locale} aria-busy="true">
      <span part="message" class="visually-hidden" role="status">${t.loading}</span>
      <div class="skeleton wide"></div>
      <div class="skeleton"></div>
      <div class="skeleton"></div>
      <div class="skeleton tall"></div>
    </div>`;
  }

  private renderEmpty(t: ContractPanelMessages, locale: CrmLocale) {
    return html`<div part="base" class="panel empty" lang=${locale}>
      <p part="message" class="muted">${t.empty}<span class="visually-hidden"> ${t.emptyHint}</span></p>
    </div>`;
  }

  private renderError(error: unknown, t: ContractPanelMessages, locale: CrmLocale) {
    const { text, retryable, requestId } = describeLoadFailure(error, t);
    return html`<div part="base" class="panel error" lang=${locale} role="alert">
      <p part="message" class="error-message">${text}</p>
      ${requestId ? html`<p class="muted">request_id: ${requestId}</p>` : nothing}
      ${retryable
        ? html`<button part="retry" class="retry" type="button" @click=${() => this.panelTask.run()}>${t.retry}</button>`
        : nothing}
    </div>`;
  }

  /** Fires once the loaded data is on screen, so listeners can read the rendered panel. */
  private async announceLoaded(data: ContractPanelData): Promise<void> {
    await this.updateComplete;
    this.dispatchEvent(
      new CustomEvent<CrmContractPanelLoadedDetail>('crm-contract-panel-loaded', { bubbles: true, composed: true, detail: data }),
    );
  }
}

/**
 * The three calls, in parallel. The SLA in force decides: its failure (404, 403, …) is the panel's. The
 * recommendation and the contract list only add to it, so when either fails the panel shows what it has.
 */
async function loadContractPanel(config: CrmWidgetConfig, customerId: string, id: number, signal: AbortSignal): Promise<ContractPanelData> {
  const params = { path: { id } };
  const [effective, recommendation, contracts] = await Promise.all([
    config.client.GET('/api/v1/customers/{id}/effective-sla', { params, signal }),
    config.client.GET('/api/v1/customers/{id}/sla-recommendation', { params, signal }),
    config.client.GET('/api/v1/customers/{id}/contracts', { params, signal }),
  ]);
  if (effective.error) throw effective.error;
  return {
    customerId,
    effectiveSla: effective.data,
    recommendation: recommendation.data ?? null,
    contracts: contracts.data?.items ?? null,
  };
}
