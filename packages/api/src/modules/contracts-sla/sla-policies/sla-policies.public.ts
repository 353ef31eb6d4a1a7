/**
 * The front door of the sla-policies module: what other modules may use. Everything else in this folder is
 * the module's own (checked by .dependency-cruiser.cjs, docs/architecture.md).
 */
export { SlaVersion } from './sla-policies.contract.ts';
export type { SlaTargets } from './sla-policies.schema.ts';
export { bindableVersion, latestPublishedVersion, listSlaTiers, recommendationCatalogue, slaVersionsById } from './sla-policies.service.ts';
// Other modules throw these codes too: importing this front door registers them.
export { slaPoliciesErrors } from './sla-policies.errors.ts';
