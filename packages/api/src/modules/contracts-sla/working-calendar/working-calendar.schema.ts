import { bigint, jsonb, pgTable, timestamp, varchar } from 'drizzle-orm/pg-core';
import { rowVersion } from '../../../db/columns.ts';
import type { CalendarOverride } from './working-calendar.ts';

/**
 * A tenant's edits to the working calendar, as one document (see `working-calendar.ts`): mainland China's
 * holidays and 调休 days are the base, the stored override replaces fields and whole years. No row: the base.
 */
export const workingCalendars = pgTable('working_calendars', {
  tenant_id: bigint('tenant_id', { mode: 'number' }).primaryKey(),
  override: jsonb('override').$type<CalendarOverride>().notNull(),
  version: rowVersion(),
  updated_by: varchar('updated_by', { length: 100 }),
  updated_at: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});

export type WorkingCalendarRow = typeof workingCalendars.$inferSelect;
