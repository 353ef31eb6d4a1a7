import { CrmServiceHistory, type CrmTimelineEntrySelectDetail } from './service-history.component.js';

export { CrmServiceHistory };
export type { CrmTimelineEntrySelectDetail } from './service-history.component.js';

if (!customElements.get('crm-service-history')) {
  customElements.define('crm-service-history', CrmServiceHistory);
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-service-history': CrmServiceHistory;
  }
  interface GlobalEventHandlersEventMap {
    'crm-timeline-entry-select': CustomEvent<CrmTimelineEntrySelectDetail>;
  }
}
