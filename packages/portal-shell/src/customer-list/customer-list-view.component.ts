import { Task, TaskStatus } from '@lit/task';
import type { CustomerSummary } from '@crm/sdk';
import { CrmConfigController, messagesFor, normalizeLocale, type CrmClient } from '@crm/widgets';
import { LitElement, css, html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import { shellStyles } from '../app/shell.styles.js';
import { shellMessages } from '../i18n/shell.messages.js';

/** A row of `GET /api/v1/customers`. */
type CustomerRow = CustomerSummary;

type ListPage = { items: CustomerRow[]; nextCursor: string | null };

const pageSize = 20;

/**
 * Staff customer list: search (`q`), status and level filters, and "load more" through `next_cursor`.
 * Reads through the SDK client its `<crm-provider>` gives it.
 */
export class CrmCustomerListView extends LitElement {
  static override styles = [
    shellStyles,
    css`
      form {
        display: flex;
        flex-wrap: wrap;
        align-items: end;
        gap: 0.75rem;
        margin-bottom: 1rem;
      }
      .q {
        flex: 1 1 14rem;
      }
      .more {
        display: flex;
        align-items: center;
        gap: 1rem;
        margin-top: 1rem;
      }
    `,
  ];

  @state() private q = '';
  @state() private status = '';
  @state() private level = '';
  @state() private cursor: string | null = null;

  private readonly config = new CrmConfigController(this);
  private lastClient: CrmClient | undefined;

  private readonly listTask = new Task(this, {
    args: () => [this.q, this.status, this.level, this.cursor, this.config.value?.client] as const,
    task: async ([q, status, level, cursor, client], { signal }): Promise<ListPage> => {
      if (!client) return { items: [], nextCursor: null };
      const query = { q: q || undefined, status: status || undefined, level: level || undefined, limit: pageSize, cursor: cursor ?? undefined };
      const { data, error } = await client.GET('/api/v1/customers', { params: { query }, signal });
      if (error) throw error;
      const previous = this.listTask.value;
      // A cursor continues the list already shown; no cursor starts a new one.
      const items = cursor && previous ? [...previous.items, ...data.items] : data.items;
      return { items, nextCursor: data.next_cursor ?? null };
    },
  });

  protected override willUpdate(): void {
    // A new client (other locale or token) starts from the first page again.
    const client = this.config.value?.client;
    if (client !== this.lastClient) {
      this.lastClient = client;
      this.cursor = null;
    }
  }

  private search(event: SubmitEvent): void {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    this.q = String(form.get('q') ?? '').trim();
    this.status = String(form.get('status') ?? '');
    this.level = String(form.get('level') ?? '');
    this.cursor = null;
  }

  private filter(event: Event): void {
    const select = event.target as HTMLSelectElement;
    if (select.name === 'status') this.status = select.value;
    if (select.name === 'level') this.level = select.value;
    this.cursor = null;
  }

  protected override render() {
    const locale = normalizeLocale(this.config.value?.locale);
    const t = shellMessages(locale).list;
    const labels = messagesFor(locale);
    const page = this.listTask.value;
    const pending = this.listTask.status === TaskStatus.PENDING;
    return html`
      <h1>${t.title}</h1>
      <form role="search" @submit=${this.search}>
        <label class="q">${t.search}<input type="search" name="q" .value=${this.q} placeholder=${t.searchPlaceholder} /></label>
        <label
          >${t.status}
          <select name="status" @change=${this.filter}>
            <option value="">${t.all}</option>
            ${[1, 2, 3].map((s) => html`<option value=${s} ?selected=${this.status === String(s)}>${labels.status[s]}</option>`)}
          </select>
        </label>
        <label
          >${t.level}
          <select name="level" @change=${this.filter}>
            <option value="">${t.all}</option>
            ${[1, 2, 3, 4].map((l) => html`<option value=${l} ?selected=${this.level === String(l)}>${labels.level[l]}</option>`)}
          </select>
        </label>
        <button type="submit">${t.submit}</button>
      </form>
      ${this.listTask.status === TaskStatus.ERROR
        ? html`<p role="alert" class="error">${t.failed}：${(this.listTask.error as Error | undefined)?.message}</p>`
        : nothing}
      ${page && page.items.length > 0 ? this.renderTable(page.items, t, labels) : nothing}
      ${page && page.items.length === 0 && !pending ? html`<p class="muted">${t.empty}</p>` : nothing}
      <div class="more">
        <span class="muted" role="status">${pending ? t.loading : page ? t.count(page.items.length) : ''}</span>
        ${page?.nextCursor
          ? html`<button class="secondary" type="button" ?disabled=${pending} @click=${() => (this.cursor = page.nextCursor)}>
              ${t.loadMore}
            </button>`
          : nothing}
      </div>
    `;
  }

  private renderTable(items: CustomerRow[], t: ReturnType<typeof shellMessages>['list'], labels: ReturnType<typeof messagesFor>) {
    return html`
      <div class="table-scroll" tabindex="0" role="region" aria-label=${t.title}>
        <table>
          <thead>
            <tr>
              <th scope="col">${t.name}</th>
              <th scope="col">${t.code}</th>
              <th scope="col">${t.level}</th>
              <th scope="col">${t.status}</th>
              <th scope="col">${t.manager}</th>
              <th scope="col">${t.completeness}</th>
            </tr>
          </thead>
          <tbody>
            ${items.map(
              (row) => html`<tr>
                <td><a href="#/customers/${row.id}">${row.customer_name}</a></td>
                <td>${row.customer_code}</td>
                <td>${labels.level[row.level]}</td>
                <td>${labels.status[row.status]}</td>
                <td>${row.assigned_manager_name ?? '—'}</td>
                <td>${row.completeness_score == null ? '—' : `${row.completeness_score}%`}</td>
              </tr>`,
            )}
          </tbody>
        </table>
      </div>
    `;
  }
}
