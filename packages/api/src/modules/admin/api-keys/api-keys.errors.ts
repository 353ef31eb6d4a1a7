import { defineErrors, type ErrorCodesOf } from '../../../platform/errors.ts';

/**
 * The error codes of API keys, with their HTTP status and messages; registered when this file is imported.
 * Every file of this module that names one of them imports this file, so they are registered before any is thrown.
 */
export const apiKeysErrors = defineErrors({
  'api_key.not_found': { status: 404, zh: 'API 密钥不存在', en: 'API key not found' },
});

// Adds these codes to `ErrorCode`, so that `new ApiError(code)` checks them at compile time.
declare module '../../../platform/errors.ts' {
  interface ErrorCodes extends ErrorCodesOf<typeof apiKeysErrors> {}
}
