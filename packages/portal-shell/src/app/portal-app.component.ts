import { normalizeLocale, type CrmLocale } from '@crm/widgets';
import { LitElement, html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import type { ShellSignInDetail } from '../login/login-view.component.js';
import { shellMessages, type ShellMessages } from '../i18n/shell.messages.js';
import { clearSession, homeRoute, isPortalUser, loadSession, saveSession, type ShellSession } from '../session/session.store.js';
import { portalAppStyles } from './portal-app.styles.js';
import { parseRoute, surveyLinkToken, type ShellRoute } from './shell.route.js';

const localeKey = 'crm.locale';

/** The shell is served by the API itself, so the API is this page's origin (the dev server proxies `/api`). */
const apiBase = location.origin;

/**
 * The portal shell: sign-in, the staff customer list and the customer page, with a language switch.
 * Portal users (role `customer`) only ever see their own customer and their open surveys (`#/surveys`).
 * An answer link from an e-mail (`/survey/<token>`) shows the survey alone, without signing in.
 */
export class CrmPortalApp extends LitElement {
  static override styles = portalAppStyles;

  @state() private session: ShellSession | undefined = loadSession();
  @state() private locale: CrmLocale = normalizeLocale(localStorage.getItem(localeKey));
  @state() private route: ShellRoute = parseRoute(location.hash);
  /** The token of an answer link, when this page was opened as one. */
  private readonly surveyToken = surveyLinkToken(location.pathname);

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
    const t = shellMessages(this.locale);
    document.title = this.surveyToken ? `${t.surveyLink.title} · ${t.appName}` : t.appName;
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
      ${user && isPortalUser(user) && !this.surveyToken ? this.renderPortalNav(t) : ''}
      <main>${this.renderView()}</main>
    `;
  }

  /** Portal users' two pages: their customer and their open surveys. */
  private renderPortalNav(t: ShellMessages) {
    const current = this.route.name === 'surveys' || this.route.name === 'survey' ? 'surveys' : 'profile';
    const home = this.session ? homeRoute(this.session.user) : '#/customers';
    return html`<nav aria-label=${t.nav.label}>
      <a href=${home} aria-current=${current === 'profile' ? 'page' : nothing}>${t.nav.profile}</a>
      <a href="#/surveys" aria-current=${current === 'surveys' ? 'page' : nothing}>${t.nav.surveys}</a>
    </nav>`;
  }

  private renderView() {
    // The link's token is the credential: no session, and none sent, whoever is signed in in this tab.
    if (this.surveyToken) {
      return html`<crm-provider base-url=${apiBase} locale=${this.locale}>
        <crm-survey-form token=${this.surveyToken} heading-level="1"></crm-survey-form>
      </crm-provider>`;
    }
    const session = this.session;
    if (!session) return html`<crm-login-view base-url=${apiBase} locale=${this.locale}></crm-login-view>`;
    const portalUser = isPortalUser(session.user);
    let route = this.route;
    // Portal users have two pages: their customer and their surveys. The API refuses the rest anyway; this keeps
    // them off error pages. Staff have no surveys to answer (the API answers them 403).
    const surveyRoute = route.name === 'surveys' || route.name === 'survey';
    if ((portalUser && !surveyRoute) || (!portalUser && surveyRoute) || route.name === 'login') route = parseRoute(homeRoute(session.user));
    return html`
      <crm-provider base-url=${apiBase} token=${session.token} locale=${this.locale}>${this.renderRoute(route, portalUser)}</crm-provider>
    `;
  }

  private renderRoute(route: ShellRoute, portalUser: boolean) {
    const t = shellMessages(this.locale);
    switch (route.name) {
      case 'customer':
        return html`<crm-customer-page-view customer-id=${route.id} ?show-back=${!portalUser}></crm-customer-page-view>`;
      case 'surveys':
        return html`<crm-survey-list-view></crm-survey-list-view>`;
      case 'survey':
        return html`<p class="back"><a href="#/surveys">← ${t.surveys.back}</a></p>
          <crm-survey-form survey-id=${route.id} heading-level="1"></crm-survey-form>`;
      default:
        return html`<crm-customer-list-view></crm-customer-list-view>`;
    }
  }
}
