import { CrmError } from '@crm/sdk';
import { Task } from '@lit/task';
import { LitElement, html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { CrmConfigController } from '../config/config.controller.js';
import { describeLoadFailure, NotConfiguredError } from '../config/load-failure.js';
import { messagesFor, normalizeLocale, type CrmLocale, type CrmMessages } from '../i18n/i18n.js';
import { stateStyles } from '../theme/states.styles.js';
import { themeStyles } from '../theme/theme.styles.js';
import { customerCardStyles } from './customer-card.styles.js';
import { renderCustomer, type CustomerCardData } from './customer-card.view.js';

export type { CustomerCardData };

/** `detail` of `crm-customer-open`. */
export type CrmCustomerOpenDetail = { customerId: string };


/**
 * A customer at a glance: name, code, level, status, industry, account manager, primary contact (masked as the
 * caller's rights say), tags and profile completeness. Loads `GET /api/v1/customers/{id}` through the SDK.
 *
 * @summary Customer summary card, with a `compact` variant for lists and side panels.
 *
 * @fires {CustomEvent<CrmCustomerOpenDetail>} crm-customer-open - The user activated the card (click, Enter or
 * Space on its name). Bubbles and crosses shadow roots; `detail.customerId` is the customer's id.
 *
 * @csspart base - The card's root element (also in loading, error and empty states).
 * @csspart header - The row with name, code and badges.
 * @csspart name - The heading holding the customer's name.
 * @csspart open - The name's button that opens the customer.
 * @csspart code - The customer code.
 * @csspart badge - Each badge; also `level` or `status`.
 * @csspart level - The level badge.
 * @csspart status - The status badge.
 * @csspart fields - The list of industry, manager and primary contact.
 * @csspart contact-name - The primary contact's name.
 * @csspart contact-phone - The primary contact's (possibly masked) phone or e-mail.
 * @csspart tags - The tag list.
 * @csspart tag - Each tag.
 * @csspart completeness - The completeness row.
 * @csspart completeness-value - The completeness percentage.
 * @csspart message - The text of the loading, empty and error states.
 * @csspart retry - The retry button of the error state.
 *
 * @cssproperty [--crm-font-family=system-ui, …] - Font stack.
 * @cssproperty [--crm-font-size=0.875rem] - Base font size.
 * @cssproperty [--crm-color-text=#1f2937] - Text colour.
 * @cssproperty [--crm-color-text-muted=#4b5563] - Labels and secondary text.
 * @cssproperty [--crm-color-surface=#ffffff] - Card background.
 * @cssproperty [--crm-color-surface-muted=#f3f4f6] - Tags, meter track and skeletons.
 * @cssproperty [--crm-color-border=#d1d5db] - Card border.
 * @cssproperty [--crm-color-accent=#1d4ed8] - Links, VIP/strategic badges, retry button.
 * @cssproperty [--crm-color-danger=#b91c1c] - Errors, churned status, low completeness.
 * @cssproperty [--crm-color-warning=#b45309] - Medium completeness.
 * @cssproperty [--crm-color-success=#15803d] - Active status, high completeness.
 * @cssproperty [--crm-radius=0.5rem] - Corner radius.
 * @cssproperty [--crm-space=1rem] - Padding and gaps.
 * @cssproperty [--crm-shadow=0 1px 2px rgb(0 0 0 / 0.06)] - Card shadow.
 * @cssproperty [--crm-focus-ring=0 0 0 3px rgb(29 78 216 / 0.45)] - Focus indicator.
 */
export class CrmCustomerCard extends LitElement {
  static override styles = [themeStyles, stateStyles, customerCardStyles];

  /** Id of the customer to show. */
  @property({ attribute: 'customer-id', reflect: true }) customerId = '';

  /** Smaller layout: name, code, level, status and completeness only. */
  @property({ type: Boolean, reflect: true }) compact = false;

  /** Overrides the provider's locale for this card (`zh-CN` or `en`). */
  @property() locale: string | undefined;

  /** ARIA level of the heading holding the name, to fit the host page's outline. */
  @property({ attribute: 'heading-level', type: Number }) headingLevel = 3;

  /** A customer the host already loaded (the detail or a list row); when set the card does not fetch. */
  @property({ attribute: false }) customer: CustomerCardData | undefined;

  private readonly config = new CrmConfigController(this);

  private readonly customerTask = new Task(this, {
    args: () => [this.customerId, this.config.value, this.customer] as const,
    task: async ([customerId, config, preloaded], { signal }): Promise<CustomerCardData | null> => {
      if (preloaded) return preloaded;
      if (!customerId) return null;
      if (!config) throw new NotConfiguredError();
      const id = Number(customerId);
      // Ids are positive integers: anything else cannot name a customer, so say so without asking the API.
      if (!Number.isSafeInteger(id) || id <= 0) {
        throw new CrmError({ status: 404, code: 'customer.not_found', message: `customer-id="${customerId}"` });
      }
      const { data, error } = await config.client.GET('/api/v1/customers/{id}', { params: { path: { id } }, signal });
      if (error) throw error;
      return data;
    },
  });

  /** The locale in force: the card's own, else the provider's or `configure()`'s, else zh-CN. */
  get effectiveLocale(): CrmLocale {
    return normalizeLocale(this.locale ?? this.config.value?.locale);
  }

  protected override render() {
    const locale = this.effectiveLocale;
    const t = messagesFor(locale);
    return this.customerTask.render({
      initial: () => this.renderLoading(t, locale),
      pending: () => this.renderLoading(t, locale),
      complete: (customer) =>
        customer
          ? renderCustomer({
              customer,
              locale,
              t,
              compact: this.compact,
              headingLevel: this.headingLevel,
              onOpen: () => this.open(customer),
            })
          : this.renderEmpty(t, locale),
      error: (error) => this.renderError(error, t, locale),
    });
  }

  private renderLoading(t: CrmMessages, locale: CrmLocale) {
    return html`<div part="base" class="card loading" lang=${locale} aria-busy="true">
      <span part="message" class="visually-hidden" role="status">${t.loading}</span>
      <div class="skeleton wide"></div>
      ${this.compact ? nothing : html`<div class="skeleton"></div><div class="skeleton"></div>`}
    </div>`;
  }

  private renderEmpty(t: CrmMessages, locale: CrmLocale) {
    return html`<div part="base" class="card empty" lang=${locale}>
      <p part="message" class="muted">${t.empty}<span class="visually-hidden"> ${t.emptyHint}</span></p>
    </div>`;
  }

  private renderError(error: unknown, t: CrmMessages, locale: CrmLocale) {
    const { text, retryable, requestId } = describeLoadFailure(error, t);
    return html`<div part="base" class="card error" lang=${locale} role="alert">
      <p part="message" class="error-message">${text}</p>
      ${requestId ? html`<p class="muted">request_id: ${requestId}</p>` : nothing}
      ${retryable
        ? html`<button part="retry" class="retry" type="button" @click=${() => this.customerTask.run()}>
            ${t.retry}
          </button>`
        : nothing}
    </div>`;
  }

  private open(customer: CustomerCardData): void {
    this.dispatchEvent(
      new CustomEvent<CrmCustomerOpenDetail>('crm-customer-open', {
        bubbles: true,
        composed: true,
        detail: { customerId: String(customer.id) },
      }),
    );
  }
}
