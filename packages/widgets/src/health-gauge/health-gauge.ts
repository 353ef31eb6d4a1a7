import { CrmHealthGauge, type CrmHealthGaugeLoadedDetail } from './health-gauge.component.js';

export { CrmHealthGauge };
export type { CrmHealthGaugeLoadedDetail, CustomerHealthData } from './health-gauge.component.js';

if (!customElements.get('crm-health-gauge')) {
  customElements.define('crm-health-gauge', CrmHealthGauge);
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-health-gauge': CrmHealthGauge;
  }
  interface GlobalEventHandlersEventMap {
    'crm-health-gauge-loaded': CustomEvent<CrmHealthGaugeLoadedDetail>;
  }
}
