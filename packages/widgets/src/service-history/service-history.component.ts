import { CrmError, type TimelineEntry, type TimelinePage } from '@crm/sdk';
import { Task, TaskStatus } from '@lit/task';
import { LitElement, html } from 'lit';
import { property, state } from 'lit/decorators.js';
import { CrmConfigController } from '../config/config.controller.js';
import { describeLoadFailure, NotConfiguredError, type LoadFailure } from '../config/load-failure.js';
import type { CrmWidgetConfig } from '../config/config.js';
import { normalizeLocale, type CrmLocale } from '../i18n/i18n.js';
import { stateStyles } from '../theme/states.styles.js';
import { themeStyles } from '../theme/theme.styles.js';
import { periodStart, presetTypes, type TimelineType } from './service-history.format.js';
import { serviceHistoryMessages, type ServiceHistoryMessages } from './service-history.messages.js';
import { serviceHistoryStyles } from './service-history.styles.js';
import { renderList, renderServiceHistory, type ServiceHistoryFilters } from './service-history.view.js';

/** `detail` of `crm-timeline-entry-select`: which entry the user activated. */
export type CrmTimelineEntrySelectDetail = { type: TimelineType; id: number };


const ALL_TIME: ServiceHistoryFilters = { type: 'all', breachedOnly: false, period: 'all' };

/**
 * A customer's service history as one timeline (REQ-016-003/007): tickets with their SLA breaches and satisfaction
 * ratings, calls, meetings, e-mails and chats, complaints and contract events, newest first. Filters by type, SLA
 * breaches and period; loads more on demand. Portal users and roles without the permission see fewer types — the
 * widget offers only the types the API returns. Loads `GET /api/v1/customers/{id}/timeline` through the SDK.
 *
 * @summary A customer's timeline of tickets, communications, complaints and contract events.
 *
 * @fires {CustomEvent<CrmTimelineEntrySelectDetail>} crm-timeline-entry-select - The user activated an entry (click,
 * Enter or Space on its title). Bubbles and crosses shadow roots; `detail` is `{ type, id }`, the id in the owning
 * module (service record, communication, complaint or contract transition).
 *
 * @csspart base - The widget's root element (in every state).
 * @csspart title - The heading.
 * @csspart filters - The filter bar.
 * @csspart type-filter - The group of type chips.
 * @csspart chip - Each type chip; the pressed one also `chip-selected`.
 * @csspart chip-selected - The pressed type chip.
 * @csspart breached-toggle - The "breaches only" checkbox.
 * @csspart period - The period select.
 * @csspart list - The ordered list of entries.
 * @csspart entry - Each entry; also `entry-service_record`, `entry-communication`, `entry-complaint` or `entry-contract_event`.
 * @csspart icon - The entry's type icon.
 * @csspart badge - The type badge; also `type`.
 * @csspart type - The type badge.
 * @csspart time - The entry's time.
 * @csspart entry-title - The entry's title, a button that fires `crm-timeline-entry-select`.
 * @csspart summary - The entry's summary (hidden when `compact`).
 * @csspart meta - Ticket or complaint number, priority and status; the kind of contact; the contract event.
 * @csspart marks - The marks of an entry.
 * @csspart mark - Each mark; also `breach`, `severity` or `rating`.
 * @csspart breach - A breach mark; also `response-breach` or `resolution-breach`.
 * @csspart rating - The satisfaction rating; also `low-rating` at 2 of 5 or below.
 * @csspart low-rating - A low satisfaction rating.
 * @csspart load-more - The "load more" button.
 * @csspart message - The text of the loading, empty and error states.
 * @csspart empty - The text shown when nothing matches.
 * @csspart retry - The retry button of the error state.
 *
 * @cssproperty [--crm-font-family=system-ui, …] - Font stack.
 * @cssproperty [--crm-font-size=0.875rem] - Base font size.
 * @cssproperty [--crm-color-text=#1f2937] - Text colour.
 * @cssproperty [--crm-color-text-muted=#4b5563] - Times, summaries and secondary text.
 * @cssproperty [--crm-color-surface=#ffffff] - Background.
 * @cssproperty [--crm-color-surface-muted=#f3f4f6] - Type icons, skeletons.
 * @cssproperty [--crm-color-border=#d1d5db] - Borders and the timeline's rule.
 * @cssproperty [--crm-color-accent=#1d4ed8] - Pressed chip, load more, retry button.
 * @cssproperty [--crm-color-danger=#b91c1c] - Breaches, low ratings, errors.
 * @cssproperty [--crm-color-warning=#b45309] - Ratings, serious complaints.
 * @cssproperty [--crm-color-success=#15803d] - Contract events.
 * @cssproperty [--crm-radius=0.5rem] - Corner radius.
 * @cssproperty [--crm-space=1rem] - Padding and gaps.
 * @cssproperty [--crm-shadow=0 1px 2px rgb(0 0 0 / 0.06)] - Panel shadow.
 * @cssproperty [--crm-focus-ring=0 0 0 3px rgb(29 78 216 / 0.45)] - Focus indicator.
 */
export class CrmServiceHistory extends LitElement {
  static override styles = [themeStyles, stateStyles, serviceHistoryStyles];

  /** Id of the customer whose history to show. Changing it loads the other customer. */
  @property({ attribute: 'customer-id', reflect: true }) customerId = '';

  /** Comma list of the types to show (`service_record,complaint`); all by default. The type chips offer these. */
  @property() types = '';

  /** Entries per page (1–100). */
  @property({ type: Number }) limit = 20;

  /** Narrow hosts (a ticket screen's side panel): no summaries, tighter spacing. */
  @property({ type: Boolean, reflect: true }) compact = false;

  /** Overrides the provider's locale for this widget (`zh-CN` or `en`). */
  @property() locale: string | undefined;

  /** ARIA level of the heading, to fit the host page's outline. */
  @property({ attribute: 'heading-level', type: Number }) headingLevel = 3;

  @state() private filters: ServiceHistoryFilters = ALL_TIME;
  /** The types the API says the caller may see, learnt from the last unfiltered page. */
  @state() private visibleTypes: TimelineType[] | null = null;
  @state() private loadingMore = false;
  @state() private moreFailed = false;

  /** Pages loaded after the first, and where the next one starts. */
  private more: TimelineEntry[] = [];
  private nextCursor: string | null = null;
  /** Bumped with each first page, so a late "load more" answer for old filters is dropped. */
  private generation = 0;

  private readonly config = new CrmConfigController(this);

  private readonly pageTask = new Task(this, {
    args: () => [this.customerId, this.config.value, this.types, this.filters, this.limit] as const,
    task: async ([customerId, config, types, filters, limit], { signal }): Promise<TimelinePage | null> => {
      this.generation++;
      this.more = [];
      this.nextCursor = null;
      this.moreFailed = false;
      this.loadingMore = false;
      if (!customerId) return null;
      if (!config) throw new NotConfiguredError();
      const id = Number(customerId);
      // Ids are positive integers: anything else cannot name a customer, so say so without asking the API.
      if (!Number.isSafeInteger(id) || id <= 0) {
        throw new CrmError({ status: 404, code: 'customer.not_found', message: `customer-id="${customerId}"` });
      }
      const page = await fetchPage(config, id, this.query(types, filters, limit), signal);
      this.nextCursor = page.next_cursor;
      if (filters.type === 'all') this.visibleTypes = presetTypes(types).filter((type) => page.types.includes(type));
      return page;
    },
  });

  /** The locale in force: the widget's own, else the provider's or `configure()`'s, else zh-CN. */
  get effectiveLocale(): CrmLocale {
    return normalizeLocale(this.locale ?? this.config.value?.locale);
  }

  protected override render() {
    const locale = this.effectiveLocale;
    const t = serviceHistoryMessages(locale);
    const failure = this.pageTask.status === TaskStatus.ERROR ? describeLoadFailure(this.pageTask.error, t) : null;
    const showFilters = Boolean(this.customerId) && (!failure || failure.retryable);
    const body = this.pageTask.render({
      initial: () => this.renderLoading(t),
      pending: () => this.renderLoading(t),
      complete: (page) =>
        page
          ? renderList({
              t,
              locale,
              compact: this.compact,
              entries: [...page.items, ...this.more],
              filtered: this.filters.type !== 'all' || this.filters.breachedOnly || this.filters.period !== 'all',
              hasMore: this.nextCursor !== null,
              loadingMore: this.loadingMore,
              moreFailed: this.moreFailed,
              onSelect: (entry) => this.select(entry),
              onLoadMore: () => void this.loadMore(),
            })
          : html`<p part="message" class="muted">${t.empty}<span class="visually-hidden"> ${t.emptyHint}</span></p>`,
      error: () => this.renderError(failure!, t),
    });
    return renderServiceHistory({
      locale,
      t,
      headingLevel: this.headingLevel,
      compact: this.compact,
      busy: this.pageTask.status === TaskStatus.PENDING,
      types: this.visibleTypes ?? presetTypes(this.types),
      filters: showFilters ? this.filters : null,
      onFilters: (filters) => (this.filters = filters),
      body,
    });
  }

  private renderLoading(t: ServiceHistoryMessages) {
    return html`<div class="loading">
      <span part="message" class="visually-hidden" role="status">${t.loading}</span>
      <div class="skeleton wide"></div>
      <div class="skeleton"></div>
      <div class="skeleton wide"></div>
      <div class="skeleton"></div>
    </div>`;
  }

  private renderError(failure: LoadFailure, t: ServiceHistoryMessages) {
    return html`<div class="error" role="alert">
      <p part="message" class="error-message">${failure.text}</p>
      ${failure.requestId ? html`<p class="muted">request_id: ${failure.requestId}</p>` : ''}
      ${failure.retryable ? html`<button part="retry" class="retry" type="button" @click=${() => this.pageTask.run()}>${t.retry}</button>` : ''}
    </div>`;
  }

  private query(types: string, filters: ServiceHistoryFilters, limit: number): TimelineQuery {
    const preset = presetTypes(types);
    return {
      types: (filters.type === 'all' ? preset : [filters.type]).join(','),
      breached: filters.breachedOnly ? 'true' : undefined,
      from: periodStart(filters.period, new Date()),
      limit: Math.min(100, Math.max(1, Math.trunc(limit) || 20)),
    };
  }

  /** The next page after what is shown; on failure the button offers to try again. */
  private async loadMore(): Promise<void> {
    const config = this.config.value;
    const cursor = this.nextCursor;
    if (!config || !cursor || this.loadingMore) return;
    const generation = this.generation;
    this.loadingMore = true;
    this.moreFailed = false;
    try {
      const page = await fetchPage(config, Number(this.customerId), { ...this.query(this.types, this.filters, this.limit), cursor });
      if (generation !== this.generation) return;
      const shown = this.renderRoot.querySelectorAll('[part~="entry-title"]').length;
      this.more = [...this.more, ...page.items];
      this.nextCursor = page.next_cursor;
      this.loadingMore = false;
      await this.updateComplete;
      // Keyboard and screen-reader users continue at the first new entry (the button may be gone now).
      this.renderRoot.querySelectorAll<HTMLElement>('[part~="entry-title"]')[shown]?.focus();
    } catch {
      if (generation === this.generation) this.moreFailed = true;
    } finally {
      if (generation === this.generation) this.loadingMore = false;
    }
  }

  private select(entry: TimelineEntry): void {
    this.dispatchEvent(
      new CustomEvent<CrmTimelineEntrySelectDetail>('crm-timeline-entry-select', {
        bubbles: true,
        composed: true,
        detail: { type: entry.type, id: entry.id },
      }),
    );
  }
}

type TimelineQuery = { types: string; breached?: 'true'; from?: string; limit: number; cursor?: string };

async function fetchPage(config: CrmWidgetConfig, id: number, query: TimelineQuery, signal?: AbortSignal): Promise<TimelinePage> {
  const { data, error } = await config.client.GET('/api/v1/customers/{id}/timeline', { params: { path: { id }, query }, signal });
  if (error) throw error;
  return data;
}
