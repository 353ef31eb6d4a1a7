/**
 * The front door of the working-calendar module: what other modules may use. Everything else in this folder is
 * the module's own (checked by .dependency-cruiser.cjs, docs/architecture.md).
 */
export { addServiceMinutes, isWithinServiceHours, SERVICE_HOURS_7X24, serviceMinutesBetween } from './business-time.ts';
export type { ServiceHours } from './business-time.ts';
export { tenantWorkingCalendar } from './working-calendar.service.ts';
