/**
 * The front door of the tasks module: what other modules may use. Everything else in this folder is
 * the module's own (checked by .dependency-cruiser.cjs, docs/architecture.md).
 */
export { runPlaybook } from './playbooks.service.ts';
export { TASK_PRIORITIES } from './task-priorities.ts';
export type { TaskPriority } from './task-priorities.ts';
export { createTask } from './tasks.service.ts';
export { taskSummaries, takenTaskSourceKeys } from './tasks.reads.ts';
export type { TaskSummary } from './tasks.reads.ts';
