/**
 * The front door of the communications module: what other modules may use. Everything else in this folder is
 * the module's own (checked by .dependency-cruiser.cjs, docs/architecture.md).
 */
export { lastCommunicationAt } from './communication-recency.ts';
export { communicationTimeline } from './communications.timeline.ts';
export { lastContacts } from './last-contacts.ts';
