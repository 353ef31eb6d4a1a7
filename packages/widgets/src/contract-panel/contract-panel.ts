import { CrmContractPanel, type CrmContractPanelLoadedDetail } from './contract-panel.component.js';

export { CrmContractPanel };
export type { ContractPanelData, CrmContractPanelLoadedDetail } from './contract-panel.component.js';

if (!customElements.get('crm-contract-panel')) {
  customElements.define('crm-contract-panel', CrmContractPanel);
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-contract-panel': CrmContractPanel;
  }
  interface GlobalEventHandlersEventMap {
    'crm-contract-panel-loaded': CustomEvent<CrmContractPanelLoadedDetail>;
  }
}
