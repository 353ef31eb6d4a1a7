import { z } from '@hono/zod-openapi';
import { EMAIL_PATTERN, MOBILE_PATTERN, PHONE_PATTERN, WECHAT_PATTERN } from '../../platform/crypto/pii.ts';

/** 0/1 as in the requirement's data model; `true`/`false` are accepted too. */
export const Flag = z
  .union([z.literal(0), z.literal(1), z.boolean()])
  .transform((v) => v === true || v === 1)
  .openapi({ type: 'integer', enum: [0, 1], example: 1 });

const optionalText = (max: number) => z.string().trim().max(max).nullish();

export const ContactInput = z
  .strictObject({
    contact_name: z.string().trim().min(1).max(100).openapi({ example: '张总' }),
    position: optionalText(100).openapi({ example: '总经理' }),
    department: optionalText(100).openapi({ example: '总经办' }),
    department_id: z.number().int().positive().nullish(),
    reports_to_id: z.number().int().positive().nullish(),
    phone: z.string().trim().max(20).regex(PHONE_PATTERN, '固定电话格式不正确 / invalid landline number').nullish().openapi({ example: '010-12345678' }),
    mobile: z.string().trim().max(20).regex(MOBILE_PATTERN, '手机号格式不正确 / invalid mobile number').nullish().openapi({ example: '13800138000' }),
    email: z.string().trim().max(100).regex(EMAIL_PATTERN, '邮箱格式不正确 / invalid e-mail').nullish().openapi({ example: 'zhang@abc-tech.com' }),
    wechat: z.string().trim().max(100).regex(WECHAT_PATTERN, '微信号格式不正确 / invalid WeChat id').nullish(),
    is_primary: Flag.optional(),
    is_decision_maker: Flag.optional(),
  })
  .openapi('ContactInput');
export type ContactInput = z.infer<typeof ContactInput>;

export const ContactUpdate = ContactInput.partial().openapi('ContactUpdate');
export type ContactUpdate = z.infer<typeof ContactUpdate>;

export const Contact = z
  .object({
    id: z.number().int(),
    customer_id: z.number().int(),
    contact_name: z.string(),
    position: z.string().nullable(),
    department: z.string().nullable(),
    department_id: z.number().int().nullable(),
    reports_to_id: z.number().int().nullable(),
    phone: z.string().nullable().openapi({ description: 'Masked (010-****5678) unless the caller has pii:read' }),
    mobile: z.string().nullable().openapi({ example: '138****8000' }),
    email: z.string().nullable(),
    wechat: z.string().nullable(),
    is_primary: z.number().int().openapi({ enum: [0, 1] }),
    is_decision_maker: z.number().int().openapi({ enum: [0, 1] }),
    version: z.number().int(),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .openapi('Contact');
export type Contact = z.infer<typeof Contact>;
