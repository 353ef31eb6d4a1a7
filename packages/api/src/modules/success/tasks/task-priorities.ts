/**
 * How urgent a task is, lowest first. Kept apart from the schema so other modules (the success plays'
 * opportunities) can name priorities without reaching for the `tasks` table.
 * @example z.enum(TASK_PRIORITIES) // 'low' | 'normal' | 'high' | 'urgent'
 */
export const TASK_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
/** One of `TASK_PRIORITIES`. */
export type TaskPriority = (typeof TASK_PRIORITIES)[number];
