import { createCrmClient } from '@crm/sdk';
import { LitElement, html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import '../src/index.js';
import { normalizeLocale, type CrmLocale } from '../src/i18n/i18n.js';
import { galleryMessages } from './gallery.messages.js';
import { galleryStyles } from './gallery.styles.js';

type CustomerRow = { id: number | string; customer_name: string };
type Theme = 'default' | 'dark' | 'brand';

/** The API this gallery talks to: `?api=` for a dev server, else the origin that serves the gallery. */
const apiBase = new URLSearchParams(location.search).get('api') ?? location.origin;

/** A survey link's token to answer in the gallery (`?survey=`); the API shows tokens only in the links it sends. */
const surveyToken = new URLSearchParams(location.search).get('survey') ?? `s0.${'0'.repeat(43)}`;

const embedSnippet = (base: string, ids: string[]) => `<script type="module" src="${base}/widgets/crm-widgets.js"></script>
<crm-provider base-url="${base}" token="…">
  <crm-customer-card customer-id="${ids[0] ?? 1}"></crm-customer-card>
  <crm-customer-card customer-id="${ids[1] ?? 2}" compact></crm-customer-card>
  <crm-contract-panel customer-id="${ids[0] ?? 1}"></crm-contract-panel>
  <crm-service-history customer-id="${ids[0] ?? 1}"></crm-service-history>
  <crm-health-gauge customer-id="${ids[0] ?? 1}"></crm-health-gauge>
</crm-provider>`;

/**
 * The widget gallery served at `/widgets/`: signs in as admin@demo, lists a few customers and shows every widget
 * live, with a locale switch and a theme switch.
 */
export class CrmGalleryApp extends LitElement {
  static override styles = galleryStyles;

  @state() private locale: CrmLocale = normalizeLocale(new URLSearchParams(location.search).get('locale'));
  @state() private theme: Theme = 'default';
  @state() private token = '';
  @state() private user = '';
  @state() private failure = '';
  @state() private customers: CustomerRow[] = [];
  @state() private lastEvent = '';

  override connectedCallback(): void {
    super.connectedCallback();
    this.addEventListener('crm-customer-open', (event) => {
      this.lastEvent = `crm-customer-open ${JSON.stringify(event.detail)}`;
    });
    this.addEventListener('crm-timeline-entry-select', (event) => {
      this.lastEvent = `crm-timeline-entry-select ${JSON.stringify(event.detail)}`;
    });
    this.addEventListener('crm-task-moved', (event) => {
      const { task, from, to } = event.detail;
      this.lastEvent = `crm-task-moved ${JSON.stringify({ id: task.id, from, to })}`;
    });
    this.addEventListener('crm-opportunity-open', (event) => {
      this.lastEvent = `crm-opportunity-open ${JSON.stringify({ opportunityId: event.detail.opportunityId })}`;
    });
    this.addEventListener('crm-opportunity-moved', (event) => {
      const { opportunity, from, to, contractId } = event.detail;
      this.lastEvent = `crm-opportunity-moved ${JSON.stringify({ id: opportunity.id, from: from.code, to: to.code, contractId })}`;
    });
    this.addEventListener('crm-task-created', (event) => {
      this.lastEvent = `crm-task-created ${JSON.stringify({ id: event.detail.task.id, title: event.detail.task.title })}`;
    });
    this.addEventListener('crm-survey-submitted', (event) => {
      this.lastEvent = `crm-survey-submitted ${JSON.stringify(event.detail)}`;
    });
    void this.signIn();
  }

  private async signIn(): Promise<void> {
    try {
      const client = createCrmClient({ baseUrl: apiBase, locale: this.locale });
      // login() keeps the token in this client for the next call.
      const session = await client.login('admin@demo', 'demo123456');
      const { data, error } = await client.GET('/api/v1/customers', { params: { query: { limit: 6 } } });
      if (error) throw error;
      this.customers = data.items;
      this.user = session.user.display_name ?? session.user.username ?? 'admin@demo';
      this.token = session.access_token;
    } catch (error) {
      this.failure = error instanceof Error ? error.message : String(error);
    }
  }

  private setLocale(event: Event): void {
    this.locale = normalizeLocale((event.target as HTMLSelectElement).value);
    document.documentElement.lang = this.locale;
  }

  protected override render() {
    const t = galleryMessages(this.locale);
    const [first, ...others] = this.customers;
    return html`
      <header>
        <div>
          <h1>${t.title}</h1>
          <p>${t.intro}</p>
        </div>
        <div class="controls">
          <label
            >${t.language}
            <select @change=${this.setLocale} .value=${this.locale}>
              <option value="zh-CN" ?selected=${this.locale === 'zh-CN'}>中文</option>
              <option value="en" ?selected=${this.locale === 'en'}>English</option>
            </select>
          </label>
          <label
            >${t.theme}
            <select @change=${(e: Event) => (this.theme = (e.target as HTMLSelectElement).value as Theme)}>
              ${(['default', 'dark', 'brand'] as const).map(
                (theme) => html`<option value=${theme} ?selected=${this.theme === theme}>${t.themes[theme]}</option>`,
              )}
            </select>
          </label>
        </div>
      </header>
      <main>
        <p role="status" class="session">
          ${this.failure ? t.signInFailed(this.failure) : this.token ? t.signedIn(this.user) : t.signingIn}
        </p>
        <p aria-live="polite" class="event-log">${t.lastEvent}: ${this.lastEvent || t.noEvent}</p>
        ${this.token ? this.renderWidgets(t, first, others) : nothing}
      </main>
    `;
  }

  private renderWidgets(t: ReturnType<typeof galleryMessages>, first: CustomerRow | undefined, others: CustomerRow[]) {
    const cards = this.customers.slice(0, 3);
    return html`
      <crm-provider base-url=${apiBase} token=${this.token} locale=${this.locale}>
        <div class="theme-${this.theme}">
          <section aria-labelledby="cards">
            <h2 id="cards">${t.cards}</h2>
            ${cards.length === 0 ? html`<p>${t.noCustomers}</p>` : nothing}
            <div class="grid">
              ${cards.map((c) => html`<crm-customer-card customer-id=${String(c.id)}></crm-customer-card>`)}
            </div>
          </section>
          <section aria-labelledby="compact">
            <h2 id="compact">${t.compact}</h2>
            <div class="stack">
              ${others.map((c) => html`<crm-customer-card compact customer-id=${String(c.id)}></crm-customer-card>`)}
            </div>
          </section>
          <section aria-labelledby="contract-panels">
            <h2 id="contract-panels">${t.contractPanels}</h2>
            <div class="grid">
              ${cards.slice(0, 2).map((c) => html`<crm-contract-panel customer-id=${String(c.id)}></crm-contract-panel>`)}
            </div>
          </section>
          <section aria-labelledby="service-histories">
            <h2 id="service-histories">${t.serviceHistories}</h2>
            <div class="grid">
              ${first ? html`<crm-service-history customer-id=${String(first.id)} limit="8"></crm-service-history>` : nothing}
              ${first ? html`<crm-service-history customer-id=${String(first.id)} compact limit="5" types="service_record,complaint"></crm-service-history>` : nothing}
            </div>
          </section>
          <section aria-labelledby="health-gauges">
            <h2 id="health-gauges">${t.healthGauges}</h2>
            <div class="grid">
              ${cards.slice(0, 3).map((c) => html`<crm-health-gauge customer-id=${String(c.id)}></crm-health-gauge>`)}
            </div>
          </section>
          <section aria-labelledby="task-board">
            <h2 id="task-board">${t.taskBoard}</h2>
            <crm-csm-task-board assignee="team"></crm-csm-task-board>
          </section>
          <section aria-labelledby="opportunity-pipeline">
            <h2 id="opportunity-pipeline">${t.opportunityPipeline}</h2>
            <crm-opportunity-pipeline></crm-opportunity-pipeline>
          </section>
          <section aria-labelledby="survey-form">
            <h2 id="survey-form">${t.surveyForm}</h2>
            <p>${t.surveyFormHint}</p>
            <crm-survey-form token=${surveyToken} heading-level="3"></crm-survey-form>
          </section>
          <section aria-labelledby="states">
            <h2 id="states">${t.states}</h2>
            <div class="grid">
              <crm-customer-card></crm-customer-card>
              <crm-customer-card customer-id="999999999"></crm-customer-card>
            </div>
          </section>
        </div>
        <section aria-labelledby="theming">
          <h2 id="theming">${t.themeDemo}</h2>
          <div class="grid">
            ${first
              ? html`<div class="theme-dark"><crm-customer-card customer-id=${String(first.id)}></crm-customer-card></div>
                  <div class="theme-brand"><crm-customer-card customer-id=${String(first.id)}></crm-customer-card></div>`
              : nothing}
          </div>
        </section>
      </crm-provider>
      <section aria-labelledby="embed">
        <h2 id="embed">${t.embed}</h2>
        <p>${t.embedHint}</p>
        <pre tabindex="0" aria-label=${t.embed}><code>${embedSnippet(apiBase, this.customers.map((c) => String(c.id)))}</code></pre>
      </section>
    `;
  }
}

if (!customElements.get('crm-gallery-app')) customElements.define('crm-gallery-app', CrmGalleryApp);

declare global {
  interface HTMLElementTagNameMap {
    'crm-gallery-app': CrmGalleryApp;
  }
}
