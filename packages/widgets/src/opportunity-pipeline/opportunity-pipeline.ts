import { CrmOpportunityPipeline, type CrmOpportunityMovedDetail, type CrmOpportunityOpenDetail } from './opportunity-pipeline.component.js';

export { CrmOpportunityPipeline };
export type { CrmOpportunityMovedDetail, CrmOpportunityOpenDetail } from './opportunity-pipeline.component.js';

if (!customElements.get('crm-opportunity-pipeline')) {
  customElements.define('crm-opportunity-pipeline', CrmOpportunityPipeline);
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-opportunity-pipeline': CrmOpportunityPipeline;
  }
  interface GlobalEventHandlersEventMap {
    'crm-opportunity-open': CustomEvent<CrmOpportunityOpenDetail>;
    'crm-opportunity-moved': CustomEvent<CrmOpportunityMovedDetail>;
  }
}
