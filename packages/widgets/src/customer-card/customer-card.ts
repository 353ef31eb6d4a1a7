import { CrmCustomerCard, type CrmCustomerOpenDetail } from './customer-card.component.js';

export { CrmCustomerCard };
export type { CrmCustomerOpenDetail, CustomerCardData } from './customer-card.component.js';

if (!customElements.get('crm-customer-card')) {
  customElements.define('crm-customer-card', CrmCustomerCard);
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-customer-card': CrmCustomerCard;
  }
  interface GlobalEventHandlersEventMap {
    'crm-customer-open': CustomEvent<CrmCustomerOpenDetail>;
  }
}
