/**
 * The front door of the segments module: what other modules may use. Everything else in this folder is
 * the module's own (checked by .dependency-cruiser.cjs, docs/architecture.md).
 */
export { segmentExists, segmentMemberIds } from './segments.reads.ts';
