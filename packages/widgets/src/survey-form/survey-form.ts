import { CrmSurveyForm, type CrmSurveySubmittedDetail } from './survey-form.component.js';

export { CrmSurveyForm };
export type { CrmSurveySubmittedDetail } from './survey-form.component.js';

if (!customElements.get('crm-survey-form')) {
  customElements.define('crm-survey-form', CrmSurveyForm);
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-survey-form': CrmSurveyForm;
  }
  interface GlobalEventHandlersEventMap {
    'crm-survey-submitted': CustomEvent<CrmSurveySubmittedDetail>;
  }
}
