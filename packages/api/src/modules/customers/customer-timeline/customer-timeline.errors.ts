import { defineErrors, type ErrorCodesOf } from '../../../platform/errors.ts';

/**
 * The error codes of the customer timeline, with their HTTP status and messages; registered when this file is imported.
 * Every file of this module that names one of them imports this file, so they are registered before any is thrown.
 */
export const customerTimelineErrors = defineErrors({
  'timeline.types_invalid': { status: 422, zh: '时间线类型无效', en: 'Unknown timeline type' },
  'timeline.period_invalid': { status: 422, zh: '时间范围无效：请使用日期或带时区的时间，且开始不晚于结束', en: 'Invalid period: use dates or instants with a zone, and start no later than the end' },
  'timeline.cursor_invalid': { status: 422, zh: '时间线分页游标无效', en: 'The timeline cursor is invalid' },
});

// Adds these codes to `ErrorCode`, so that `new ApiError(code)` checks them at compile time.
declare module '../../../platform/errors.ts' {
  interface ErrorCodes extends ErrorCodesOf<typeof customerTimelineErrors> {}
}
