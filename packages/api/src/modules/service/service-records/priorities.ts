/**
 * Ticket priorities, P1 the most urgent. Kept apart from the schema so other modules (SLA policy targets,
 * complaint triage) can name priorities without reaching for the `service_records` table.
 * @example z.enum(PRIORITIES) // 'P1' | 'P2' | 'P3' | 'P4'
 */
export const PRIORITIES = ['P1', 'P2', 'P3', 'P4'] as const;
/** One of `PRIORITIES`. */
export type Priority = (typeof PRIORITIES)[number];
