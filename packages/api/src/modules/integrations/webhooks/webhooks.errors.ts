import { defineErrors, type ErrorCodesOf } from '../../../platform/errors.ts';

/**
 * The error codes of webhooks, with their HTTP status and messages; registered when this file is imported.
 * Every file of this module that names one of them imports this file, so they are registered before any is thrown.
 */
export const webhooksErrors = defineErrors({
  'webhook.not_found': { status: 404, zh: 'Webhook 订阅不存在', en: 'Webhook subscription not found' },
  'webhook.target_refused': { status: 422, zh: 'Webhook 地址指向内网、本机或保留地址，不予投递', en: 'The webhook URL points to a private, loopback or reserved address; nothing is sent there' },
  'webhook_delivery.not_found': { status: 404, zh: 'Webhook 投递记录不存在', en: 'Webhook delivery not found' },
  'webhook_delivery.pending': { status: 409, zh: '该投递仍在等待发送，无需重新投递', en: 'The delivery is still pending; it will be sent without redelivery' },
});

// Adds these codes to `ErrorCode`, so that `new ApiError(code)` checks them at compile time.
declare module '../../../platform/errors.ts' {
  interface ErrorCodes extends ErrorCodesOf<typeof webhooksErrors> {}
}
