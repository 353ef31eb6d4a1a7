import { createCrmClient } from '@crm/sdk';
import { LitElement, css, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { CrmLocale } from '@crm/widgets';
import { shellStyles } from '../app/shell.styles.js';
import { shellMessages } from '../i18n/shell.messages.js';
import type { ShellUser } from '../session/session.store.js';

/** `detail` of `crm-shell-sign-in`: what the token endpoint returned. */
export type ShellSignInDetail = { token: string; user: ShellUser; expiresIn: number };

/**
 * Username and password form. Signs in through the SDK and hands the token to the app.
 *
 * @fires {CustomEvent<ShellSignInDetail>} crm-shell-sign-in - Signed in.
 */
export class CrmLoginView extends LitElement {
  static override styles = [
    shellStyles,
    css`
      form {
        display: grid;
        gap: 1rem;
        max-width: 22rem;
        margin: 3rem auto;
        padding: 1.5rem;
        background: #fff;
        border: 1px solid #d1d5db;
        border-radius: 0.5rem;
      }
    `,
  ];

  @property() locale: CrmLocale = 'zh-CN';
  @property({ attribute: 'base-url' }) baseUrl = '';
  @state() private busy = false;
  @state() private failure = '';

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    this.busy = true;
    this.failure = '';
    try {
      const client = createCrmClient({ baseUrl: this.baseUrl, locale: this.locale });
      const session = await client.login(String(form.get('username')), String(form.get('password')));
      const detail: ShellSignInDetail = {
        token: session.access_token,
        user: session.user,
        expiresIn: session.expires_in,
      };
      this.dispatchEvent(new CustomEvent('crm-shell-sign-in', { detail, bubbles: true, composed: true }));
    } catch (error) {
      this.failure = error instanceof Error ? error.message : String(error);
    } finally {
      this.busy = false;
    }
  }

  protected override render() {
    const t = shellMessages(this.locale).login;
    return html`
      <form @submit=${this.submit} aria-labelledby="login-title">
        <h1 id="login-title">${t.title}</h1>
        <label>${t.username}<input name="username" autocomplete="username" required /></label>
        <label>${t.password}<input name="password" type="password" autocomplete="current-password" required /></label>
        ${this.failure ? html`<p role="alert" class="error">${t.failed}：${this.failure}</p>` : nothing}
        <button type="submit" ?disabled=${this.busy}>${this.busy ? t.submitting : t.submit}</button>
      </form>
    `;
  }
}
