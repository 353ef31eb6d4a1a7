import { html, nothing, type TemplateResult } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import { formatList, formatPercent, type CrmLocale, type CrmMessages } from '../i18n/i18n.js';

/**
 * The part of the customer detail (`GET /api/v1/customers/{id}`) the card shows. The SDK's `Customer` fits it;
 * keeping the card's needs this narrow lets a host pass a list row enriched by itself too.
 */
export type CustomerCardData = {
  id: number | string;
  customer_code: string;
  customer_name: string;
  customer_type?: number | null;
  industry?: string | null;
  status: number;
  level: number;
  assigned_manager_name?: string | null;
  contacts?: ReadonlyArray<{
    contact_name: string;
    mobile?: string | null;
    phone?: string | null;
    email?: string | null;
    is_primary: number | boolean;
  }>;
  tags?: ReadonlyArray<{ id: number | string; name: string; color?: string | null }>;
  completeness?: { score: number; missing: readonly string[]; complete: boolean } | null;
};

/** How a card presents a loaded customer. */
export type CustomerCardView = {
  customer: CustomerCardData;
  locale: CrmLocale;
  t: CrmMessages;
  compact: boolean;
  headingLevel: number;
  onOpen: () => void;
};

/** A loaded customer: header always, details and tags unless compact. */
export function renderCustomer(view: CustomerCardView): TemplateResult {
  const { customer, t, compact } = view;
  return html`
    <article part="base" class="card" lang=${view.locale} aria-label=${t.customerCard(customer.customer_name)}>
      <div part="header" class="header">
        <div part="name" class="name" role="heading" aria-level=${view.headingLevel}>
          <button part="open" class="open" type="button" @click=${view.onOpen}>${customer.customer_name}</button>
        </div>
        <span part="code" class="code"><span class="visually-hidden">${t.fields.code} </span>${customer.customer_code}</span>
        <span class="badges">
          ${badge(`level level-${customer.level}`, t.fields.level, t.level[customer.level])}
          ${badge(`status status-${customer.status}`, t.fields.status, t.status[customer.status])}
        </span>
      </div>
      ${compact ? nothing : renderDetails(customer, t)}
      ${customer.completeness ? renderCompleteness(view, customer.completeness) : nothing}
    </article>
  `;
}

function badge(kind: string, label: string, value: string | undefined) {
  if (!value) return nothing;
  return html`<span part="badge ${kind.split(' ')[0]}" class="badge ${kind}"
    ><span class="visually-hidden">${label}：</span>${value}</span
  >`;
}

function renderDetails(customer: CustomerCardData, t: CrmMessages) {
  const primary = customer.contacts?.find((contact) => Number(contact.is_primary) === 1);
  const reach = primary?.mobile || primary?.phone || primary?.email;
  return html`
    <dl part="fields" class="fields">
      ${field(t.fields.industry, customer.industry || html`<span class="muted">${t.notSet}</span>`)}
      ${field(t.fields.manager, customer.assigned_manager_name || html`<span class="muted">${t.notSet}</span>`)}
      ${field(
        t.fields.primaryContact,
        primary
          ? html`<span part="contact-name">${primary.contact_name}</span>${reach
                ? html` · <span part="contact-phone" class="phone">${reach}</span>`
                : nothing}`
          : html`<span class="muted">${t.noPrimaryContact}</span>`,
      )}
    </dl>
    ${customer.tags?.length
      ? html`<ul part="tags" class="tags" aria-label=${t.fields.tags}>
          ${customer.tags.map(
            (tag) =>
              html`<li part="tag" class="tag" style=${styleMap({ '--tag-color': safeColor(tag.color) })}>${tag.name}</li>`,
          )}
        </ul>`
      : nothing}
  `;
}

function field(label: string, value: unknown) {
  return html`<div class="field"><dt>${label}</dt><dd>${value}</dd></div>`;
}

function renderCompleteness(view: CustomerCardView, completeness: NonNullable<CustomerCardData['completeness']>) {
  const { t, locale } = view;
  const score = Math.max(0, Math.min(100, Math.round(completeness.score)));
  const band = score < 60 ? 'low' : score < 85 ? 'mid' : 'high';
  const missing = completeness.missing.map((key) => t.missingField[key] ?? key);
  return html`
    <div part="completeness" class="completeness">
      <span class="label" id="completeness-label">${t.fields.completeness}</span>
      <div
        class="meter"
        role="meter"
        aria-labelledby="completeness-label"
        aria-valuemin="0"
        aria-valuemax="100"
        aria-valuenow=${score}
        aria-valuetext=${formatPercent(locale, score)}
      >
        <div class="meter-fill ${band}" style=${styleMap({ width: `${score}%` })}></div>
      </div>
      <span part="completeness-value">${formatPercent(locale, score)}</span>
      ${view.compact || missing.length === 0
        ? nothing
        : html`<span class="missing">${t.fields.missing}：${formatList(locale, missing)}</span>`}
    </div>
  `;
}

/** Only plain colour values reach the style attribute. */
function safeColor(color: string | null | undefined): string | undefined {
  return color && /^(#[0-9a-f]{3,8}|[a-z]+)$/i.test(color) ? color : undefined;
}
