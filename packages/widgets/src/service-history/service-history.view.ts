import type { TimelineEntry } from '@crm/sdk';
import { html, nothing, svg, type TemplateResult } from 'lit';
import type { CrmLocale } from '../i18n/i18n.js';
import { formatEntryTime, PERIODS, type Period, type TimelineType } from './service-history.format.js';
import type { ServiceHistoryMessages } from './service-history.messages.js';

/** The filters as the user set them. */
export type ServiceHistoryFilters = { type: TimelineType | 'all'; breachedOnly: boolean; period: Period };

/** How the widget presents itself around its list: heading, filters and whatever state the list is in. */
export type ServiceHistoryView = {
  locale: CrmLocale;
  t: ServiceHistoryMessages;
  headingLevel: number;
  compact: boolean;
  busy: boolean;
  /** The types the caller may filter by; no type chips when there is only one. */
  types: readonly TimelineType[];
  filters: ServiceHistoryFilters | null;
  onFilters: (filters: ServiceHistoryFilters) => void;
  body: unknown;
};

/** The list's state once loaded. */
export type ServiceHistoryList = {
  t: ServiceHistoryMessages;
  locale: CrmLocale;
  compact: boolean;
  entries: readonly TimelineEntry[];
  filtered: boolean;
  hasMore: boolean;
  loadingMore: boolean;
  moreFailed: boolean;
  onSelect: (entry: TimelineEntry) => void;
  onLoadMore: () => void;
};

/** The widget: heading, filters, and the list (or its loading, empty or error state). */
export function renderServiceHistory(view: ServiceHistoryView): TemplateResult {
  const { t, locale } = view;
  return html`
    <article part="base" class="panel ${view.compact ? 'compact' : ''}" lang=${locale} aria-labelledby="history-title" aria-busy=${view.busy ? 'true' : 'false'}>
      <div part="title" class="title" role="heading" aria-level=${view.headingLevel} id="history-title">${t.title}</div>
      ${view.filters ? renderFilters(view, view.filters) : nothing}
      ${view.body}
    </article>
  `;
}

function renderFilters(view: ServiceHistoryView, filters: ServiceHistoryFilters) {
  const { t } = view;
  const chip = (value: TimelineType | 'all', label: string) => {
    const pressed = filters.type === value;
    return html`<button
      part=${pressed ? 'chip chip-selected' : 'chip'}
      class="chip"
      type="button"
      aria-pressed=${pressed ? 'true' : 'false'}
      @click=${() => view.onFilters({ ...filters, type: value })}
    >
      ${label}
    </button>`;
  };
  return html`<div part="filters" class="filters" role="group" aria-label=${t.filters}>
    ${view.types.length > 1
      ? html`<div part="type-filter" class="chips" role="group" aria-label=${t.typeFilter}>
          ${chip('all', t.allTypes)} ${view.types.map((type) => chip(type, t.types[type] ?? type))}
        </div>`
      : nothing}
    <div class="controls">
      ${view.types.includes('service_record')
        ? html`<label class="toggle"
            ><input
              part="breached-toggle"
              type="checkbox"
              .checked=${filters.breachedOnly}
              @change=${(e: Event) => view.onFilters({ ...filters, breachedOnly: (e.target as HTMLInputElement).checked })}
            />${t.breachedOnly}</label
          >`
        : nothing}
      <label class="period"
        >${t.period}
        <select part="period" @change=${(e: Event) => view.onFilters({ ...filters, period: (e.target as HTMLSelectElement).value as Period })}>
          ${PERIODS.map((period) => html`<option value=${period} ?selected=${filters.period === period}>${t.periods[period]}</option>`)}
        </select></label
      >
    </div>
  </div>`;
}

/** The loaded list: entries, the load-more button and its failure, or the empty state. */
export function renderList(list: ServiceHistoryList): TemplateResult {
  const { t } = list;
  if (list.entries.length === 0) {
    return html`<p part="message empty" class="muted empty">${list.filtered ? t.noMatches : t.noEntries}</p>`;
  }
  return html`
    <ol part="list" class="entries">
      ${list.entries.map((entry) => renderEntry(list, entry))}
    </ol>
    <p class="visually-hidden" role="status">${t.loaded(list.entries.length)}</p>
    ${list.moreFailed ? html`<p part="message" class="error-message" role="alert">${t.loadMoreFailed}</p>` : nothing}
    ${list.hasMore
      ? html`<button
          part="load-more"
          class="load-more"
          type="button"
          aria-disabled=${list.loadingMore ? 'true' : 'false'}
          @click=${() => list.loadingMore || list.onLoadMore()}
        >
          ${list.loadingMore ? t.loadingMore : list.moreFailed ? t.retry : t.loadMore}
        </button>`
      : nothing}
  `;
}

function renderEntry(list: ServiceHistoryList, entry: TimelineEntry) {
  const { t, locale } = list;
  const label = t.types[entry.type] ?? entry.type;
  return html`<li part="entry entry-${entry.type}" class="entry ${entry.type}" data-type=${entry.type} data-id=${entry.id}>
    <span part="icon" class="icon" aria-hidden="true">${ICONS[entry.type]}</span>
    <div class="entry-body">
      <div class="entry-head">
        <span part="badge type" class="badge type">${label}</span>
        <time part="time" class="time" datetime=${entry.at}>${formatEntryTime(entry.at, locale)}</time>
      </div>
      <button part="entry-title" class="entry-title" type="button" @click=${() => list.onSelect(entry)}>
        ${entry.title || label}
      </button>
      ${entry.summary && !list.compact ? html`<p part="summary" class="summary">${entry.summary}</p>` : nothing}
      ${renderMeta(t, entry)} ${renderMarks(t, entry)}
    </div>
  </li>`;
}

/** The small facts of each type: ticket number and priority, the kind of contact, the contract event. */
function renderMeta(t: ServiceHistoryMessages, entry: TimelineEntry) {
  const d = entry.detail;
  const facts: (string | null | undefined)[] = [];
  if (entry.type === 'service_record') facts.push(d.ticket_no, d.priority, statusOf(t, entry.status));
  if (entry.type === 'complaint') facts.push(d.complaint_no, entry.marks.priority, statusOf(t, entry.status));
  if (entry.type === 'communication') facts.push(d.kind ? t.kinds[d.kind] ?? d.kind : null, d.channel ? t.channels[d.channel] ?? d.channel : null);
  if (entry.type === 'contract_event') facts.push(d.contract_no, d.event ? t.events[d.event] ?? d.event : null);
  // A call's channel is often the phone: say it once.
  const shown = [...new Set(facts.filter((fact): fact is string => Boolean(fact)))];
  return shown.length ? html`<p part="meta" class="meta">${shown.join(t.separator)}</p>` : nothing;
}

const statusOf = (t: ServiceHistoryMessages, status: string | undefined) => (status ? t.statuses[status] ?? status : null);

function renderMarks(t: ServiceHistoryMessages, entry: TimelineEntry) {
  const m = entry.marks;
  const rating = m.satisfaction_rating;
  const marks = [
    m.response_breached ? html`<span part="mark breach response-breach" class="mark breach">${t.responseBreached}</span>` : nothing,
    m.resolution_breached ? html`<span part="mark breach resolution-breach" class="mark breach">${t.resolutionBreached}</span>` : nothing,
    m.severity && (m.severity === 'high' || m.severity === 'critical')
      ? html`<span part="mark severity" class="mark severity">${t.severity[m.severity] ?? m.severity}</span>`
      : nothing,
    typeof rating === 'number'
      ? html`<span part=${m.low_rating ? 'mark rating low-rating' : 'mark rating'} class="mark rating ${m.low_rating ? 'low' : ''}"
          ><span aria-hidden="true">★ ${rating}/5${m.low_rating ? ` ${t.lowRating}` : ''}</span
          ><span class="visually-hidden">${t.rating(rating)}${m.low_rating ? `（${t.lowRating}）` : ''}</span></span
        >`
      : nothing,
  ];
  const any = m.response_breached || m.resolution_breached || typeof rating === 'number' || m.severity === 'high' || m.severity === 'critical';
  return any ? html`<div part="marks" class="marks">${marks}</div>` : nothing;
}

/** Hand-drawn 16 px icons: a ticket, a speech bubble, a warning sign, a document. */
const ICONS: Record<string, TemplateResult> = {
  service_record: html`<svg viewBox="0 0 16 16" width="16" height="16">${svg`<path d="M2 4h12v3a1.5 1.5 0 0 0 0 2v3H2V9a1.5 1.5 0 0 0 0-2z" fill="none" stroke="currentColor" stroke-width="1.4"/>`}</svg>`,
  communication: html`<svg viewBox="0 0 16 16" width="16" height="16">${svg`<path d="M2 3h12v8H7l-3 3v-3H2z" fill="none" stroke="currentColor" stroke-width="1.4" stroke-linejoin="round"/>`}</svg>`,
  complaint: html`<svg viewBox="0 0 16 16" width="16" height="16">${svg`<path d="M8 2l6.5 12h-13z M8 6.5v3.5 M8 11.5v1" fill="none" stroke="currentColor" stroke-width="1.4" stroke-linejoin="round"/>`}</svg>`,
  contract_event: html`<svg viewBox="0 0 16 16" width="16" height="16">${svg`<path d="M4 1.5h6l3 3v10H4z M6 8h5 M6 11h5" fill="none" stroke="currentColor" stroke-width="1.4" stroke-linejoin="round"/>`}</svg>`,
};
