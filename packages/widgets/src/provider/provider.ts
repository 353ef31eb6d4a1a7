import { CrmProvider } from './provider.component.js';

export { CrmProvider };

if (!customElements.get('crm-provider')) {
  customElements.define('crm-provider', CrmProvider);
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-provider': CrmProvider;
  }
}
