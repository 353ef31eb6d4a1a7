/**
 * Entry of the portal shell: registers the widgets and the shell's own views, then the app element in index.html
 * upgrades.
 */
import '@crm/widgets';
import { CrmPortalApp } from './app/portal-app.component.js';
import { CrmCustomerListView } from './customer-list/customer-list-view.component.js';
import { CrmCustomerPageView } from './customer-page/customer-page-view.component.js';
import { CrmLoginView } from './login/login-view.component.js';
import { CrmSurveyListView } from './survey-list/survey-list-view.component.js';

const elements = {
  'crm-login-view': CrmLoginView,
  'crm-customer-list-view': CrmCustomerListView,
  'crm-customer-page-view': CrmCustomerPageView,
  'crm-survey-list-view': CrmSurveyListView,
  'crm-portal-app': CrmPortalApp,
} as const;

for (const [tag, element] of Object.entries(elements)) {
  if (!customElements.get(tag)) customElements.define(tag, element);
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-login-view': CrmLoginView;
    'crm-customer-list-view': CrmCustomerListView;
    'crm-customer-page-view': CrmCustomerPageView;
    'crm-survey-list-view': CrmSurveyListView;
    'crm-portal-app': CrmPortalApp;
  }
}
