import { normalizeLocale, type CrmLocale } from '@crm/widgets';
import { LitElement, html } from 'lit';
import { state } from 'lit/decorators.js';
import type { ShellSignInDetail } from '../login/login-view.component.js';
import { shellMessages } from '../i18n/shell.messages.js';
import { clearSession, homeRoute, isPortalUser, loadSession, saveSession, type ShellSession } from '../session/session.store.js';
import { portalAppStyles } from './portal-app.styles.js';
import { parseRoute, type ShellRoute } from './shell.route.js';

const localeKey = 'crm.locale';

/** The shell is served by the API itself, so the API is this page's origin (the dev server proxies `/api`). */
const apiBase = location.origin;

/**
 * The portal shell: sign-in, the staff customer list and the customer page, with a language switch.
 * Portal users (role `customer`) only ever see their own customer.
 */
export class CrmPortalApp extends LitElement {
  static override styles = portalAppStyles;

  @state() private session: ShellSession | undefined = loadSession();
  @state() private locale: CrmLocale = normalizeLocale(localStorage.getItem(localeKey));
  @state() private route: ShellRoute = parseRoute(location.hash);

  private readonly onHashChange = () => {
    this.route = parseRoute(location.hash);
  };

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('hashchange', this.onHashChange);
    this.addEventListener('crm-shell-sign-in', (event) => this.signIn((event as CustomEvent<ShellSignInDetail>).detail));
  }

  override disconnectedCallback(): void {
    window.removeEventListener('hashchange', this.onHashChange);
    super.disconnectedCallback();
  }

  protected override willUpdate(): void {
    document.documentElement.lang = this.locale;
    document.title = shellMessages(this.locale).appName;
  }

  private signIn({ token, user, expiresIn }: ShellSignInDetail): void {
    this.session = saveSession(token, user, expiresIn);
    location.hash = homeRoute(user);
    this.route = parseRoute(location.hash);
  }

  private signOut(): void {
    clearSession();
    this.session = undefined;
    location.hash = '#/login';
  }

  private setLocale(event: Event): void {
    this.locale = normalizeLocale((event.target as HTMLSelectElement).value);
    localStorage.setItem(localeKey, this.locale);
  }

  protected override render() {
    const t = shellMessages(this.locale);
    const user = this.session?.user;
    return html`
      <header>
        <p class="brand">${t.appName}</p>
        <div class="tools">
          ${user ? html`<span>${t.signedInAs(user.display_name ?? user.username ?? '')}</span>` : ''}
          <label
            >${t.language}
            <select @change=${this.setLocale}>
              <option value="zh-CN" ?selected=${this.locale === 'zh-CN'}>中文</option>
              <option value="en" ?selected=${this.locale === 'en'}>English</option>
            </select>
          </label>
          ${user ? html`<button type="button" @click=${this.signOut}>${t.signOut}</button>` : ''}
        </div>
      </header>
      <main>${this.renderView()}</main>
    `;
  }

  private renderView() {
    const session = this.session;
    if (!session) return html`<crm-login-view base-url=${apiBase} locale=${this.locale}></crm-login-view>`;
    const portalUser = isPortalUser(session.user);
    let route = this.route;
    // Portal users have one page: their customer. The API refuses the rest anyway; this keeps them off error pages.
    if (portalUser || route.name === 'login') route = parseRoute(homeRoute(session.user));
    return html`
      <crm-provider base-url=${apiBase} token=${session.token} locale=${this.locale}>
        ${route.name === 'customer'
          ? html`<crm-customer-page-view customer-id=${route.id} ?show-back=${!portalUser}></crm-customer-page-view>`
          : html`<crm-customer-list-view></crm-customer-list-view>`}
      </crm-provider>
    `;
  }
}
