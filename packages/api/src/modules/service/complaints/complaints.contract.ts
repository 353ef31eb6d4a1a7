import { z } from '@hono/zod-openapi';
import { pageOf, pageQuery } from '../../../platform/http/pagination.ts';
import { COMPLAINT_CATEGORIES, COMPLAINT_SENTIMENTS, COMPLAINT_SEVERITIES } from '../complaint-classifier/complaint-classifier.public.ts';
import { PRIORITIES } from '../service-records/service-records.public.ts';
import { COMPLAINT_ACTIONS } from './complaint-flow.ts';
import { COMPLAINT_DEADLINES, COMPLAINT_SOURCES, COMPLAINT_STATUSES } from './complaints.schema.ts';

/** Longest title and description; longer text is refused with 422 `complaint.text_invalid`. */
export const TITLE_MAX = 300;
export const DESCRIPTION_MAX = 20_000;

// Texts are bounded generously here (so a huge body is still refused early) and to their real limits in
// the service, which answers 422 with the field and its limit.
const text = (max: number, example: string, description?: string) => z.string().max(max * 4).openapi({ example, maxLength: max, ...(description ? { description } : {}) });
const requiredText = (max: number, example: string) => z.string().trim().min(1).max(max).openapi({ example });
const id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

export const ComplaintServiceRecordRef = z
  .strictObject({
    source: z.string().trim().min(1).max(32).openapi({ example: 'itsm' }),
    external_id: z.string().trim().min(1).max(100).openapi({ example: 'INC-20260301-0042' }),
  })
  .openapi('ComplaintServiceRecordRef');

export const ComplaintSubmit = z
  .strictObject({
    customer_id: id.optional().openapi({ description: 'Staff: the customer complaining. Portal users: ignored unless it names another customer (then 404); the token decides.' }),
    contact_id: id.optional().openapi({ description: 'A contact of that customer' }),
    title: text(TITLE_MAX, '核心业务系统宕机两小时无人响应'),
    description: text(DESCRIPTION_MAX, '3 月 1 日上午 9 点起核心业务系统无法访问，电话报修后两小时无人回复，影响全公司营业。'),
    service_record: ComplaintServiceRecordRef.optional().openapi({ description: 'Raised from a ticket: the customer is the ticket\'s and the complaint links to it' }),
  })
  .openapi('ComplaintSubmit');
export type ComplaintSubmit = z.infer<typeof ComplaintSubmit>;

const Labelled = <T extends readonly [string, ...string[]]>(values: T) => z.object({ value: z.enum(values), confidence: z.number().min(0).max(1) });

export const ComplaintClassification = z
  .object({
    category: Labelled(COMPLAINT_CATEGORIES),
    severity: Labelled(COMPLAINT_SEVERITIES),
    sentiment: Labelled(COMPLAINT_SENTIMENTS),
    drivers: z.array(z.object({ word: z.string(), label: z.string(), weight: z.number() })).openapi({ description: 'Words that drove the labels, most influential first' }),
    language: z.enum(['zh', 'en']),
    model_version: z.string(),
  })
  .openapi('ComplaintClassification');

export const Complaint = z
  .object({
    id: z.number().int(),
    complaint_no: z.string().openapi({ example: 'CP-202603-000042' }),
    customer_id: z.number().int(),
    contact_id: z.number().int().nullable(),
    source: z.enum(COMPLAINT_SOURCES),
    service_record_id: z.number().int().nullable(),
    submitted_by: z.number().int().nullable(),
    title: z.string(),
    description: z.string(),
    classification: ComplaintClassification.nullable().openapi({ description: "The classifier's answer at submission, as given; null for portal users (internal triage)" }),
    category: z.enum(COMPLAINT_CATEGORIES),
    severity: z.enum(COMPLAINT_SEVERITIES).nullable().openapi({ description: 'null for portal users (internal triage)' }),
    sentiment: z.enum(COMPLAINT_SENTIMENTS).nullable().openapi({ description: 'null for portal users (internal triage)' }),
    corrected: z.boolean().openapi({ description: 'Staff corrected the labels (always false for portal users)' }),
    priority: z.enum(PRIORITIES).nullable().openapi({ description: 'null for portal users (internal triage)' }),
    status: z.enum(COMPLAINT_STATUSES),
    assignee_id: z.number().int().nullable().openapi({ description: 'null for portal users' }),
    queue: z.string().nullable().openapi({ description: '`complaints` while nobody is assigned; null for portal users' }),
    acknowledge_due_at: z.string().openapi({ description: 'Local time (Asia/Shanghai)', example: '2026-03-01 10:30:00' }),
    resolve_due_at: z.string(),
    acknowledged_at: z.string().nullable(),
    resolved_at: z.string().nullable(),
    closed_at: z.string().nullable(),
    overdue: z.array(z.enum(COMPLAINT_DEADLINES)).openapi({ description: 'Deadlines missed and still unmet' }),
    cause: z.string().nullable(),
    impact_scope: z.string().nullable(),
    solution: z.string().nullable(),
    improvement_measures: z.string().nullable(),
    customer_confirmation: z.enum(['accepted', 'rejected']).nullable(),
    customer_feedback: z.string().nullable(),
    customer_satisfaction: z.number().int().nullable(),
    lessons_learned: z.string().nullable(),
    escalation_level: z.number().int(),
    allowed_actions: z.array(z.enum(COMPLAINT_ACTIONS)).openapi({ description: 'What may be done now' }),
    version: z.number().int(),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .openapi('Complaint');
export type Complaint = z.infer<typeof Complaint>;

export const ComplaintEvent = z
  .object({
    id: z.number().int(),
    event: z.string().openapi({ example: 'acknowledged' }),
    from_status: z.enum(COMPLAINT_STATUSES).nullable(),
    to_status: z.enum(COMPLAINT_STATUSES).nullable(),
    actor_id: z.number().int().nullable().openapi({ description: 'null for the system (classifier, escalation timer)' }),
    note: z.string().nullable(),
    data: z.record(z.string(), z.unknown()),
    at: z.string(),
  })
  .openapi('ComplaintEvent');
export type ComplaintEvent = z.infer<typeof ComplaintEvent>;

export const ComplaintEscalation = z
  .object({
    deadline: z.enum(COMPLAINT_DEADLINES),
    level: z.number().int(),
    level_name: z.string(),
    notified_user_ids: z.array(z.number().int()),
    escalated_at: z.string(),
  })
  .openapi('ComplaintEscalation');

export const ComplaintDetail = Complaint.extend({
  events: z.array(ComplaintEvent).openapi({ description: 'Oldest first. Portal users see the customer-facing steps only.' }),
  escalations: z.array(ComplaintEscalation).openapi({ description: 'Staff only (empty for portal users)' }),
}).openapi('ComplaintDetail');
export type ComplaintDetail = z.infer<typeof ComplaintDetail>;

export const ComplaintPage = pageOf(Complaint, 'Complaint');

export const ComplaintListQuery = z.object({
  status: z.enum(COMPLAINT_STATUSES).optional(),
  customer_id: z.coerce.number().int().positive().optional(),
  assignee: z
    .string()
    .regex(/^(me|\d{1,15})$/, 'me or a user id')
    .optional()
    .openapi({ description: '`me` or a user id' }),
  category: z.enum(COMPLAINT_CATEGORIES).optional(),
  priority: z.enum(PRIORITIES).optional(),
  overdue: z.enum(['true', 'false']).optional().openapi({ description: '`true`: a deadline passed and is unmet' }),
  q: z.string().trim().min(1).max(200).optional().openapi({ description: 'Words in the number, title, description or lessons learned' }),
  ...pageQuery,
});
export type ComplaintListQuery = z.infer<typeof ComplaintListQuery>;

export const LessonsQuery = z.object({ q: z.string().trim().min(1).max(200).optional(), ...pageQuery });

export const ComplaintLesson = z
  .object({
    id: z.number().int(),
    complaint_no: z.string(),
    customer_id: z.number().int(),
    title: z.string(),
    category: z.enum(COMPLAINT_CATEGORIES),
    cause: z.string().nullable(),
    solution: z.string().nullable(),
    improvement_measures: z.string().nullable(),
    lessons_learned: z.string(),
    closed_at: z.string(),
  })
  .openapi('ComplaintLesson');
export const ComplaintLessonPage = pageOf(ComplaintLesson, 'ComplaintLesson');

export const ComplaintAcknowledge = z.strictObject({ note: requiredText(5000, '已收到，正在安排工程师排查').optional() }).openapi('ComplaintAcknowledge');
export const ComplaintAssign = z.strictObject({ assignee_id: id, note: requiredText(5000, '转交华东区客户经理').optional() }).openapi('ComplaintAssign');
export const ComplaintInvestigation = z
  .strictObject({
    cause: requiredText(20_000, '核心交换机固件缺陷导致环路').optional(),
    impact_scope: requiredText(20_000, '总部三层办公区全部终端').optional(),
    note: requiredText(20_000, '已联系厂商获取补丁').optional(),
  })
  .openapi('ComplaintInvestigation');
export const ComplaintNote = z.strictObject({ note: requiredText(20_000, '客户要求每日下午同步进展') }).openapi('ComplaintNote');
export const ComplaintResolution = z
  .strictObject({
    solution: requiredText(20_000, '升级交换机固件并启用环路保护'),
    improvement_measures: requiredText(20_000, '所有站点每季度核查固件版本；值班电话 15 分钟内必须回复'),
  })
  .openapi('ComplaintResolution');
export const ComplaintConfirmation = z
  .strictObject({
    accepted: z.boolean(),
    feedback: requiredText(5000, '问题已解决，响应速度希望再快一些').optional(),
    satisfaction: z.number().int().min(1).max(5).optional().openapi({ description: '1 (very unhappy) … 5 (very happy)' }),
  })
  .openapi('ComplaintConfirmation');
export const ComplaintClose = z.strictObject({ lessons_learned: requiredText(20_000, '固件基线要纳入巡检清单；报修电话无人接听需自动转值班经理') }).openapi('ComplaintClose');
export const ComplaintReclassify = z
  .strictObject({
    category: z.enum(COMPLAINT_CATEGORIES).optional(),
    severity: z.enum(COMPLAINT_SEVERITIES).optional(),
    sentiment: z.enum(COMPLAINT_SENTIMENTS).optional(),
  })
  .refine((v) => v.category !== undefined || v.severity !== undefined || v.sentiment !== undefined, { message: 'correct at least one label' })
  .openapi('ComplaintReclassify');
export type ComplaintReclassify = z.infer<typeof ComplaintReclassify>;
