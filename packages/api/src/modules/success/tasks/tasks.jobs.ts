/**
 * # Task due reminders
 *
 * Once per task and day, the assignee of an open task due today or earlier (Asia/Shanghai) finds a
 * `task.due` notice in the inbox. "Once" rests on the notification's dedupe key `task:<id>:due:<date>`,
 * so repeated passes, overlapping timers and several replicas are all safe.
 */
import { and, eq, isNotNull, lte, ne } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Db } from '../../../db/create-db.ts';
import { businessDate } from '../../../platform/time/calendar-date.ts';
import type { KeyRing } from '../../../platform/crypto/key-ring.ts';
import { inTenantJob, jobTenants } from '../../../platform/tenant-jobs.ts';
import { notify } from '../notifications/notifications.public.ts';
import { tasks } from './tasks.schema.ts';

type Deps = { db: Db; keyRing: KeyRing; logger?: Logger };

/** What one pass did, for logs and tests. */
export type TaskReminderReport = { tenants: number; tasks: number; reminders: number; failures: number };

/**
 * One pass over every tenant at `now`: reminds the assignees of open tasks due today or overdue.
 * @example const report = await runTaskDueReminders({ db, keyRing }, new Date()); report.reminders // 3
 */
export async function runTaskDueReminders(deps: Deps, now: Date): Promise<TaskReminderReport> {
  const today = businessDate(now);
  const report: TaskReminderReport = { tenants: 0, tasks: 0, reminders: 0, failures: 0 };
  const runId = `task-due-reminders-${now.toISOString()}`;
  for (const tenant of await jobTenants(deps.db)) {
    report.tenants += 1;
    try {
      await inTenantJob(deps, tenant, 'task-due-reminders', runId, async (scope) => {
        const due = await scope.tx
          .select()
          .from(tasks)
          .where(and(eq(tasks.tenant_id, tenant.id), ne(tasks.status, 'done'), isNotNull(tasks.assignee_id), lte(tasks.due_date, today)));
        for (const task of due) {
          report.tasks += 1;
          const overdue = task.due_date! < today;
          report.reminders += await notify(scope, {
            recipient_ids: [task.assignee_id!],
            kind: 'task.due',
            title: overdue ? { zh: `任务已逾期：${task.title}`, en: `Task overdue: ${task.title}` } : { zh: `任务今日到期：${task.title}`, en: `Task due today: ${task.title}` },
            body: { zh: `截止日期 ${task.due_date}`, en: `Due ${task.due_date}` },
            entity_type: 'task',
            entity_id: task.id,
            data: { task_id: task.id, customer_id: task.customer_id, due_date: task.due_date, overdue },
            dedupe_key: `task:${task.id}:due:${today}`,
          });
        }
      });
    } catch (error) {
      report.failures += 1;
      deps.logger?.warn({ err: error, tenant_id: tenant.id }, 'task due reminders failed');
    }
  }
  return report;
}
