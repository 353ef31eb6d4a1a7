import { Task } from '@lit/task';
import type { Contact, Customer } from '@crm/sdk';
import { CrmConfigController, normalizeLocale } from '@crm/widgets';
import { LitElement, html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { shellStyles } from '../app/shell.styles.js';
import { shellMessages, type ShellMessages } from '../i18n/shell.messages.js';

/** The customer detail; contacts' phone, mobile, e-mail and WeChat arrive masked unless the caller may read them. */
type CustomerDetail = Customer;

/**
 * One customer: the `<crm-customer-card>` widget, for staff the `<crm-health-gauge>` (health score, trend, churn
 * risk), the `<crm-contract-panel>` (contract in force and its SLA), the
 * `<crm-service-history>` timeline and the contacts table. Loads the detail once and hands it to the card; the panel
 * and the timeline load their own data.
 */
export class CrmCustomerPageView extends LitElement {
  static override styles = shellStyles;

  @property({ attribute: 'customer-id' }) customerId = '';

  /** Staff get a way back to the list; portal users have nowhere else to go. */
  @property({ type: Boolean, attribute: 'show-back' }) showBack = false;

  private readonly config = new CrmConfigController(this);

  private readonly detailTask = new Task(this, {
    args: () => [this.customerId, this.config.value?.client] as const,
    task: async ([id, client], { signal }): Promise<CustomerDetail | undefined> => {
      if (!client || !id) return undefined;
      const { data, error } = await client.GET('/api/v1/customers/{id}', { params: { path: { id: Number(id) } }, signal });
      if (error) throw error;
      return data;
    },
  });

  protected override render() {
    const t = shellMessages(normalizeLocale(this.config.value?.locale));
    return html`
      ${this.showBack ? html`<p><a href="#/customers">← ${t.customer.back}</a></p>` : nothing}
      <h1>${t.customer.title}</h1>
      ${this.detailTask.render({
        pending: () => html`<p role="status" class="muted">${t.customer.loading}</p>`,
        complete: (customer) => (customer ? this.renderCustomer(customer, t) : nothing),
        error: (error) =>
          html`<p role="alert" class="error">${t.customer.failed}：${(error as Error | undefined)?.message ?? ''}</p>`,
      })}
    `;
  }

  private renderCustomer(customer: CustomerDetail, t: ShellMessages) {
    const c = t.customer;
    return html`
      <crm-customer-card customer-id=${String(customer.id)} heading-level="2" .customer=${customer}></crm-customer-card>
      <!-- Health is internal: the API answers portal users 403, so they are not shown an empty gauge. -->
      ${this.showBack
        ? html`<crm-health-gauge customer-id=${String(customer.id)} heading-level="2" style="margin-top: 1rem"></crm-health-gauge>`
        : nothing}
      <!-- The SLA recommendation is an internal sales aid: staff see it, portal users (no way back) do not. -->
      <crm-contract-panel
        customer-id=${String(customer.id)}
        heading-level="2"
        ?hide-recommendation=${!this.showBack}
        style="margin-top: 1rem"
      ></crm-contract-panel>
      <!-- The API decides what each reader's timeline holds: portal users see no internal communications. -->
      <crm-service-history customer-id=${String(customer.id)} heading-level="2" style="margin-top: 1rem"></crm-service-history>
      <h2 id="contacts-title">${c.contacts}</h2>
      ${customer.contacts.length === 0
        ? html`<p class="muted">${c.noContacts}</p>`
        : html`<div class="table-scroll" tabindex="0" role="region" aria-labelledby="contacts-title">
            <table>
              <thead>
                <tr>
                  ${[c.contactName, c.position, c.department, c.mobile, c.phone, c.email, c.role].map(
                    (label) => html`<th scope="col">${label}</th>`,
                  )}
                </tr>
              </thead>
              <tbody>
                ${customer.contacts.map(
                  (contact) => html`<tr>
                    <td>${contact.contact_name}</td>
                    <td>${contact.position ?? '—'}</td>
                    <td>${contact.department ?? '—'}</td>
                    <td class="mobile">${contact.mobile ?? '—'}</td>
                    <td>${contact.phone ?? '—'}</td>
                    <td>${contact.email ?? '—'}</td>
                    <td>${roles(contact, c).join(' · ') || '—'}</td>
                  </tr>`,
                )}
              </tbody>
            </table>
          </div>`}
    `;
  }
}

function roles(contact: Contact, c: ShellMessages['customer']): string[] {
  return [Number(contact.is_primary) === 1 ? c.primary : '', Number(contact.is_decision_maker) === 1 ? c.decisionMaker : ''].filter(
    Boolean,
  );
}
