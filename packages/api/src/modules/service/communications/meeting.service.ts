import { ApiError } from '../../../platform/errors.ts';
import './communications.errors.ts';
import type { RequestScope } from '../../../platform/request-context.ts';
import { staffUserIds } from '../../../platform/staff-users.ts';
import { createTask } from '../../success/tasks/tasks.public.ts';
import type { ActionItemInput, MeetingPatch } from './communications.contract.ts';
import type { CommunicationDetails, CommunicationRow } from './communications.schema.ts';
import { assertTextSize, assertTimeOrder, findCommunication, saveCommunication } from './communications.service.ts';

type StoredActionItem = NonNullable<CommunicationDetails['action_items']>[number];

/**
 * Refuses action items owned by someone who is not staff of the tenant (422, nothing written).
 * @example await assertActionOwners(scope, [{ title: '发报价', owner_user_id: 7 }]);
 */
export async function assertActionOwners(scope: RequestScope, items: readonly ActionItemInput[]): Promise<void> {
  const owners = [...new Set(items.map((i) => i.owner_user_id))];
  const staff = new Set(await staffUserIds(scope, owners));
  const strangers = owners.filter((id) => !staff.has(id));
  if (strangers.length > 0) throw new ApiError('communication.participant_invalid', { owner_user_ids: strangers });
}

/**
 * Turns a meeting's action items into tasks of their owners and answers the list to store, each with its
 * task id. An item keeps its task when it names it (`task_id`) or has the title and owner of an existing
 * item; every other item gets a new task under the key `meeting:<id>:item:<n>`, with `n` counting up
 * across saves, so saving the same meeting again never creates a task twice.
 * @example const { action_items, action_item_seq } = await syncActionItems(scope, meeting, items);
 */
export async function syncActionItems(scope: RequestScope, meeting: CommunicationRow, items: readonly ActionItemInput[]): Promise<{ action_items: StoredActionItem[]; action_item_seq: number }> {
  const previous = meeting.details.action_items ?? [];
  const known = new Set(previous.map((p) => p.task_id).filter((id): id is number => id !== undefined));
  const claimed = items.map((i) => i.task_id).filter((id): id is number => id !== undefined);
  const foreign = claimed.filter((id, index) => !known.has(id) || claimed.indexOf(id) !== index);
  if (foreign.length > 0) throw new ApiError('communication.action_item_invalid', { task_ids: foreign });
  const unclaimed = previous.filter((p) => p.task_id !== undefined && !claimed.includes(p.task_id));

  let seq = typeof meeting.details.action_item_seq === 'number' ? meeting.details.action_item_seq : previous.length;
  const stored: StoredActionItem[] = [];
  for (const item of items) {
    let taskId = item.task_id;
    if (taskId === undefined) {
      const same = unclaimed.findIndex((p) => p.title === item.title && p.owner_user_id === item.owner_user_id);
      if (same >= 0) taskId = unclaimed.splice(same, 1)[0]!.task_id;
    }
    if (taskId === undefined) {
      seq += 1;
      const { task } = await createTask(scope, {
        title: item.title,
        type: 'action_item',
        description: meeting.subject ? `会议「${meeting.subject}」的行动项` : null,
        assignee_id: item.owner_user_id,
        due_date: item.due_date ?? null,
        customer_id: meeting.customer_id,
        communication_id: meeting.id,
        communication_occurred_at: meeting.occurred_at,
        source_key: `meeting:${meeting.id}:item:${seq}`,
      });
      taskId = task.id;
    }
    stored.push({ title: item.title, owner_user_id: item.owner_user_id, due_date: item.due_date ?? null, task_id: taskId });
  }
  return { action_items: stored, action_item_seq: seq };
}

/**
 * Records a meeting's minutes, decisions, agenda, action items, subject, place or end. Validates like
 * logging does; new action items become tasks.
 * @example await updateMeeting(scope, 42, { minutes: '双方确认续约意向', action_items: [...] })
 */
export async function updateMeeting(scope: RequestScope, id: number, patch: MeetingPatch): Promise<CommunicationRow> {
  const before = await findCommunication(scope, id);
  if (before.kind !== 'meeting') throw new ApiError('communication.not_meeting', { id, kind: before.kind });
  assertTextSize({ minutes: patch.minutes });
  const endedAt = patch.ended_at === undefined ? before.ended_at : patch.ended_at === null ? null : new Date(patch.ended_at);
  assertTimeOrder(before.occurred_at, endedAt);
  if (patch.action_items) await assertActionOwners(scope, patch.action_items);

  const details: CommunicationDetails = { ...before.details };
  for (const field of ['location', 'agenda', 'minutes', 'decisions'] as const) {
    const value = patch[field];
    if (value === null) delete details[field];
    else if (value !== undefined) (details as Record<string, unknown>)[field] = value;
  }
  if (patch.action_items) Object.assign(details, await syncActionItems(scope, before, patch.action_items));
  return saveCommunication(scope, before, { subject: patch.subject ?? before.subject, ended_at: endedAt, details });
}
