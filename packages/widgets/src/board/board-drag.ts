import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * The HTML5 drag-and-drop bookkeeping every board shares: which card is dragged, which column is the drop target
 * (so the view can outline it), and which card a drop delivers — from this board, or from the data transfer when
 * the drag started in another copy of the board. What a drop then does is the board's own business.
 *
 * @example
 * const drag = new BoardDrag<Stage>(this, 'application/x-crm-task');
 * // dragstart: drag.start(event, task.id, task.title); dragover: drag.over(event, 'done'); drop: drag.take(event)
 */
export class BoardDrag<Column extends string | number> implements ReactiveController {
  private dragging: number | null = null;
  /** The column the dragged card is over, or null. */
  dropTarget: Column | null = null;

  /** @param type - the data-transfer type that marks this board's cards (`application/x-crm-…`). */
  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly type: string,
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  /** A reload replaces the board: nothing stays dragged. */
  reset(): void {
    this.dragging = null;
    this.dropTarget = null;
  }

  /** `dragstart` on a card (not on a control inside it); `label` is what other drop targets receive as text. */
  start(event: DragEvent, id: number, label: string): void {
    if (event.target !== event.currentTarget) return;
    this.dragging = id;
    event.dataTransfer?.setData(this.type, String(id));
    event.dataTransfer?.setData('text/plain', label);
    if (event.dataTransfer) event.dataTransfer.effectAllowed = 'move';
  }

  end(): void {
    this.dragging = null;
    this.setDropTarget(null);
  }

  /** `dragover` on a column: accepts the board's own cards only. */
  over(event: DragEvent, column: Column): void {
    if (this.dragging === null && !event.dataTransfer?.types.includes(this.type)) return;
    event.preventDefault();
    if (event.dataTransfer) event.dataTransfer.dropEffect = 'move';
    this.setDropTarget(column);
  }

  /** `dragleave` of a column: clears the outline unless the pointer only moved onto a child of the column. */
  leave(event: DragEvent, column: Column): void {
    const to = event.relatedTarget as Node | null;
    if (this.dropTarget === column && !(to && (event.currentTarget as Node).contains(to))) this.setDropTarget(null);
  }

  /** `drop`: the id of the dropped card (null when it is not one of the board's), and the drag is over. */
  take(event: DragEvent): number | null {
    const id = this.dragging ?? Number(event.dataTransfer?.getData(this.type));
    this.dragging = null;
    this.setDropTarget(null);
    if (!id) return null;
    event.preventDefault();
    return id;
  }

  private setDropTarget(column: Column | null): void {
    if (this.dropTarget === column) return;
    this.dropTarget = column;
    this.host.requestUpdate();
  }
}

/**
 * Gives a card focus back once the host rendered it (it may have moved to another column and been re-created).
 *
 * @example await refocusCard(this.host, () => this.host.cardElement(id));
 */
export async function refocusCard(host: ReactiveControllerHost & { renderRoot: HTMLElement | DocumentFragment }, card: () => HTMLElement | null): Promise<void> {
  await host.updateComplete;
  const element = card();
  if (element && element !== (host.renderRoot as ShadowRoot).activeElement) element.focus();
}
