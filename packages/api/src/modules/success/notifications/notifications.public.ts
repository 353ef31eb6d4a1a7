/**
 * The front door of the notifications module: what other modules may use. Everything else in this folder is
 * the module's own (checked by .dependency-cruiser.cjs, docs/architecture.md).
 */
export { notify } from './notifications.service.ts';
