import { CrmCsmTaskBoard, type CrmTaskCreatedDetail, type CrmTaskMovedDetail } from './csm-task-board.component.js';

export { CrmCsmTaskBoard };
export type { CrmTaskCreatedDetail, CrmTaskMovedDetail } from './csm-task-board.component.js';

if (!customElements.get('crm-csm-task-board')) {
  customElements.define('crm-csm-task-board', CrmCsmTaskBoard);
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-csm-task-board': CrmCsmTaskBoard;
  }
  interface GlobalEventHandlersEventMap {
    'crm-task-moved': CustomEvent<CrmTaskMovedDetail>;
    'crm-task-created': CustomEvent<CrmTaskCreatedDetail>;
  }
}
